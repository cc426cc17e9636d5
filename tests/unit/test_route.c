/* test_route.c: the route graph: shortest against step-free routes on a small hand-made
 * site, no route, from == to, deterministic tie-breaking, reachability, bad input,
 * and a timing check on a generated site the size of a large hospital. */
#include "test.h"

#include "err.h"
#include "route.h"

#include <stdlib.h>
#include <time.h>

/* The test site. Two floors joined by stairs (short) and a lift (long way round);
 * an escalator is the only way up to the mezzanine (6); node 7 is cut off.
 *
 *   0 entrance --10-- 1 lobby --8 stairs-- 2 landing --10-- 5 clinic --3 escalator-- 6
 *                      |                     |
 *                      5                     5
 *                      |                     |
 *                     3 lift (G) --20 lift-- 4 lift (1)
 */
enum { N_ENTRANCE, N_LOBBY, N_LANDING, N_LIFT_G, N_LIFT_1, N_CLINIC, N_MEZZANINE, N_ISLAND,
       N_COUNT };

typedef struct Pair {
    int a, b;
    PathKind kind;
    double len;
    const char *text;
} Pair;

static const Pair test_pairs[] = {
    {N_ENTRANCE, N_LOBBY, PATH_WALK, 10, "Walk to the lobby"},
    {N_LOBBY, N_LANDING, PATH_STAIRS, 8, "Take the stairs"},
    {N_LOBBY, N_LIFT_G, PATH_WALK, 5, "Walk to the lift"},
    {N_LIFT_G, N_LIFT_1, PATH_LIFT, 20, "Take the lift to floor 1"},
    {N_LIFT_1, N_LANDING, PATH_WALK, 5, "Walk to the landing"},
    {N_LANDING, N_CLINIC, PATH_WALK, 10, "Walk to the clinic"},
    {N_CLINIC, N_MEZZANINE, PATH_ESCALATOR, 3, "Take the escalator"},
};

/* Both directions of each pair: edge 2i is a->b, 2i+1 is b->a. */
static RouteGraph *make_site(RouteEdge *edges)
{
    size_t n = sizeof test_pairs / sizeof test_pairs[0];
    for (size_t i = 0; i < n; i++) {
        const Pair *p = &test_pairs[i];
        edges[2 * i] = (RouteEdge){p->a, p->b, p->kind, p->len, p->text};
        edges[2 * i + 1] = (RouteEdge){p->b, p->a, p->kind, p->len, p->text};
    }
    return route_graph_new(N_COUNT, edges, 2 * n);
}

static void test_kind_names(void)
{
    CHECK_STR(path_kind_name(PATH_WALK), "walk");
    CHECK_STR(path_kind_name(PATH_ESCALATOR), "escalator");
    CHECK_STR(path_kind_name(PATH_OUTSIDE), "outside");
    for (int k = 0; k < PATH_KIND_COUNT; k++)
        CHECK_INT(path_kind_parse(path_kind_name((PathKind)k)), k);
    CHECK_INT(path_kind_parse("Stairs"), PATH_STAIRS);
    CHECK_INT(path_kind_parse("LIFT"), PATH_LIFT);
    CHECK_INT(path_kind_parse("lifts"), -1);
    CHECK_INT(path_kind_parse("lif"), -1);
    CHECK_INT(path_kind_parse(""), -1);
    CHECK_INT(path_kind_parse(NULL), -1);
    CHECK(path_kind_has_steps(PATH_STAIRS));
    CHECK(path_kind_has_steps(PATH_ESCALATOR));
    CHECK(!path_kind_has_steps(PATH_LIFT));
    CHECK(!path_kind_has_steps(PATH_RAMP));
    CHECK(!path_kind_has_steps(PATH_WALK));
    CHECK(!path_kind_has_steps(PATH_OUTSIDE));
}

