/* test_layout.c: every screen the sample content makes (the content preview's tour:
 * home, the A to Z, support, search, every place, category, service and page, and the
 * concern form's introduction and every one of its steps, set up through the form's
 * own state with answers, a problem message and the keyboard showing) at 1920x1080, 1080x1920 and 1280x720, at the three text
 * sizes a person can choose (100 %, 135 %, 170 %), in normal and high contrast. Each
 * frame's accessibility tree is audited (app/ui/audit.h): no text cut off, no two
 * controls on top of each other, no control off the screen outside a scroll region,
 * no touch target under 9 mm. One test per size, text size and contrast; each problem
 * is printed with the screen and the element's id. Run on the sample content, and on
 * the sample with hostile text lengths (tests/data/long-text/make.cmake).
 * usage: test_layout STORE [CONFIG] */
#include "app.h"
#include "audit.h"
#include "concern_form.h"
#include "config.h"
#include "err.h"
#include "log.h"
#include "platform.h"
#include "runner.h"
#include "store.h"
#include "test.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* A concern step seen as it is, while typing (the place typed, not chosen), or under
 * the privacy cover. */
typedef enum ConcernVariant { CV_PLAIN, CV_TYPING, CV_COVERED } ConcernVariant;

typedef struct Visit {
    ScreenId screen;
    int arg;
    bool concern_step;        /* arg is a ConcernStep to set up */
    ConcernVariant variant;
    const char *typed;        /* typed into the focused field first (searches), or NULL */
} Visit;

static const char *const step_names[CSTEP_COUNT] = {
    "intro", "urgent", "who", "consent", "category", "where", "when", "what",
    "outcome", "contact", "needs", "share", "review", "sent", "failed"};

/* The tour, in the preview's order. Returns a malloc'd array (*n entries). */
static Visit *tour(const Site *s, size_t *n)
{
    static const ConcernStep needs_visits[] = {CSTEP_NEEDS, CSTEP_CONTACT, CSTEP_REVIEW,
                                               CSTEP_SENT, CSTEP_FAILED};
    size_t nneeds = sizeof needs_visits / sizeof needs_visits[0];
    size_t cap = 10 + CSTEP_COUNT + 2 + nneeds + s->ndestinations + s->ncategories + s->nservices + s->npages;
    Visit *v = calloc(cap, sizeof *v);
    if (!v)
        return NULL;
    size_t k = 0;
    v[k++] = (Visit){.screen = SCREEN_HOME, .arg = 0};
    v[k++] = (Visit){.screen = SCREEN_FIND, .arg = 0};
    v[k++] = (Visit){.screen = SCREEN_SUPPORT, .arg = 0};
    v[k++] = (Visit){.screen = SCREEN_SEARCH, .arg = 0};
    /* Searches that forgave, with "Did you mean ...?" above their hits. */
    v[k++] = (Visit){.screen = SCREEN_SEARCH, .arg = 0, .typed = "cardiolgy"};
    v[k++] = (Visit){.screen = SCREEN_FIND, .arg = FIND_TAB_SEARCH, .typed = "maternaty"};
    v[k++] = (Visit){.screen = SCREEN_CONCERN, .arg = 0};
    /* The Friends and Family Test: the question, and the follow-up with an answer. */
    v[k++] = (Visit){.screen = SCREEN_FEEDBACK, .arg = 0};
    v[k++] = (Visit){.screen = SCREEN_FEEDBACK, .arg = 2};
    for (int st = CSTEP_URGENT; st < CSTEP_COUNT; st++)
        v[k++] = (Visit){.screen = SCREEN_CONCERN, .arg = st, .concern_step = true};
    v[k++] = (Visit){.screen = SCREEN_CONCERN, .arg = CSTEP_WHERE, .concern_step = true,
                     .variant = CV_TYPING};
    v[k++] = (Visit){.screen = SCREEN_CONCERN, .arg = CSTEP_REVIEW, .concern_step = true,
                     .variant = CV_COVERED};
    /* The communication-needs request: its introduction and each of its steps. */
    v[k++] = (Visit){.screen = SCREEN_NEEDS, .arg = 0};
    for (size_t i = 0; i < nneeds; i++)
        v[k++] = (Visit){.screen = SCREEN_NEEDS, .arg = needs_visits[i], .concern_step = true};
    for (size_t i = 0; i < s->ndestinations; i++)
        v[k++] = (Visit){.screen = SCREEN_DESTINATION, .arg = (int)i};
    for (size_t i = 0; i < s->ncategories; i++)
        v[k++] = (Visit){.screen = SCREEN_SERVICE_LIST, .arg = (int)i};
    for (size_t i = 0; i < s->nservices; i++)
        v[k++] = (Visit){.screen = SCREEN_SERVICE, .arg = (int)i};
    for (size_t i = 0; i < s->npages; i++)
        v[k++] = (Visit){.screen = SCREEN_PAGE, .arg = (int)i};
    *n = k;
    return v;
}

