/* content_check.c: checks that need the whole model: every destination and kiosk can
 * be reached from every kiosk (a kiosk no route reaches is an error; a destination no
 * route reaches is a warning, since the kiosk then says it cannot show directions
 * there; reachable only by stairs or escalators is a warning), floors with a plan size
 * but nothing drawn, waypoints joined to no path and destination types with no
 * destinations (warnings). Route searches use the kiosk's own route module, so the
 * build checks exactly what the kiosk will do. Each check is a step of the progress
 * bar, when there is one. */
#include "content_model.h"

#include "err.h"
#include "progress.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A waypoint off its floor's plan or drawing: its marker would be off the map. */
static void check_waypoints_on_plan(ContentModel *m)
{
    for (size_t i = 0; i < m->nwaypoints; i++) {
        const SrcWaypoint *w = &m->waypoints[i];
        if (w->floor < 0 || (size_t)w->floor >= m->nfloors)
            continue;
        const SrcFloor *f = &m->floors[w->floor];
        if (f->plan_w <= 0 || (w->x >= 0 && w->x <= f->plan_w && w->y >= 0 && w->y <= f->plan_h))
            continue;
        int col = m->twaypoints.colnum[w->x < 0 || w->x > f->plan_w ? WAYPOINT_X : WAYPOINT_Y];
        if (f->has_drawing)
            diag_add(m->diags, DIAG_WARNING, m->twaypoints.path, w->line, col,
                     "waypoint '%s' at (%g, %g) is outside the drawing of floor '%s' (%s), "
                     "which is %d wide and %d high (its viewBox); the marker would be off "
                     "the map", w->id, w->x, w->y, f->id, f->drawing_file, f->plan_w,
                     f->plan_h);
        else
            diag_add(m->diags, DIAG_WARNING, m->twaypoints.path, w->line, col,
                     "waypoint '%s' at (%g, %g) is outside the plan of floor '%s', which is "
                     "%d wide and %d high; the marker would be off the plan", w->id, w->x,
                     w->y, f->id, f->plan_w, f->plan_h);
    }
}

static void check_plans(ContentModel *m)
{
    check_waypoints_on_plan(m);
    if (!m->tplans.loaded)
        return;
    for (size_t i = 0; i < m->nfloors; i++) {
        const SrcFloor *f = &m->floors[i];
        if (f->plan_w > 0 && f->nshapes == 0 && !f->has_drawing)
            diag_add(m->diags, DIAG_WARNING, m->tfloors.path, f->line,
                     m->tfloors.colnum[FLOOR_PLAN_W], "floor '%s' has a plan size but no "
                     "shapes in plans.csv; draw its rooms there, or leave plan_width and "
                     "plan_height empty", f->id);
    }
}

static void check_waypoints(ContentModel *m)
{
    if (!m->tpaths.loaded || m->tpaths.dropped > 0)
        return;
    for (size_t i = 0; i < m->nwaypoints; i++) {
        const SrcWaypoint *w = &m->waypoints[i];
        if (w->npaths == 0 && m->nwaypoints > 1)
            diag_add(m->diags, DIAG_WARNING, m->twaypoints.path, w->line,
                     m->twaypoints.colnum[WAYPOINT_ID], "waypoint '%s' is not joined to any "
                     "path; join it to another waypoint in paths.csv, or remove it", w->id);
    }
}

static void check_types(ContentModel *m)
{
    if (!m->tdestinations.loaded || m->tdestinations.dropped > 0)
        return;
    for (size_t i = 0; i < m->ntypes; i++) {
        const SrcType *t = &m->types[i];
        if (t->ndestinations == 0)
            diag_add(m->diags, DIAG_WARNING, m->ttypes.path, t->line,
                     m->ttypes.colnum[TYPE_ID], "no destination has the type '%s'; the kiosk "
                     "would show an empty list, so give it destinations or remove it", t->id);
    }
}

/* Which nodes each kiosk reaches: reach[k * n + node], for any route and step-free. */
typedef struct Reach {
    bool *any, *step_free;
    size_t n;
} Reach;

/* Words a list of kiosks: "kiosk 'a'", "kiosks 'a' and 'b'". */
static void kiosk_list(const ContentModel *m, const bool *missing, char *out, size_t cap)
{
    size_t count = 0, total = 0, used = 0;
    for (size_t k = 0; k < m->nkiosks; k++)
        total += missing[k];
    out[0] = '\0';
    for (size_t k = 0; k < m->nkiosks && used < cap; k++) {
        if (!missing[k])
            continue;
        const char *sep = count == 0 ? (total > 1 ? "kiosks " : "kiosk ")
                        : count + 1 == total ? " and " : ", ";
        int w = snprintf(out + used, cap - used, "%s'%s'", sep, m->kiosks[k].id);
        if (w < 0)
            break;
        used += (size_t)w;
        count++;
    }
}

/* Checks one target waypoint from every kiosk: a kiosk's (skip_kiosk is that kiosk) or
 * a destination's (skip_kiosk is (size_t)-1). */
