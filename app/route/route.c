/* route.c: the route graph (see route.h). Edges are kept in compressed sparse row
 * form (each node's outgoing edges contiguous, in edge-array order), routes come from
 * Dijkstra over a binary heap, and reachability from a breadth-first search.
 * Ties are broken the same way every time: among routes of equal length the one with
 * fewer edges wins, then the one whose last edge comes first in the edge array, so the
 * same graph always gives the same directions. */
#include "route.h"

#include "err.h"
#include "mem.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct RouteGraph {
    int nnodes;
    size_t nedges;
    RouteEdge *edges; /* copy of the caller's array; strings not owned */
    int *first;       /* nnodes + 1 offsets into `adj` (CSR row starts) */
    int *adj;         /* edge indices grouped by `from`, ascending within a node */
};

/* ==== path kinds ==== */

static const char *const kind_names[PATH_KIND_COUNT] = {
    [PATH_WALK] = "walk",     [PATH_RAMP] = "ramp",           [PATH_STAIRS] = "stairs",
    [PATH_LIFT] = "lift",     [PATH_ESCALATOR] = "escalator", [PATH_OUTSIDE] = "outside",
};

const char *path_kind_name(PathKind kind)
{
    if ((unsigned)kind >= PATH_KIND_COUNT)
        return "unknown";
    return kind_names[kind];
}