typedef struct Where {
    const char *config;
    const char *screen;
    const char *what; /* the content id shown (a place, service, category, page), or "" */
    int shown;        /* problems printed so far in this configuration */
} Where;

/* The content id behind a visit, for messages. */
static const char *visit_id(App *app, const Visit *v)
{
    const Site *s = app->site;
    switch (v->screen) {
    case SCREEN_DESTINATION: return s->destinations[v->arg].id;
    case SCREEN_SERVICE: return app_service(app, v->arg) ? app_service(app, v->arg)->id : "?";
    case SCREEN_SERVICE_LIST: return s->categories[v->arg].id;
    case SCREEN_PAGE: return s->pages[v->arg].id;
    default: return "";
    }
}

/* Answers to every question, some long, as a person might give them. */
static void fill_concern(Concern *c, const Site *s, CivilDate today)
{
    c->who = WHO_SOMEONE_ELSE;
    c->consent = CONSENT_CANNOT;
    c->category = "admission";
    c->where_place = s->ndestinations ? s->destinations[0].id : NULL;
    strbuf_adds(&c->where_text, "The car park by the old entrance, near the pay machines");
    c->when = civil_from_days(civil_to_days(today) - 400);
    for (int i = 0; i < 12; i++)
        strbuf_adds(&c->what, "We waited for hours and nobody told us the clinic had moved. ");
    strbuf_adds(&c->outcome, "An apology, an explanation and better signs at the entrance.");
    c->contact = CONTACT_EMAIL;
    strbuf_adds(&c->name, "Alexandra Montgomery-Fitzwilliam");
    strbuf_adds(&c->email, "alexandra.montgomery-fitzwilliam@example.org");
    c->ais_needs = 0x3ff;
    c->interpreter = true;
    strbuf_adds(&c->language, "Polish");
    c->consent_to_share = true;
}

/* Puts the concern form at visit v's step, through its own state. */
static void concern_setup(App *app, const Visit *v)
{
    ConcernState *cs = screen_state(app, v->screen);
    fill_concern(&cs->c, app->site, app->today);
    cs->c.kind = cs->kind;
    if (cs->kind == KIND_NEEDS)
        strbuf_adds(&cs->c.other_need, "Please face me when you speak, and write things down");
    cs->step = (ConcernStep)v->arg;
    cs->where_typing = v->variant == CV_TYPING;
    cs->covered = v->variant == CV_COVERED;
    cs->attempts = 2;
    if (cs->steps[cs->step].flags & STEP_IN_FORM)
        cs->problem = cs->steps[cs->step].check ? tr(S_CONCERN_CHECK_EMAIL) : NULL;
    if (cs->step == CSTEP_SENT) {
        concern_clear(&cs->c);
        snprintf(cs->reference, sizeof cs->reference, "K7QM-4TX4");
        CHECK(qr_encode("Northgate PALS\nYour reference: K7QM-4TX4\nPhone PALS: 01632 960100",
                        &cs->qr) == 0);
    }
}

/* Leaves the form with nothing held, so going home asks nothing. */
static void concern_done(App *app, ScreenId screen)
{
    ConcernState *cs = screen_state(app, screen);
    concern_clear(&cs->c);
    qr_release(&cs->qr);
    cs->step = CSTEP_INTRO;
    cs->covered = false;
    cs->problem = NULL;
}

static void print_problem(void *user, UiProblem p, const UiElement *a, const UiElement *b)
{
    Where *w = user;
    if (w->shown++ >= 40)
        return; /* enough to go on; the count says the rest */
    fprintf(stderr, "  %s: %s %s: %s '%s' (%s) at %d,%d %dx%d%s%s%s\n", w->config, w->screen,
            w->what, ui_problem_name(p), a->id, a->role, a->rect.x, a->rect.y, a->rect.w,
            a->rect.h, b ? " and '" : "", b ? b->id : "", b ? "'" : "");
}

