/* bench_directory.c: the directory at scale: 10,000 services in 12 categories (one
 * category holding exactly 1,000) added to the generated site, built with the real
 * content build. Prints the search keystroke time over services and the frame time
 * of scrolling the 1,000-entry service list (1920x1080, software rendering). */
#include "bench.h"

#include "app.h"
#include "config.h"
#include "content.h"
#include "err.h"
#include "mem.h"
#include "platform.h"
#include "runner.h"
#include "store.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { SERVICES = 10000, CATEGORIES = 12, BIG_CATEGORY_SIZE = 1000, ORGS = 200 };
/* One organisation for every 50 services, at least ORGS. */
enum { ORGS_PER_SERVICE = 50 };

static const char *const topics[] = {
    "Stroke", "Diabetes", "Heart", "Dementia", "Carers", "Bereavement", "Cancer", "Kidney",
    "Breastfeeding", "Autism", "Arthritis", "Asthma", "Parkinson's", "Sight loss", "Hearing",
    "Young carers", "Łódź Polish", "Café", "Men's health", "Debt advice"};
static const char *const kinds[] = {"support group", "drop-in", "helpline", "café",
                                    "advice service", "walk", "coffee morning", "network"};

static FILE *open_in(const char *dir, const char *name)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return fopen(path, "w");
}

int bench_write_directory(const char *dir, int services, int big_category)
{
    int orgs = services / ORGS_PER_SERVICE > ORGS ? services / ORGS_PER_SERVICE : ORGS;
    FILE *c = open_in(dir, "categories.csv"), *o = open_in(dir, "organizations.csv"),
         *s = open_in(dir, "services.csv"), *sc = open_in(dir, "schedules.csv");
    if (!c || !o || !s || !sc) {
        if (c) fclose(c);
        if (o) fclose(o);
        if (s) fclose(s);
        if (sc) fclose(sc);
        return err_set("cannot write the directory in %s", dir);
    }
    fprintf(c, "id,label,description\n");
    for (int i = 0; i < CATEGORIES; i++)
        fprintf(c, "cat-%d,Category %d,Services of kind %d.\n", i, i, i);
    fprintf(o, "id,name,description,url,email\n");
    for (int i = 0; i < orgs; i++)
        fprintf(o, "org-%d,Organisation %d,A local charity.,https://org%d.example.org,"
                   "hello%d@example.org\n", i, i, i, i);
    fprintf(s, "id,name,organization,status,description,categories,eligibility,min_age,"
               "max_age,fees,languages,url,email,phone,phone_description,place,address,"
               "attending,alert,assured_date\n");
    fprintf(sc, "service,freq,interval,byday,bymonthday,opens_at,closes_at,dtstart,"
                "description\n");
    static const char *const days[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
    for (int i = 0; i < services; i++) {
        /* The first big_category services are all in cat-0: the long list. */
        int cat = i < big_category ? 0 : 1 + i % (CATEGORIES - 1);
        const char *topic = topics[i % (sizeof topics / sizeof topics[0])];
        const char *kind = kinds[(i / 7) % (sizeof kinds / sizeof kinds[0])];
        fprintf(s, "svc-%d,%s %s %d,org-%d,active,\"A friendly %s for people affected by %s.\","
                   "cat-%d,Anyone,,,Free,English,,,01632 960%03d,Helpline,,"
                   "\"%d High Street, Northgate NX1 4AB\",In person,,2026-10-01\n",
                i, topic, kind, i, i % orgs, kind, topic, cat, i % 1000, 1 + i % 200);
        fprintf(sc, "svc-%d,WEEKLY,,%s,,10:00,12:00,,\n", i, days[i % 7]);
    }
    int rc = 0;
    FILE *all[] = {c, o, s, sc};
    for (size_t i = 0; i < 4; i++)
        if (fclose(all[i]) != 0)
            rc = err_set("writing the directory failed");
    return rc;
}

static void search_bench(Store *st)
{
    static const char *const queries[] = {"stroke support group", "lodz", "cafe drop",
                                          "dementia helpline", "parkinson", "zzz nothing",
                                          "young carers walk", "debt advice 42"};
    enum { MAX = 4000 };
    static double samples[MAX];
    size_t n = 0;
    SearchHit hits[60];
    for (int round = 0; round < 10; round++)
        for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++) {
            char buf[64];
            size_t len = strlen(queries[q]);
            for (size_t i = 1; i <= len && n < MAX; i++) {
                memcpy(buf, queries[q], i);
                buf[i] = '\0';
                double t = bench_now_ms();
                store_search(st, buf, hits, 60);
                samples[n++] = bench_now_ms() - t;
            }
        }
    printf("  search keystroke over 10,000 services (all kinds): p50 %.3f ms  p99 %.3f ms  "
           "(%zu keystrokes)  [target 2 ms]\n",
           bench_percentile(samples, n, 50), bench_percentile(samples, n, 99), n);
    /* The same with mistakes, where search forgives (corrections, "did you mean"). */
    static const char *const misspelt[] = {"strok suport group", "lodz", "demantia helpline",
                                           "parkinsons", "bereavment cafe", "astma walk",
                                           "dept advice", "youngcarers"};
    n = bench_misspelt_keystrokes(st, misspelt, sizeof misspelt / sizeof misspelt[0], 10,
                                  samples, MAX);
    printf("  search keystroke over 10,000 services, misspelt: p50 %.3f ms  p99 %.3f ms  "
           "(%zu keystrokes)  [target 2 ms]\n",
           bench_percentile(samples, n, 50), bench_percentile(samples, n, 99), n);
}

