/* directions.c: route to steps, summary and QR text (see directions.h). */
#include "directions.h"

#include "err.h"
#include "i18n.h"
#include "mem.h"
#include "qr.h"

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

const char *directions_edge_means(const Site *s, const RouteEdge *e)
{
    if (e->kind != PATH_LIFT && e->kind != PATH_STAIRS && e->kind != PATH_ESCALATOR)
        return NULL;
    const char *name = s->waypoints[e->from].landmark;
    return name && *name ? name : NULL;
}

/* ---- the route's lines in a wording ---- */

enum { QR_LINE = 640 };

typedef struct QrLines {
    size_t n;
    char line[DIRECTIONS_MAX_STEPS + 2][QR_LINE]; /* start, steps, arrival */
} QrLines;

/* What to call waypoint wp at the end of a short walk: the destination when it is its
 * door, else its landmark, else NULL. */
static const char *walk_target(const Site *s, int dest, int wp)
{
    if (s->destinations[dest].waypoint == wp)
        return s->destinations[dest].name;
    const char *lm = s->waypoints[wp].landmark;
    return lm && *lm ? lm : NULL;
}

static void add_line(QrLines *q, const char *text)
{
    if (q->n < sizeof q->line / sizeof q->line[0])
        snprintf(q->line[q->n++], QR_LINE, "%s", text);
}

/* The route's lines from the start line to the arrival. Returns -1 when the route has
 * more steps than a code can number. */
static int route_lines(const Site *s, int kiosk, int dest, const Directions *d,
                       DirectionsWording wording, QrLines *q)
{
    char line[QR_LINE];
    q->n = 0;
    if (d->route.nedges + 2 > sizeof q->line / sizeof q->line[0])
        return err_set("directions: a route of %zu steps is too long to hand over",
                       d->route.nedges);
    i18n_format(line, sizeof line, S_DEST_START, s->kiosks[kiosk].name, NULL, NULL);
    add_line(q, line);
    size_t n = d->route.nedges;
    for (size_t i = 0; i < n;) {
        const RouteEdge *e = route_graph_edge(s->graph, d->route.edges[i]);
        /* The last step keeps its words unless every walk is short. */
        size_t last = wording == DIRECTIONS_WORDS_SHORT ? n : n - 1;
        if (wording != DIRECTIONS_WORDS_FULL && e->kind == PATH_WALK && i < last) {
            /* Join this walk and the walks after it up to the last one that ends
             * somewhere with a name. */
            double metres = 0, run = 0;
            size_t end = 0;
            const char *target = NULL;
            for (size_t j = i; j < last; j++) {
                const RouteEdge *f = route_graph_edge(s->graph, d->route.edges[j]);
                if (f->kind != PATH_WALK)
                    break;
                run += f->length_m;
                const char *t = walk_target(s, dest, f->to);
                if (t) {
                    target = t;
                    end = j + 1;
                    metres = run;
                }
            }
            if (target) {
                char m[32];
                snprintf(m, sizeof m, "%.0f", metres);
                i18n_format(line, sizeof line, S_QR_STEP_WALK, m, target, NULL);
                add_line(q, line);
                i = end;
                continue;
            }
        }
        add_line(q, e->instruction);
        i++;
    }
    i18n_format(line, sizeof line, S_DEST_ARRIVE, s->destinations[dest].name, NULL, NULL);
    add_line(q, line);
    return 0;
}

/* ---- lines into codes ---- */

/* The header of part `part` (1-based) of `parts`. */
static void part_header(const Site *s, int dest, int part, int parts, char *out, size_t cap)
{
    const Destination *de = &s->destinations[dest];
    const Floor *f = &s->floors[de->floor];
    char head[512], where[256];
    i18n_format(where, sizeof where, S_DEST_WHERE_VALUE, s->buildings[f->building].name,
                f->name, NULL);
    i18n_format(head, sizeof head, S_QR_ROUTE_HEADER, s->name, de->name, where);
    if (parts == 1) {
        snprintf(out, cap, "%s", head);
        return;
    }
    char a[16], b[16];
    snprintf(a, sizeof a, "%d", part);
    snprintf(b, sizeof b, "%d", parts);
    i18n_format(out, cap, S_QR_ROUTE_PART, head, a, b);
}

/* Puts q's lines, numbered, into `parts` codes of at most cap bytes, filling each in
 * turn. Returns 0, or -1 when they do not fit. */
