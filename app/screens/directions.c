/* directions.c: route to steps, summary and QR text (see directions.h). */
#include "directions.h"

#include "i18n.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void directions_release(Directions *d)
{
    route_release(&d->route);
    memset(d, 0, sizeof *d);
}

static void add_floor(Directions *d, int floor)
{
    for (size_t i = 0; i < d->nfloors; i++)
        if (d->floors[i] == floor)
            return;
    if (d->nfloors < sizeof d->floors / sizeof d->floors[0])
        d->floors[d->nfloors++] = floor;
}

int directions_find(const Site *s, int from, int dest, bool step_free, Directions *d)
{
    memset(d, 0, sizeof *d);
    const Destination *de = &s->destinations[dest];
    int to = de->waypoint;
    add_floor(d, s->waypoints[from].floor);
    if (from == to) {
        d->status = DIRECTIONS_HERE;
        return 0;
    }
    int rc = route_find(s->graph, from, to, step_free ? ROUTE_STEP_FREE : 0, &d->route);
    if (rc < 0)
        return -1;
    if (rc == 1) {
        Route any = {0};
        int any_rc = step_free ? route_find(s->graph, from, to, 0, &any) : 1;
        route_release(&any);
        d->status = any_rc == 0 ? DIRECTIONS_NO_STEP_FREE : DIRECTIONS_NO_ROUTE;
        return 0;
    }
    d->status = DIRECTIONS_OK;
    d->length_m = d->route.length_m;
    d->uses_lift = d->route.uses_lift;
    d->uses_stairs = d->route.uses_stairs || d->route.uses_escalator;
    d->minutes = (int)ceil(d->length_m / 60.0);
    if (d->minutes < 1)
        d->minutes = 1;
    for (size_t i = 0; i < d->route.nedges && d->nsteps < DIRECTIONS_MAX_STEPS; i++) {
        const RouteEdge *e = route_graph_edge(s->graph, d->route.edges[i]);
        DirectionsStep *st = &d->steps[d->nsteps++];
        st->text = e->instruction;
        st->edge = d->route.edges[i];
        st->floor = s->waypoints[e->from].floor;
        st->kind = e->kind;
        st->length_m = e->length_m;
        add_floor(d, s->waypoints[e->to].floor);
    }
    return 0;
}

void directions_qr_text(const Site *s, int kiosk, int dest, const Directions *d, char *out,
                        size_t cap)
{
    const Destination *de = &s->destinations[dest];
    if (de->web && *de->web) {
        snprintf(out, cap, "%s", de->web);
        return;
    }
    const Floor *f = &s->floors[de->floor];
    char head[512], where[256];
    i18n_format(where, sizeof where, S_DEST_WHERE_VALUE, s->buildings[f->building].name,
                f->name, NULL);
    i18n_format(head, sizeof head, S_QR_ROUTE_HEADER, s->name, de->name, where);
    size_t o = (size_t)snprintf(out, cap, "%s", head);
    if (o >= cap)
        return;
    if (d->status == DIRECTIONS_NO_ROUTE || d->status == DIRECTIONS_NO_STEP_FREE) {
        const char *why = tr(d->status == DIRECTIONS_NO_ROUTE ? S_DEST_NO_ROUTE
                                                                : S_DEST_NO_STEP_FREE);
        snprintf(out + o, cap - o, "\n%s", why);
        return;
    }
    char line[600];
    i18n_format(line, sizeof line, S_DEST_START, s->kiosks[kiosk].name, NULL, NULL);
    o += (size_t)snprintf(out + o, cap - o, "\n1. %s", line);
    const char *tail_id = tr(S_HOME_HELP_NO_PLACE);
    for (size_t i = 0; i < d->nsteps && o < cap; i++) {
        int n = snprintf(line, sizeof line, "\n%zu. %s", i + 2, d->steps[i].text);
        /* Leave room for the closing line and the reception fallback. */
        if (n < 0 || o + (size_t)n + 200 >= cap) {
            o += (size_t)snprintf(out + o, cap - o, "\n%s", tail_id);
            return;
        }
        memcpy(out + o, line, (size_t)n + 1);
        o += (size_t)n;
    }
    i18n_format(line, sizeof line, S_DEST_ARRIVE, de->name, NULL, NULL);
    snprintf(out + o, cap - o, "\n%zu. %s", d->nsteps + 2, line);
}
