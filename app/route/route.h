/* route.h: shortest routes over the site's route graph (waypoints joined by paths).
 * Pure C, no SQLite and no SDL: the content build uses it to check that every
 * destination can be reached, the kiosk uses it to give directions.
 *
 * A graph is built from nodes 0..nnodes-1 and directed edges (a path walked both ways
 * is two edges). The graph copies the edge array but not the strings the edges point
 * at: those (instructions) must outlive the graph. Cost is length in metres; a
 * step-free search never uses stairs or escalators. */
#ifndef SIGNPOST_ROUTE_H
#define SIGNPOST_ROUTE_H

#include <stdbool.h>
#include <stddef.h>

typedef enum PathKind {
    PATH_WALK,      /* level corridor, door, crossing */
    PATH_RAMP,      /* step-free slope */
    PATH_STAIRS,
    PATH_LIFT,
    PATH_ESCALATOR,
    PATH_OUTSIDE,   /* outdoor walkway between buildings, step-free */
    PATH_KIND_COUNT
} PathKind;

/* "walk", "ramp", "stairs", "lift", "escalator", "outside". */
const char *path_kind_name(PathKind kind);
/* Parses a kind name (case-insensitive); returns -1 when it is not one. */
int path_kind_parse(const char *name);
/* True for stairs and escalators. */
bool path_kind_has_steps(PathKind kind);

typedef struct RouteEdge {
    int from, to;            /* node indices */
    PathKind kind;
    double length_m;         /* > 0; for lifts a walking-equivalent cost */
    const char *instruction; /* "Take the lift to floor 2"; not owned */
} RouteEdge;

typedef struct RouteGraph RouteGraph;

enum RouteFlags { ROUTE_STEP_FREE = 1 << 0 };

/* A found route: the edges walked, in order. */
typedef struct Route {
    int *edges;        /* indices into the graph's edge array; owned */
    size_t nedges;
    double length_m;   /* sum of edge lengths */
    bool uses_stairs, uses_lift, uses_escalator;
} Route;

/* Builds a graph. Returns NULL (err_msg set) on bad indices or out of memory. */
RouteGraph *route_graph_new(int nnodes, const RouteEdge *edges, size_t nedges);
void route_graph_free(RouteGraph *g);
int route_graph_nodes(const RouteGraph *g);
const RouteEdge *route_graph_edge(const RouteGraph *g, int index);

/* Finds the cheapest route from `from` to `to`. Returns 0 and fills *out when found,
 * 1 when no route exists under `flags` (out left empty), -1 on error. from == to
 * gives an empty route. Among routes of equal length the one with fewer paths wins,
 * then the one whose last path comes first in the edge array, so the same graph
 * always gives the same directions. out->edges is owned by the caller: release with
 * route_release(). */
int route_find(const RouteGraph *g, int from, int to, unsigned flags, Route *out);
void route_release(Route *r);

/* Marks in reached[0..nnodes) every node reachable from `from` under `flags` (and
 * clears the rest). Returns 0, or -1 on a bad node or out of memory. */
int route_reachable(const RouteGraph *g, int from, unsigned flags, bool *reached);

#endif
