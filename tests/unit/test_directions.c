/* test_directions.c: directions from a kiosk to a destination over the sample
 * hospital (built from content/ into a temporary store): shortest and step-free
 * routes differ where stairs are shorter, the steps are the content's instructions in
 * order, and the QR text is the web address when there is one, otherwise the route
 * in short numbered words that never pass the size given. */
#include "content.h"
#include "directions.h"
#include "err.h"
#include "i18n.h"
#include "store.h"
#include "test.h"

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
    char out[640];
    directions_qr_text(site, site_find_kiosk(site, "main-entrance"), dest, &d, out, sizeof out);
    CHECK_STR(out, "https://northgate.example.org/pharmacy");
    directions_release(&d);
}

static void test_qr_text_is_the_route_in_words(void)
{
    int dest = site_find_destination(site, "coronary-care");
    int k = site_find_kiosk(site, "main-entrance");
    Directions d;
    CHECK_INT(directions_find(site, site->kiosks[k].waypoint, dest, true, &d), 0);
    char out[1200];
    directions_qr_text(site, k, dest, &d, out, sizeof out);
    CHECK(strncmp(out, "Northgate General Hospital: directions to Coronary Care Unit "
                       "(Main Building, First floor)\n1. Start at this screen (Main entrance).",
                  120) == 0);
    char want[600];
    snprintf(want, sizeof want, "\n2. %s", d.steps[0].text);
    CHECK_CONTAINS(out, want);
    snprintf(want, sizeof want, "\n%zu. You have arrived at Coronary Care Unit.", d.nsteps + 2);
    CHECK_CONTAINS(out, want);
    /* No personal data can be in it: it is built only from the content. */
    directions_release(&d);
}

static void test_qr_text_never_passes_its_size(void)
{
    int k = site_find_kiosk(site, "riverside-entrance");
    int dest = site_find_destination(site, "patient-transport");
    Directions d;
    CHECK_INT(directions_find(site, site->kiosks[k].waypoint, dest, false, &d), 0);
    char full[4096], small[300];
    directions_qr_text(site, k, dest, &d, full, sizeof full);
    directions_qr_text(site, k, dest, &d, small, sizeof small);
    CHECK(strlen(full) > sizeof small);
    CHECK(strlen(small) < sizeof small);
    /* Cut steps are replaced by a pointer to reception, never cut mid-word silently. */
    CHECK_CONTAINS(small, tr(S_HOME_HELP_NO_PLACE));
    directions_release(&d);
}

int main(void)
{
    const char *db = TEST_TMP_DIR "/directions-test.db";
    unlink(db);
    DiagList dl;
    diag_init(&dl);
    if (content_build(SOURCE_ROOT "/content", db, &dl, NULL) != 0) {
        diag_print(&dl, stderr);
        return 1;
    }
    diag_release(&dl);
    store = store_open(db);
    if (!store) {
        fprintf(stderr, "%s\n", err_msg());
        return 1;
    }
    site = store_site(store);
    TEST_RUN(test_shortest_uses_stairs_step_free_uses_lift);
    TEST_RUN(test_here_and_minutes);
    TEST_RUN(test_qr_text_is_the_web_address_when_given);
    TEST_RUN(test_qr_text_is_the_route_in_words);
    TEST_RUN(test_qr_text_never_passes_its_size);
    store_close(store);
    return TEST_REPORT();
}