static int pack(const Site *s, int dest, const QrLines *q, int parts, size_t cap,
                DirectionsQr *out)
{
    size_t i = 0;
    for (int p = 0; p < parts; p++) {
        char *t = out->text[p], tail[160], a[16], b[16];
        part_header(s, dest, p + 1, parts, t, cap + 1);
        size_t len = strlen(t);
        tail[0] = '\0';
        if (p + 1 < parts) {
            snprintf(a, sizeof a, "%d", p + 2);
            snprintf(b, sizeof b, "%d", parts);
            char words[128];
            i18n_format(words, sizeof words, S_QR_ROUTE_CONTINUES, a, b, NULL);
            snprintf(tail, sizeof tail, "\n%s", words);
        }
        if (len + strlen(tail) > cap)
            return -1;
        size_t first = i;
        while (i < q->n) {
            char line[QR_LINE + 16];
            int n = snprintf(line, sizeof line, "\n%zu. %s", i + 1, q->line[i]);
            if (n < 0 || len + (size_t)n + strlen(tail) > cap)
                break;
            memcpy(t + len, line, (size_t)n + 1);
            len += (size_t)n;
            i++;
        }
        if (i == first)
            return -1; /* a part must carry at least one line */
        if (i == q->n) {
            if (p + 1 < parts)
                return -1; /* fits fewer parts: the caller tries those first */
            return 0;
        }
        memcpy(t + len, tail, strlen(tail) + 1);
    }
    return -1;
}

int directions_qr(const Site *s, int kiosk, int dest, const Directions *d, size_t cap,
                  int max_parts, DirectionsQr *out)
{
    out->nparts = 0;
    if (max_parts > DIRECTIONS_QR_MAX_PARTS)
        max_parts = DIRECTIONS_QR_MAX_PARTS;
    if (cap > DIRECTIONS_QR_TEXT)
        cap = DIRECTIONS_QR_TEXT;
    const Destination *de = &s->destinations[dest];
    if (de->web && *de->web) {
        if (strlen(de->web) > cap)
            return err_set("directions: the web address of %s is longer than a code of %zu "
                           "bytes", de->id, cap);
        snprintf(out->text[0], sizeof out->text[0], "%s", de->web);
        out->wording = DIRECTIONS_WORDS_WEB;
        out->nparts = 1;
        return 0;
    }
    if (d->status != DIRECTIONS_OK) {
        /* Here, or no route: the header and what to do. */
        char head[DIRECTIONS_QR_TEXT + 1];
        part_header(s, dest, 1, 1, head, sizeof head);
        const char *why = d->status == DIRECTIONS_HERE ? tr(S_DEST_ROUTE_SUMMARY_SHORT)
                          : d->status == DIRECTIONS_NO_ROUTE ? tr(S_DEST_NO_ROUTE)
                                                             : tr(S_DEST_NO_STEP_FREE);
        int n = snprintf(out->text[0], sizeof out->text[0], "%s\n%s", head, why);
        if (n < 0 || (size_t)n > cap)
            return err_set("directions: the code for %s needs more than %zu bytes", de->id,
                           cap);
        out->wording = DIRECTIONS_WORDS_FULL;
        out->nparts = 1;
        return 0;
    }
    QrLines *q = mem_alloc(sizeof *q);
    if (!q)
        return err_set("directions: out of memory");
    int rc = -1;
    /* One code in the fullest wording that fits, else as few codes as the short
     * wording needs. */
    for (int w = DIRECTIONS_WORDS_FULL; w <= DIRECTIONS_WORDS_SHORT && rc != 0; w++) {
        if (route_lines(s, kiosk, dest, d, (DirectionsWording)w, q) != 0)
            break;
        if (pack(s, dest, q, 1, cap, out) == 0) {
            out->wording = (DirectionsWording)w;
            out->nparts = 1;
            rc = 0;
        }
    }
    for (int parts = 2; parts <= max_parts && rc != 0; parts++) {
        if (pack(s, dest, q, parts, cap, out) == 0) {
            out->wording = DIRECTIONS_WORDS_SHORT;
            out->nparts = parts;
            rc = 0;
        }
    }
    mem_free(q);
    if (rc != 0)
        err_set("directions: the route to %s does not fit %d code%s of %zu bytes", de->id,
                max_parts, max_parts == 1 ? "" : "s", cap);
    return rc;
}

int directions_qr_fit(const Site *s, int kiosk, int dest, const Directions *d, int usual,
                      int most, DirectionsQr *out)
{
    if (usual > most)
        usual = most;
    /* Capacity with the UTF-8 ECI, in case the words need it. */
    size_t usual_cap = qr_capacity(usual, true), most_cap = qr_capacity(most, true);
    if (directions_qr(s, kiosk, dest, d, usual_cap, 1, out) == 0)
        return 0;
    /* The smallest larger code that holds the route, in the fullest wording it holds. */
    for (int v = usual + 1; v <= most; v++)
        if (directions_qr(s, kiosk, dest, d, qr_capacity(v, true), 1, out) == 0)
            return 0;
    return directions_qr(s, kiosk, dest, d, most_cap, DIRECTIONS_QR_MAX_PARTS, out);
}