static void scroll_bench(Store *st, int frames)
{
    KioskConfig cfg;
    config_defaults(&cfg);
    PlatformOptions po = {.headless = true, .width = 1920, .height = 1080,
                          .font_regular = cfg.font_regular, .font_bold = cfg.font_bold};
    Platform *plat = plat_open(&po);
    if (!plat) {
        printf("  list scrolling: %s\n", err_msg());
        return;
    }
    Ui ui;
    UiMeasure m = plat_measure(plat);
    ui_init(&ui, &m);
    App app;
    app_init(&app, &cfg, st, &ui);
    Runner r;
    runner_init(&r, &app, &ui, plat, true);
    runner_apply_theme(&r);
    int cat = site_find_category(store_site(st), "cat-0");
    app_go(&app, SCREEN_SERVICE_LIST, cat);
    runner_frame(&r);
    double *s = bench_samples((size_t)frames);
    int x = 600, y0 = 900, y = y0;
    ui_input_pointer_down(&ui, x, y0);
    app_frame(&app, 1920, 1080);
    int n = 0;
    for (int i = 0; i < frames; i++) {
        y -= 40; /* a steady fling down the list */
        if (y < 250) {
            ui_input_pointer_up(&ui, x, y);
            app_frame(&app, 1920, 1080);
            y = y0;
            ui_input_pointer_down(&ui, x, y);
            app_frame(&app, 1920, 1080);
        }
        double t = bench_now_ms();
        ui_input_pointer_move(&ui, x, y);
        app_frame(&app, 1920, 1080);
        plat_present(plat, &ui.draw, ui.theme.bg);
        s[n++] = bench_now_ms() - t;
    }
    UiScrollState *ss = ui_scroll_state(&ui, "service-list");
    printf("  scrolling the 1,000-service list: p50 %.2f ms  p99 %.2f ms  (%d frames, "
           "scrolled to %d of %d px)  [target 8 ms]\n",
           bench_percentile(s, (size_t)n, 50), bench_percentile(s, (size_t)n, 99), n,
           ss ? ss->offset : -1, ss ? ss->content_h : -1);
    mem_free(s);
    app_release(&app);
    ui_release(&ui);
    plat_close(plat);
}

int bench_directory(const char *dir, const char *db_path, int frames)
{
    if (bench_write_directory(dir, SERVICES, BIG_CATEGORY_SIZE) != 0) {
        printf("directory x10,000: %s\n", err_msg());
        return -1;
    }
    DiagList diags;
    diag_init(&diags);
    double t0 = bench_now_ms();
    int rc = content_build(dir, db_path, &diags, NULL);
    double build_ms = bench_now_ms() - t0;
    if (rc != 0) {
        printf("directory x10,000: the generated content did not build:\n");
        diag_print(&diags, stdout);
        diag_release(&diags);
        return -1;
    }
    diag_release(&diags);
    Store *st = store_open(db_path);
    if (!st) {
        printf("directory x10,000: %s\n", err_msg());
        return -1;
    }
    printf("directory: 10,000 services in %d categories over the generated site; content "
           "build %.0f ms\n", CATEGORIES, build_ms);
    search_bench(st);
    scroll_bench(st, frames);
    store_close(st);
    return 0;
}