static void test_shortest_and_step_free(void)
{
    RouteEdge edges[32];
    RouteGraph *g = make_site(edges);
    CHECK(g != NULL);
    if (!g)
        return;
    CHECK_INT(route_graph_nodes(g), N_COUNT);
    CHECK_STR(route_graph_edge(g, 2)->instruction, "Take the stairs");
    CHECK(route_graph_edge(g, -1) == NULL);
    CHECK(route_graph_edge(g, 14) == NULL);

    Route r;
    CHECK_INT(route_find(g, N_ENTRANCE, N_CLINIC, 0, &r), 0);
    CHECK_INT(r.nedges, 3);
    CHECK(r.length_m == 28.0);
    CHECK(r.uses_stairs && !r.uses_lift && !r.uses_escalator);
    if (r.nedges == 3) {
        CHECK_INT(r.edges[0], 0);
        CHECK_INT(r.edges[1], 2);
        CHECK_INT(r.edges[2], 10);
    }
    route_release(&r);
    CHECK(r.edges == NULL && r.nedges == 0);

    CHECK_INT(route_find(g, N_ENTRANCE, N_CLINIC, ROUTE_STEP_FREE, &r), 0);
    CHECK_INT(r.nedges, 5);
    CHECK(r.length_m == 50.0);
    CHECK(!r.uses_stairs && r.uses_lift && !r.uses_escalator);
    static const char *const want[] = {"Walk to the lobby", "Walk to the lift",
                                       "Take the lift to floor 1", "Walk to the landing",
                                       "Walk to the clinic"};
    for (size_t i = 0; i < r.nedges && i < 5; i++) {
        const RouteEdge *e = route_graph_edge(g, r.edges[i]);
        CHECK_STR(e->instruction, want[i]);
        if (i > 0)
            CHECK_INT(e->from, route_graph_edge(g, r.edges[i - 1])->to);
    }
    route_release(&r);

    /* The way back is the mirror image. */
    CHECK_INT(route_find(g, N_CLINIC, N_ENTRANCE, ROUTE_STEP_FREE, &r), 0);
    CHECK_INT(r.nedges, 5);
    CHECK(r.length_m == 50.0);
    route_release(&r);

    /* Up the escalator: fine normally, impossible step-free. */
    CHECK_INT(route_find(g, N_ENTRANCE, N_MEZZANINE, 0, &r), 0);
    CHECK(r.uses_escalator && r.uses_stairs);
    CHECK(r.length_m == 31.0);
    route_release(&r);
    CHECK_INT(route_find(g, N_ENTRANCE, N_MEZZANINE, ROUTE_STEP_FREE, &r), 1);
    CHECK(r.edges == NULL && r.nedges == 0);

    route_graph_free(g);
}

static void test_no_route_and_same_place(void)
{
    RouteEdge edges[32];
    RouteGraph *g = make_site(edges);
    Route r;
    CHECK_INT(route_find(g, N_ENTRANCE, N_ISLAND, 0, &r), 1);
    CHECK_INT(r.nedges, 0);
    CHECK_INT(route_find(g, N_ISLAND, N_ENTRANCE, ROUTE_STEP_FREE, &r), 1);

    CHECK_INT(route_find(g, N_CLINIC, N_CLINIC, 0, &r), 0);
    CHECK_INT(r.nedges, 0);
    CHECK(r.length_m == 0.0);
    route_release(&r);
    CHECK_INT(route_find(g, N_ISLAND, N_ISLAND, ROUTE_STEP_FREE, &r), 0);
    route_release(&r);

    err_clear();
    CHECK_INT(route_find(g, -1, N_CLINIC, 0, &r), -1);
    CHECK_CONTAINS(err_msg(), "not in the graph");
    CHECK_INT(route_find(g, 0, N_COUNT, 0, &r), -1);
    CHECK_INT(route_find(NULL, 0, 1, 0, &r), -1);
    route_graph_free(g);
    route_graph_free(NULL);
}

/* Three routes of 10 m from 0 to 3: a direct path (edge 4), and two of two edges each.
 * The direct one wins (fewer edges); without it, the one whose last edge comes first. */