static int ascii_lower(int c)
{
    return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

int path_kind_parse(const char *name)
{
    if (!name)
        return -1;
    for (int k = 0; k < PATH_KIND_COUNT; k++) {
        const char *a = name, *b = kind_names[k];
        while (*a && *b && ascii_lower((unsigned char)*a) == *b) {
            a++;
            b++;
        }
        if (!*a && !*b)
            return k;
    }
    return -1;
}

bool path_kind_has_steps(PathKind kind)
{
    return kind == PATH_STAIRS || kind == PATH_ESCALATOR;
}

/* ==== graph ==== */

RouteGraph *route_graph_new(int nnodes, const RouteEdge *edges, size_t nedges)
{
    if (nnodes < 0) {
        err_set("route graph: %d nodes", nnodes);
        return NULL;
    }
    /* Edge indices travel as int (Route.edges), so the count must fit. */
    if (nedges > (size_t)INT32_MAX) {
        err_set("route graph: too many paths (%zu)", nedges);
        return NULL;
    }
    for (size_t i = 0; i < nedges; i++) {
        const RouteEdge *e = &edges[i];
        if (e->from < 0 || e->from >= nnodes || e->to < 0 || e->to >= nnodes) {
            err_set("route graph: path %zu joins waypoints %d and %d, but there are only %d",
                    i, e->from, e->to, nnodes);
            return NULL;
        }
        if ((unsigned)e->kind >= PATH_KIND_COUNT) {
            err_set("route graph: path %zu has an unknown kind (%d)", i, (int)e->kind);
            return NULL;
        }
        if (!(e->length_m > 0.0) || !isfinite(e->length_m)) {
            err_set("route graph: path %zu is %g m long; a length must be more than 0", i,
                    e->length_m);
            return NULL;
        }
    }

    RouteGraph *g = mem_zalloc(sizeof *g);
    if (!g)
        return NULL;
    g->nnodes = nnodes;
    g->nedges = nedges;
    g->edges = mem_zalloc((nedges ? nedges : 1) * sizeof *g->edges);
    g->first = mem_zalloc(((size_t)nnodes + 1) * sizeof *g->first);
    g->adj = mem_zalloc((nedges ? nedges : 1) * sizeof *g->adj);
    if (!g->edges || !g->first || !g->adj)
        goto fail;
    if (nedges)
        memcpy(g->edges, edges, nedges * sizeof *edges);

    /* Counting sort by `from`: count, prefix-sum, then place in edge order so each
     * node's edges stay in ascending index order (part of the tie-breaking rule). */
    for (size_t i = 0; i < nedges; i++)
        g->first[edges[i].from + 1]++;
    for (int n = 0; n < nnodes; n++)
        g->first[n + 1] += g->first[n];
    int *fill = mem_zalloc(((size_t)nnodes + 1) * sizeof *fill);
    if (!fill)
        goto fail;
    memcpy(fill, g->first, ((size_t)nnodes + 1) * sizeof *fill);
    for (size_t i = 0; i < nedges; i++)
        g->adj[fill[edges[i].from]++] = (int)i;
    mem_free(fill);
    return g;

fail:
    route_graph_free(g);
    return NULL;
}

void route_graph_free(RouteGraph *g)
{
    if (!g)
        return;
    mem_free(g->edges);
    mem_free(g->first);
    mem_free(g->adj);
    mem_free(g);
}

int route_graph_nodes(const RouteGraph *g)
{
    return g ? g->nnodes : 0;
}

const RouteEdge *route_graph_edge(const RouteGraph *g, int index)
{
    if (!g || index < 0 || (size_t)index >= g->nedges)
        return NULL;
    return &g->edges[index];
}

static bool edge_allowed(const RouteEdge *e, unsigned flags)
{
    return !((flags & ROUTE_STEP_FREE) && path_kind_has_steps(e->kind));
}

/* ==== binary heap of (distance, node) ==== */

/* Entries may go stale when a node's distance improves after it was pushed; the
 * search skips them when popped ("lazy deletion"), which is simpler than decrease-key
 * and just as fast at this size. Ordering is by distance, then node index. */
typedef struct HeapItem {
    double dist;
    int node;
} HeapItem;

typedef struct Heap {
    HeapItem *items;
    size_t len, cap;
} Heap;

static bool heap_less(const HeapItem *a, const HeapItem *b)
{
    if (a->dist != b->dist)
        return a->dist < b->dist;
    return a->node < b->node;
}

static int heap_push(Heap *h, double dist, int node)
{
    if (mem_grow((void **)&h->items, &h->cap, h->len + 1, sizeof *h->items) != 0)
        return -1;
    size_t i = h->len++;
    HeapItem it = {dist, node};
    while (i > 0) {
        size_t parent = (i - 1) / 2;
        if (!heap_less(&it, &h->items[parent]))
            break;
        h->items[i] = h->items[parent];
        i = parent;
    }
    h->items[i] = it;
    return 0;
}

static HeapItem heap_pop(Heap *h)
{
    HeapItem top = h->items[0];
    HeapItem last = h->items[--h->len];
    size_t i = 0;
    for (;;) {
        size_t child = 2 * i + 1;
        if (child >= h->len)
            break;
        if (child + 1 < h->len && heap_less(&h->items[child + 1], &h->items[child]))
            child++;
        if (!heap_less(&h->items[child], &last))
            break;
        h->items[i] = h->items[child];
        i = child;
    }
    if (h->len)
        h->items[i] = last;
    return top;
}

/* ==== search ==== */

int route_find(const RouteGraph *g, int from, int to, unsigned flags, Route *out)
{
    if (!out)
        return err_set("route: no route to fill");
    memset(out, 0, sizeof *out);
    if (!g)
        return err_set("route: no graph");
    if (from < 0 || from >= g->nnodes || to < 0 || to >= g->nnodes)
        return err_set("route: waypoint %d or %d is not in the graph of %d", from, to,
                       g->nnodes);
    if (from == to)
        return 0;

    size_t n = (size_t)g->nnodes;
    double *dist = mem_zalloc(n * sizeof *dist);
    int *hops = mem_zalloc(n * sizeof *hops);
    int *via = mem_zalloc(n * sizeof *via); /* edge used to arrive, -1 = none yet */
    unsigned char *done = mem_zalloc(n);
    Heap heap = {0};
    int rc = -1;
    if (!dist || !hops || !via || !done)
        goto out; /* mem_zalloc() said why */
    for (size_t i = 0; i < n; i++) {
        dist[i] = INFINITY;
        hops[i] = 0;
        via[i] = -1;
    }
    dist[from] = 0.0;
    if (heap_push(&heap, 0.0, from) != 0)
        goto out;

    rc = 1;
    while (heap.len) {
        HeapItem it = heap_pop(&heap);
        int u = it.node;
        if (done[u] || it.dist > dist[u])
            continue; /* stale entry */
        done[u] = 1;
        if (u == to) {
            rc = 0;
            break;
        }
        for (int k = g->first[u]; k < g->first[u + 1]; k++) {
            int ei = g->adj[k];
            const RouteEdge *e = &g->edges[ei];
            int v = e->to;
            if (done[v] || !edge_allowed(e, flags))
                continue;
            double nd = dist[u] + e->length_m;
            int nh = hops[u] + 1;
            bool better = nd < dist[v] ||
                          (nd == dist[v] && (nh < hops[v] || (nh == hops[v] && ei < via[v])));
            if (!better)
                continue;
            bool pushed_already = nd == dist[v]; /* same key is in the heap */
            dist[v] = nd;
            hops[v] = nh;
            via[v] = ei;
            if (!pushed_already && heap_push(&heap, nd, v) != 0) {
                rc = -1;
                goto out;
            }
        }
    }
    if (rc != 0)
        goto out;

    /* Walk back from `to` along `via`, then reverse into walking order. */
    size_t count = (size_t)hops[to];
    out->edges = mem_zalloc(count * sizeof *out->edges);
    if (!out->edges) {
        rc = -1;
        goto out;
    }
    out->nedges = count;
    int node = to;
    for (size_t i = count; i-- > 0;) {
        const RouteEdge *e = &g->edges[via[node]];
        out->edges[i] = via[node];
        node = e->from;
    }
    for (size_t i = 0; i < count; i++) {
        const RouteEdge *e = &g->edges[out->edges[i]];
        out->length_m += e->length_m;
        out->uses_stairs |= e->kind == PATH_STAIRS;
        out->uses_lift |= e->kind == PATH_LIFT;
        out->uses_escalator |= e->kind == PATH_ESCALATOR;
    }

out:
    mem_free(dist);
    mem_free(hops);
    mem_free(via);
    mem_free(done);
    mem_free(heap.items);
    return rc;
}

void route_release(Route *r)
{
    if (!r)
        return;
    mem_free(r->edges);
    memset(r, 0, sizeof *r);
}

int route_reachable(const RouteGraph *g, int from, unsigned flags, bool *reached)
{
    if (!g || !reached)
        return err_set("route: no graph or no result array");
    if (from < 0 || from >= g->nnodes)
        return err_set("route: waypoint %d is not in the graph of %d", from, g->nnodes);
    size_t n = (size_t)g->nnodes;
    int *queue = mem_zalloc(n * sizeof *queue);
    if (!queue)
        return -1;
    memset(reached, 0, n * sizeof *reached);
    size_t head = 0, tail = 0;
    reached[from] = true;
    queue[tail++] = from;
    while (head < tail) {
        int u = queue[head++];
        for (int k = g->first[u]; k < g->first[u + 1]; k++) {
            const RouteEdge *e = &g->edges[g->adj[k]];
            if (!reached[e->to] && edge_allowed(e, flags)) {
                reached[e->to] = true;
                queue[tail++] = e->to;
            }
        }
    }
    mem_free(queue);
    return 0;
}