static const char *store_path, *config_path;

static void check_size(int width, int height)
{
    KioskConfig cfg;
    config_defaults(&cfg);
    if (config_path) {
        DiagList diags;
        diag_init(&diags);
        if (config_load(config_path, &cfg, &diags) != 0)
            fprintf(stderr, "  config %s: %s\n", config_path, err_msg());
        diag_release(&diags);
    }
    Store *store = store_open(store_path);
    CHECK(store != NULL);
    if (!store) {
        fprintf(stderr, "  %s: %s\n", store_path, err_msg());
        return;
    }
    PlatformOptions po = {.headless = true, .width = width, .height = height,
                          .font_regular = cfg.font_regular, .font_bold = cfg.font_bold,
                          .assets_dir = cfg.assets_dir};
    Platform *plat = plat_open(&po);
    CHECK(plat != NULL);
    if (!plat) {
        store_close(store);
        return;
    }
    UiMeasure m = plat_measure(plat);
    Ui ui;
    ui_init(&ui, &m);
    App app;
    app_init(&app, &cfg, store, &ui);
    Runner runner;
    runner_init(&runner, &app, &ui, plat, true);
    app.today = (CivilDate){2026, 11, 22};
    runner.fixed_today = true;
    size_t n = 0;
    Visit *visits = tour(app.site, &n);
    /* Touch targets: 9 mm on the configured screen (EN 301 549 asks for no less). */
    int min_px = (int)ceil(9.0 * ui.theme.px_per_mm);
    for (int size = 0; size < APP_TEXT_SIZES; size++) {
        for (int hc = 0; hc < 2; hc++) {
            char name[96];
            snprintf(name, sizeof name, "%dx%d text %d%% %s", width, height,
                     (int)(app_text_sizes[size] * 100 + 0.5), hc ? "high contrast" : "normal");
            test_current_name = name;
            test_current_failed = 0;
            app.text_size = size;
            app.text_scale = cfg.text_scale * app_text_sizes[size];
            app.high_contrast = hc;
            CHECK(runner_apply_theme(&runner) == 0);
            int problems = 0;
            Where where = {name, "", "", 0};
            for (size_t i = 0; visits && i < n; i++) {
                const Visit *vi = &visits[i];
                app_go(&app, vi->screen, vi->concern_step ? 0 : vi->arg);
                runner_frame(&runner);
                if (vi->concern_step) {
                    concern_setup(&app, vi);
                    runner_frame(&runner);
                }
                if (vi->typed) {
                    ui_input_text(&ui, vi->typed);
                    runner_frame(&runner);
                }
                runner_frame(&runner);
                where.screen = app_screen_name(&app);
                where.what = vi->concern_step ? step_names[vi->arg] : visit_id(&app, vi);
                if (vi->typed) {
                    where.what = vi->typed;
                    CHECK(ui_find_element(&ui, vi->screen == SCREEN_SEARCH
                                                   ? "search-all-suggest"
                                                   : "search-suggest") != NULL);
                }
                if (vi->concern_step && vi->variant != CV_PLAIN)
                    where.what = vi->variant == CV_TYPING ? "where (typing)" : "review (covered)";
                problems += ui_audit(&ui, min_px, print_problem, &where);
                if (vi->concern_step)
                    concern_done(&app, vi->screen);
                app_home(&app);
                runner_frame(&runner);
            }
            if (problems) {
                fprintf(stderr, "  %s: %d problems on %zu screens\n", name, problems, n);
                test_current_failed = 1;
            }
            if (test_current_failed) {
                test_failed++;
                printf("FAIL %s\n", name);
            } else {
                test_passed++;
                printf("ok   %s (%zu screens)\n", name, n);
            }
        }
    }
    free(visits);
    app_release(&app);
    ui_release(&ui);
    plat_close(plat);
    store_close(store);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: test_layout STORE [CONFIG]\n");
        return 2;
    }
    store_path = argv[1];
    config_path = argc > 2 ? argv[2] : NULL;
    log_set_level(LOG_WARN);
    check_size(1920, 1080);
    check_size(1080, 1920);
    check_size(1280, 720);
    return TEST_REPORT();
}
