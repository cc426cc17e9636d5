/* test_directions.c: directions from a kiosk to a destination over the sample
 * hospital (built from content/ into a temporary store): shortest and step-free
 * routes differ where stairs are shorter, the steps are the content's instructions in
 * order, and the QR text is the web address when there is one, otherwise the route
 * in numbered words, shorter or in more codes when the size given calls for it, but
 * always to the end. */
#include "content.h"
#include "directions.h"
#include "err.h"
#include "i18n.h"
#include "store.h"
#include "test.h"

#include "sample_store.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static Store *store;
static const Site *site;

static int kiosk_wp(const char *id)
{
    int k = site_find_kiosk(site, id);
    return k < 0 ? -1 : site->kiosks[k].waypoint;
}

static void test_shortest_uses_stairs_step_free_uses_lift(void)
{
    int dest = site_find_destination(site, "coronary-care");
    CHECK(dest >= 0);
    Directions d;
    CHECK_INT(directions_find(site, kiosk_wp("main-entrance"), dest, false, &d), 0);
    CHECK_INT(d.status, DIRECTIONS_OK);
    CHECK(d.uses_stairs);
    CHECK(!d.uses_lift);
    double shortest = d.length_m;
    CHECK(d.nsteps >= 2);
    CHECK_INT(d.nfloors, 2);
    directions_release(&d);

    CHECK_INT(directions_find(site, kiosk_wp("main-entrance"), dest, true, &d), 0);
    CHECK_INT(d.status, DIRECTIONS_OK);
    CHECK(d.uses_lift);
    CHECK(!d.uses_stairs);
    CHECK(d.length_m > shortest);
    for (size_t i = 0; i < d.nsteps; i++)
        CHECK(!path_kind_has_steps(d.steps[i].kind));
    /* Each step is the content's instruction for the path walked, in order, and the
     * walk is connected from the kiosk to the door. */
    int at = kiosk_wp("main-entrance");
    for (size_t i = 0; i < d.nsteps; i++) {
        const RouteEdge *e = route_graph_edge(site->graph, d.steps[i].edge);
        CHECK_INT(e->from, at);
        CHECK_STR(d.steps[i].text, e->instruction);
        at = e->to;
    }
    CHECK_INT(at, site->destinations[dest].waypoint);
    directions_release(&d);
}

static void test_here_and_minutes(void)
{
    int dest = site_find_destination(site, "main-entrance");
    CHECK(dest >= 0);
    Directions d;
    int k = site_find_kiosk(site, "main-entrance");
    CHECK_INT(directions_find(site, site->kiosks[k].waypoint, dest, false, &d), 0);
    CHECK(d.status == DIRECTIONS_HERE || d.status == DIRECTIONS_OK);
    directions_release(&d);
    dest = site_find_destination(site, "delivery-suite");
    CHECK_INT(directions_find(site, kiosk_wp("main-entrance"), dest, false, &d), 0);
    CHECK_INT(d.status, DIRECTIONS_OK);
    CHECK(d.minutes >= 1);
    CHECK(d.minutes * 60 >= (int)d.length_m);
    directions_release(&d);
}

static void test_qr_text_is_the_web_address_when_given(void)
{
    int dest = site_find_destination(site, "pharmacy");
    Directions d;
    CHECK_INT(directions_find(site, kiosk_wp("main-entrance"), dest, false, &d), 0);
    DirectionsQr q;
    CHECK_INT(directions_qr(site, site_find_kiosk(site, "main-entrance"), dest, &d, 640, 1, &q), 0);
    CHECK_INT(q.nparts, 1);
    CHECK_INT(q.wording, DIRECTIONS_WORDS_WEB);
    CHECK_STR(q.text[0], "https://northgate.example.org/pharmacy");
    directions_release(&d);
}