static void test_ties_are_deterministic(void)
{
    RouteEdge edges[] = {
        {0, 1, PATH_WALK, 5, "a1"}, {1, 3, PATH_WALK, 5, "a2"},
        {0, 2, PATH_WALK, 5, "b1"}, {2, 3, PATH_WALK, 5, "b2"},
        {0, 3, PATH_WALK, 10, "direct"},
    };
    RouteGraph *g = route_graph_new(4, edges, 5);
    Route r;
    CHECK_INT(route_find(g, 0, 3, 0, &r), 0);
    CHECK_INT(r.nedges, 1);
    if (r.nedges == 1)
        CHECK_INT(r.edges[0], 4);
    route_release(&r);
    route_graph_free(g);

    g = route_graph_new(4, edges, 4);
    for (int run = 0; run < 5; run++) {
        CHECK_INT(route_find(g, 0, 3, 0, &r), 0);
        CHECK_INT(r.nedges, 2);
        if (r.nedges == 2) {
            CHECK_INT(r.edges[0], 0);
            CHECK_INT(r.edges[1], 1);
        }
        route_release(&r);
    }
    route_graph_free(g);

    /* Listing the b route first changes which one wins, and only that. */
    RouteEdge swapped[] = {edges[2], edges[3], edges[0], edges[1]};
    g = route_graph_new(4, swapped, 4);
    CHECK_INT(route_find(g, 0, 3, 0, &r), 0);
    if (r.nedges == 2)
        CHECK_STR(route_graph_edge(g, r.edges[0])->instruction, "b1");
    route_release(&r);
    route_graph_free(g);
}

static void test_reachable(void)
{
    RouteEdge edges[32];
    RouteGraph *g = make_site(edges);
    bool reached[N_COUNT];
    CHECK_INT(route_reachable(g, N_ENTRANCE, 0, reached), 0);
    for (int n = 0; n < N_COUNT; n++)
        CHECK_INT(reached[n], n != N_ISLAND);
    CHECK_INT(route_reachable(g, N_ENTRANCE, ROUTE_STEP_FREE, reached), 0);
    for (int n = 0; n < N_COUNT; n++)
        CHECK_INT(reached[n], n != N_ISLAND && n != N_MEZZANINE);
    /* Down from the mezzanine there are steps too. */
    CHECK_INT(route_reachable(g, N_MEZZANINE, ROUTE_STEP_FREE, reached), 0);
    for (int n = 0; n < N_COUNT; n++)
        CHECK_INT(reached[n], n == N_MEZZANINE);
    CHECK_INT(route_reachable(g, N_COUNT, 0, reached), -1);
    route_graph_free(g);

    /* One-way paths are followed one way only. */
    RouteEdge one_way[] = {{0, 1, PATH_WALK, 1, ""}};
    g = route_graph_new(2, one_way, 1);
    CHECK_INT(route_reachable(g, 1, 0, reached), 0);
    CHECK(!reached[0] && reached[1]);
    Route r;
    CHECK_INT(route_find(g, 1, 0, 0, &r), 1);
    route_graph_free(g);
}

static void test_bad_graphs(void)
{
    RouteEdge bad_node[] = {{0, 5, PATH_WALK, 1, ""}};
    err_clear();
    CHECK(route_graph_new(3, bad_node, 1) == NULL);
    CHECK_CONTAINS(err_msg(), "path 0");
    RouteEdge bad_len[] = {{0, 1, PATH_WALK, 0, ""}};
    CHECK(route_graph_new(3, bad_len, 1) == NULL);
    CHECK_CONTAINS(err_msg(), "more than 0");
    RouteEdge bad_kind[] = {{0, 1, PATH_KIND_COUNT, 1, ""}};
    CHECK(route_graph_new(3, bad_kind, 1) == NULL);
    CHECK(route_graph_new(-1, NULL, 0) == NULL);

    RouteGraph *g = route_graph_new(0, NULL, 0);
    CHECK(g != NULL);
    CHECK_INT(route_graph_nodes(g), 0);
    route_graph_free(g);
}