static void check_target(ContentModel *m, const Reach *r, int node, const char *path,
                         int line, int column, const char *what, const char *name,
                         size_t skip_kiosk)
{
    bool *unreached = mem_zalloc_array(m->nkiosks, sizeof(bool));
    bool *not_step_free = mem_zalloc_array(m->nkiosks, sizeof(bool));
    if (!unreached || !not_step_free) {
        mem_free(unreached);
        mem_free(not_step_free);
        diag_add(m->diags, DIAG_ERROR, path, line, column, "out of memory");
        return;
    }
    bool any_unreached = false, any_steps = false;
    for (size_t k = 0; k < m->nkiosks; k++) {
        if (k == skip_kiosk)
            continue;
        size_t at = k * r->n + (size_t)node;
        unreached[k] = !r->any[at];
        not_step_free[k] = r->any[at] && !r->step_free[at];
        any_unreached |= unreached[k];
        any_steps |= not_step_free[k];
    }
    char list[512];
    const char *wid = m->waypoints[node].id;
    if (any_unreached && skip_kiosk == (size_t)-1) {
        /* A destination: the kiosk copes ("we cannot show directions to this place
         * from here"), so the rest of the content can still be published. */
        kiosk_list(m, unreached, list, sizeof list);
        diag_add(m->diags, DIAG_WARNING, path, line, column, "no route reaches %s '%s' "
                 "(waypoint '%s') from %s, so the kiosk will say it cannot show directions "
                 "there; join waypoint '%s' to the others in paths.csv", what, name, wid,
                 list, wid);
    } else if (any_unreached) {
        kiosk_list(m, unreached, list, sizeof list);
        diag_add(m->diags, DIAG_ERROR, path, line, column, "no route reaches %s '%s' "
                 "(waypoint '%s') from %s; join waypoint '%s' to the others in paths.csv",
                 what, name, wid, list, wid);
    } else if (any_steps) {
        kiosk_list(m, not_step_free, list, sizeof list);
        diag_add(m->diags, DIAG_WARNING, path, line, column, "there is no step-free route to "
                 "%s '%s' from %s (every route uses stairs or an escalator); if there is a "
                 "lift or ramp, add it to paths.csv", what, name, list);
    }
    mem_free(unreached);
    mem_free(not_step_free);
}

static void check_routes(ContentModel *m)
{
    /* Left out paths would make places look cut off: their errors come first. */
    if (!m->tpaths.loaded || m->tpaths.dropped > 0 || m->nkiosks == 0 || m->nwaypoints == 0)
        return;
    size_t nedges = 0;
    RouteEdge *edges = mem_zalloc_array(m->npaths * 2 + 1, sizeof *edges);
    Reach r = {NULL, NULL, m->nwaypoints};
    r.any = mem_zalloc_array(m->nkiosks * r.n, sizeof(bool));
    r.step_free = mem_zalloc_array(m->nkiosks * r.n, sizeof(bool));
    RouteGraph *g = NULL;
    if (!edges || !r.any || !r.step_free) {
        diag_add(m->diags, DIAG_ERROR, m->tpaths.path, 0, 0, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < m->npaths; i++) {
        const SrcPath *p = &m->paths[i];
        edges[nedges++] = (RouteEdge){p->from, p->to, p->kind, p->length_m, p->instruction};
        if (p->back)
            edges[nedges++] = (RouteEdge){p->to, p->from, p->kind, p->length_m, p->back};
    }
    g = route_graph_new((int)m->nwaypoints, edges, nedges);
    if (!g) {
        diag_add(m->diags, DIAG_ERROR, m->tpaths.path, 0, 0, "the route graph could not be "
                 "built: %s", err_msg());
        goto done;
    }
    for (size_t k = 0; k < m->nkiosks; k++) {
        int from = m->kiosks[k].waypoint;
        if (route_reachable(g, from, 0, r.any + k * r.n) != 0 ||
            route_reachable(g, from, ROUTE_STEP_FREE, r.step_free + k * r.n) != 0) {
            diag_add(m->diags, DIAG_ERROR, m->tkiosks.path, m->kiosks[k].line, 0,
                     "routes from this kiosk could not be worked out: %s", err_msg());
            goto done;
        }
    }
    for (size_t i = 0; i < m->ndestinations; i++) {
        const SrcDestination *d = &m->destinations[i];
        check_target(m, &r, d->waypoint, m->tdestinations.path, d->line,
                     m->tdestinations.colnum[DEST_WAYPOINT], "destination", d->name,
                     (size_t)-1);
    }
    for (size_t k = 0; k < m->nkiosks; k++) {
        const SrcKiosk *kiosk = &m->kiosks[k];
        check_target(m, &r, kiosk->waypoint, m->tkiosks.path, kiosk->line,
                     m->tkiosks.colnum[KIOSK_WAYPOINT], "kiosk", kiosk->name, k);
    }
done:
    route_graph_free(g);
    mem_free(edges);
    mem_free(r.any);
    mem_free(r.step_free);
}

void content_check_model(ContentModel *m)
{
    void (*const checks[])(ContentModel *) = {check_plans, check_waypoints, check_types,
                                              check_routes, content_check_directory,
                                              content_check_pages};
    size_t n = sizeof checks / sizeof checks[0];
    progress_begin(m->progress, "checking", n);
    for (size_t i = 0; i < n; i++) {
        checks[i](m);
        progress_step(m->progress);
    }
}
