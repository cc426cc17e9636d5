/* test_route_codes.c: the route a person takes away always arrives. For every
 * destination from every kiosk of the sample hospital, step-free and not, the QR codes
 * the destination screen hands over (directions_qr_fit, as the screen calls it) are
 * encoded, drawn at 4 px a module and decoded with libzbar; together they must number
 * every step in order from the start to "You have arrived at <destination>", name
 * every lift and stairway the route takes, never tell the person to ask at reception
 * because the code ran out, and stay within the code size allowed. Done for a wide
 * panel (the usual version 15, up to 29) and a narrow one (up to version 12), where
 * routes go into two or more codes. Prints how many routes took which wording. */
#include "content.h"
#include "directions.h"
#include "err.h"
#include "i18n.h"
#include "qr_decode.h"
#include "store.h"
#include "test.h"

#include "sample_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static Store *store;
static const Site *site;

typedef struct Tally {
    int routes, by_wording[4], by_parts[DIRECTIONS_QR_MAX_PARTS + 1];
    int usual, largest_version, over_usual; /* codes larger than the usual version */
} Tally;

/* Checks the codes for one route; returns false (after saying why) when they fail. */
static bool check_route(int k, int dest, const Directions *d, const DirectionsQr *q,
                        int most, Tally *t)
{
    const Destination *de = &site->destinations[dest];
    char all[DIRECTIONS_QR_MAX_PARTS * (DIRECTIONS_QR_TEXT + 1)] = "";
    bool ok = q->nparts >= 1;
    for (int p = 0; p < q->nparts; p++) {
        QrMatrix qr = {0};
        if (qr_encode(q->text[p], &qr) != 0) {
            fprintf(stderr, "  %s\n", err_msg());
            ok = false;
            continue;
        }
        int v = qr_width_version(qr.width);
        ok &= v <= most;
        if (v > t->largest_version)
            t->largest_version = v;
        t->over_usual += v > t->usual;
        char *got = tqr_decode(&qr, 4);
        ok &= got && strcmp(got, q->text[p]) == 0;
        free(got);
        qr_release(&qr);
        strcat(all, q->text[p]);
        strcat(all, "\n");
    }
    t->routes++;
    t->by_wording[q->wording]++;
    t->by_parts[q->nparts]++;
    if (q->wording == DIRECTIONS_WORDS_WEB)
        return ok && strcmp(all, "") != 0;
    char want[512];
    if (d->status != DIRECTIONS_OK) /* here, or no route: said, with the place named */
        return ok && strstr(all, de->name) != NULL;
    /* Numbered from 1 to the arrival, in order, whatever the parts. */
    int last = 0;
    for (const char *p = all; (p = strchr(p, '\n')) != NULL; p++) {
        int n;
        if (sscanf(p + 1, "%d. ", &n) == 1) {
            ok &= n == last + 1;
            last = n;
        }
    }
    i18n_format(want, sizeof want, S_DEST_ARRIVE, de->name, NULL, NULL);
    char tail[600];
    snprintf(tail, sizeof tail, "%d. %s\n", last, want);
    ok &= strlen(all) > strlen(tail) && strcmp(all + strlen(all) - strlen(tail), tail) == 0;
    ok &= strstr(all, tr(S_HOME_HELP_NO_PLACE)) == NULL;
    for (size_t i = 0; i < d->route.nedges; i++) {
        const char *means = directions_edge_means(site, route_graph_edge(site->graph,
                                                                         d->route.edges[i]));
        if (means && !strstr(all, means)) {
            fprintf(stderr, "  the codes do not name %s\n", means);
            ok = false;
        }
    }
    if (!ok)
        fprintf(stderr, "  from %s to %s (%d codes, version at most %d):\n%s\n",
                site->kiosks[k].id, de->id, q->nparts, most, all);
    return ok;
}

static void sweep(int usual, int most, Tally *t)
{
    memset(t, 0, sizeof *t);
    t->usual = usual;
    DirectionsQr *q = calloc(1, sizeof *q);
    for (size_t k = 0; k < site->nkiosks; k++)
        for (size_t dest = 0; dest < site->ndestinations; dest++)
            for (int sf = 0; sf <= 1; sf++) {
                Directions d;
                CHECK_INT(directions_find(site, site->kiosks[k].waypoint, (int)dest, sf, &d),
                          0);
                int rc = directions_qr_fit(site, (int)k, (int)dest, &d, usual, most, q);
                if (rc != 0)
                    fprintf(stderr, "  %s\n", err_msg());
                CHECK_INT(rc, 0);
                CHECK(check_route((int)k, (int)dest, &d, q, most, t));
                directions_release(&d);
            }
    free(q);
    CHECK_INT(t->routes, (int)(site->nkiosks * site->ndestinations * 2));
}

static void report(const char *what, const Tally *t)
{
    printf("%s: %d routes: %d full words, %d short walks, %d all short, %d web; "
           "%d in one code, %d in two, %d in three, %d in four; %d codes larger than version "
           "%d, the largest version %d\n",
           what, t->routes, t->by_wording[DIRECTIONS_WORDS_FULL],
           t->by_wording[DIRECTIONS_WORDS_SHORT_WALKS], t->by_wording[DIRECTIONS_WORDS_SHORT],
           t->by_wording[DIRECTIONS_WORDS_WEB], t->by_parts[1], t->by_parts[2],
           t->by_parts[3], t->by_parts[4], t->over_usual, t->usual, t->largest_version);
}

/* What the person reads: one route in the short wording, when SHOW_ROUTE is set. */
static void show(const char *kiosk, const char *dest, bool step_free, int usual, int most)
{
    int k = site_find_kiosk(site, kiosk), de = site_find_destination(site, dest);
    Directions d;
    DirectionsQr q;
    directions_find(site, site->kiosks[k].waypoint, de, step_free, &d);
    directions_qr_fit(site, k, de, &d, usual, most, &q);
    for (int p = 0; p < q.nparts; p++)
        printf("--- code %d of %d (%zu bytes)\n%s\n", p + 1, q.nparts, strlen(q.text[p]),
               q.text[p]);
    directions_release(&d);
}

static void test_every_route_arrives_wide_panel(void)
{
    Tally t;
    sweep(15, 29, &t);
    report("version 15, up to 29", &t);
    CHECK_INT(t.by_parts[1], t.routes); /* one code each on the kiosk's panel */
}

static void test_every_route_arrives_narrow_panel(void)
{
    Tally t;
    sweep(14, 14, &t);
    report("version 14 only", &t);
    CHECK(t.by_parts[2] + t.by_parts[3] + t.by_parts[4] > 0);
}

int main(void)
{
    store = sample_store_open(TEST_TMP_DIR "/route-codes-test.db");
    if (!store)
        return 1;
    site = store_site(store);
    if (getenv("SHOW_ROUTE")) {
        show("main-entrance", getenv("SHOW_ROUTE"), false, 15, 29);
        show("main-entrance", getenv("SHOW_ROUTE"), false, 12, 12);
    }
    TEST_RUN(test_every_route_arrives_wide_panel);
    TEST_RUN(test_every_route_arrives_narrow_panel);
    store_close(store);
    return TEST_REPORT();
}