/* A generated site of about 2,000 waypoints: 4 buildings of 5 floors, each floor a
 * 10 x 10 grid of corridors, stairs and lifts between floors, outdoor paths between
 * buildings. Routes between far-apart corners must take well under a millisecond. */
static void test_large_site_timing(void)
{
    enum { BUILDINGS = 4, FLOORS = 5, SIDE = 10, PER_FLOOR = SIDE * SIDE };
    int nnodes = BUILDINGS * FLOORS * PER_FLOOR;
    size_t cap = (size_t)nnodes * 8, n = 0;
    RouteEdge *edges = malloc(cap * sizeof *edges);
    CHECK(edges != NULL);
    if (!edges)
        return;
#define NODE(b, f, x, y) ((((b) * FLOORS + (f)) * SIDE + (y)) * SIDE + (x))
#define BOTH(a_, b_, k_, l_)                                                        \
    do {                                                                            \
        edges[n++] = (RouteEdge){(a_), (b_), (k_), (l_), ""};                       \
        edges[n++] = (RouteEdge){(b_), (a_), (k_), (l_), ""};                       \
    } while (0)
    for (int b = 0; b < BUILDINGS; b++)
        for (int f = 0; f < FLOORS; f++)
            for (int y = 0; y < SIDE; y++)
                for (int x = 0; x < SIDE; x++) {
                    double jitter = 1.0 + (double)((x * 7 + y * 13 + f * 3) % 5) / 10.0;
                    if (x + 1 < SIDE)
                        BOTH(NODE(b, f, x, y), NODE(b, f, x + 1, y), PATH_WALK, 4 * jitter);
                    if (y + 1 < SIDE)
                        BOTH(NODE(b, f, x, y), NODE(b, f, x, y + 1), PATH_WALK, 5 * jitter);
                    if (f + 1 < FLOORS && x == 2 && y == 2)
                        BOTH(NODE(b, f, x, y), NODE(b, f + 1, x, y), PATH_STAIRS, 12);
                    if (f + 1 < FLOORS && x == 7 && y == 7)
                        BOTH(NODE(b, f, x, y), NODE(b, f + 1, x, y), PATH_LIFT, 30);
                }
    for (int b = 0; b + 1 < BUILDINGS; b++)
        BOTH(NODE(b, 0, SIDE - 1, 5), NODE(b + 1, 0, 0, 5), PATH_OUTSIDE, 60);
#undef BOTH
    RouteGraph *g = route_graph_new(nnodes, edges, n);
    CHECK(g != NULL);
    const int runs = 400;
    double total_len = 0;
    clock_t t0 = clock();
    for (int i = 0; i < runs; i++) {
        int from = NODE(i % BUILDINGS, i % FLOORS, 0, i % SIDE);
        int to = NODE((i + 3) % BUILDINGS, (i + 2) % FLOORS, SIDE - 1, (i * 3) % SIDE);
        Route r;
        int rc = route_find(g, from, to, (i & 1) ? ROUTE_STEP_FREE : 0, &r);
        if (rc != 0 && from != to)
            CHECK_INT(rc, 0);
        total_len += r.length_m;
        route_release(&r);
    }
    double ms = (double)(clock() - t0) * 1000.0 / CLOCKS_PER_SEC / runs;
    printf("  %d waypoints, %zu paths: %.3f ms per route (%.0f m average)\n", nnodes, n, ms,
           total_len / runs);
    /* Generous: sanitizer builds run several times slower than release builds. */
    CHECK(ms < 5.0);
#undef NODE
    route_graph_free(g);
    free(edges);
}

int main(void)
{
    TEST_RUN(test_kind_names);
    TEST_RUN(test_shortest_and_step_free);
    TEST_RUN(test_no_route_and_same_place);
    TEST_RUN(test_ties_are_deterministic);
    TEST_RUN(test_reachable);
    TEST_RUN(test_bad_graphs);
    TEST_RUN(test_large_site_timing);
    return TEST_REPORT();
}