static void test_qr_text_is_the_route_in_words(void)
{
    int dest = site_find_destination(site, "coronary-care");
    int k = site_find_kiosk(site, "main-entrance");
    Directions d;
    CHECK_INT(directions_find(site, site->kiosks[k].waypoint, dest, true, &d), 0);
    DirectionsQr q;
    CHECK_INT(directions_qr(site, k, dest, &d, DIRECTIONS_QR_TEXT, 1, &q), 0);
    CHECK_INT(q.nparts, 1);
    CHECK_INT(q.wording, DIRECTIONS_WORDS_FULL);
    const char *out = q.text[0];
    CHECK(strncmp(out, "Northgate General Hospital: directions to Coronary Care Unit "
                       "(Main Building, First floor)\n1. Start at this screen (Main entrance).",
                  120) == 0);
    char want[600];
    /* The screen's words, every one of them. */
    for (size_t i = 0; i < d.nsteps; i++) {
        snprintf(want, sizeof want, "\n%zu. %s", i + 2, d.steps[i].text);
        CHECK_CONTAINS(out, want);
    }
    snprintf(want, sizeof want, "\n%zu. You have arrived at Coronary Care Unit.", d.nsteps + 2);
    CHECK_CONTAINS(out, want);
    /* No personal data can be in it: it is built only from the content. */
    directions_release(&d);
}

/* Smaller codes get the short wording, then more codes, and never lose the end. */
static void test_qr_shortens_then_splits_never_cuts(void)
{
    int k = site_find_kiosk(site, "main-entrance");
    int dest = site_find_destination(site, "delivery-suite");
    Directions d;
    CHECK_INT(directions_find(site, site->kiosks[k].waypoint, dest, false, &d), 0);
    CHECK_INT(d.status, DIRECTIONS_OK);
    DirectionsQr full, q;
    CHECK_INT(directions_qr(site, k, dest, &d, DIRECTIONS_QR_TEXT, 1, &full), 0);
    size_t need = strlen(full.text[0]);
    /* One byte less than the full words need: the walks go short, in one code. */
    CHECK_INT(directions_qr(site, k, dest, &d, need - 1, 1, &q), 0);
    CHECK_INT(q.nparts, 1);
    CHECK(q.wording == DIRECTIONS_WORDS_SHORT_WALKS || q.wording == DIRECTIONS_WORDS_SHORT);
    CHECK(strlen(q.text[0]) <= need - 1);
    CHECK_CONTAINS(q.text[0], "Walk about ");
    CHECK_CONTAINS(q.text[0], "You have arrived at Delivery Suite.");
    size_t short_need = strlen(q.text[0]);
    /* Half of that: two codes or more, headed with their part, the first saying where
     * the directions go on, the last arriving. */
    size_t cap = short_need / 2 + 120;
    CHECK_INT(directions_qr(site, k, dest, &d, cap, DIRECTIONS_QR_MAX_PARTS, &q), 0);
    CHECK(q.nparts >= 2);
    CHECK_CONTAINS(q.text[0], "(part 1 of ");
    CHECK_CONTAINS(q.text[0], "The directions go on in part 2 of ");
    CHECK_CONTAINS(q.text[q.nparts - 1], "You have arrived at Delivery Suite.");
    for (int p = 0; p < q.nparts; p++)
        CHECK(strlen(q.text[p]) <= cap);
    /* Too small for even DIRECTIONS_QR_MAX_PARTS codes: an error, no codes. */
    CHECK_INT(directions_qr(site, k, dest, &d, 90, DIRECTIONS_QR_MAX_PARTS, &q), -1);
    CHECK_INT(q.nparts, 0);
    CHECK_CONTAINS(err_msg(), "delivery-suite");
    directions_release(&d);
}

int main(void)
{
    store = sample_store_open(TEST_TMP_DIR "/directions-test.db");
    if (!store)
        return 1;
    site = store_site(store);
    TEST_RUN(test_shortest_uses_stairs_step_free_uses_lift);
    TEST_RUN(test_here_and_minutes);
    TEST_RUN(test_qr_text_is_the_web_address_when_given);
    TEST_RUN(test_qr_text_is_the_route_in_words);
    TEST_RUN(test_qr_shortens_then_splits_never_cuts);
    store_close(store);
    return TEST_REPORT();
}
