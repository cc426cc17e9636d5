/* test_keys.c: keyboard use and contrast, measured on rendered pixels, on every kind of
 * screen the sample content makes (home, the three ways to find a place, support,
 * search, every place, category, service and page, the concern form's introduction),
 * in normal and high contrast, at 1920x1080 and at 1080x1920 with the largest text.
 *   - Text contrast: every line of text drawn is found in the pixels (the line's box
 *     from the draw list); its background is the commonest colour there, its colour
 *     the solid cores of its glyphs (the colour furthest from the background that
 *     covers more than a few stray pixels); their WCAG contrast ratio must be at least 4.5:1
 *     (normal) or 7:1 (high contrast). The worst line of each configuration is printed.
 *     Each scroll region is stepped through to its end, so lines below the fold are
 *     measured too; a line the region cuts is judged where it is seen whole (its cut
 *     edge is only the anti-aliased tips of its glyphs). A screen with no line measured
 *     fails, and a control run with a muted colour a little too faint must fail.
 *   - Reachability: from where focus starts, Tab visits every control in the tree and
 *     comes round again.
 *   - Focus ring: at every stop, the ring's pixels against the control inside it and
 *     against what is around it, at least 3:1 on every side.
 * usage: test_keys STORE [CONFIG] */
#include "app.h"
#include "config.h"
#include "err.h"
#include "log.h"
#include "mem.h"
#include "platform.h"
#include "runner.h"
#include "store.h"
#include "test.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Visit {
    ScreenId screen;
    int arg;
} Visit;

static const char *store_path, *config_path;

/* ==== colour ==== */

static double channel(unsigned v)
{
    double c = v / 255.0;
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static double luminance(uint32_t rgb)
{
    return 0.2126 * channel((rgb >> 16) & 0xFF) + 0.7152 * channel((rgb >> 8) & 0xFF) +
           0.0722 * channel(rgb & 0xFF);
}

static double ratio(uint32_t a, uint32_t b)
{
    double la = luminance(a), lb = luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* The commonest value of a sorted array (n > 0). */
static uint32_t mode(const uint32_t *v, size_t n, size_t *count)
{
    uint32_t best = v[0];
    size_t best_n = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && v[j] == v[i])
            j++;
        if (j - i > best_n) {
            best_n = j - i;
            best = v[i];
        }
        i = j;
    }
    if (count)
        *count = best_n;
    return best;
}

typedef struct Frame {
    uint32_t *px;
    int w, h;
} Frame;

static uint32_t at(const Frame *f, int x, int y)
{
    return f->px[(size_t)y * (size_t)f->w + (size_t)x];
}

/* ==== text contrast ==== */

typedef struct Worst {
    double ratio;
    char what[200];
    int failures;
    int covered; /* lines with no pixel unlike their background (drawn over) */
    int judged;  /* lines measured */
    bool quiet;  /* the control run: failures expected, not printed */
} Worst;

/* The smallest shown element with a name whose box holds (x, y). */
static const UiElement *owner(const Ui *ui, int x, int y)
{
    const UiElement *best = NULL;
    long best_area = 0;
    for (size_t i = 0; i < ui->nelements; i++) {
        const UiElement *e = &ui->elements[i];
        if (rect_empty(e->visible) || !e->label[0] || !rect_contains(e->visible, x, y))
            continue;
        long area = (long)e->visible.w * e->visible.h;
        if (!best || area < best_area) {
            best = e;
            best_area = area;
        }
    }
    return best;
}

static void check_text(Ui *ui, const Frame *f, double need, const char *where, Worst *worst)
{
    /* Text drawn before an overlay's backdrop is under it: not seen. */
    size_t first = 0;
    for (size_t i = 0; i < ui->draw.len; i++) {
        const DrawCmd *c = &ui->draw.cmds[i];
        if (c->kind == DRAW_FILL && c->rect.x == 0 && c->rect.y == 0 && c->rect.w == f->w &&
            c->rect.h == f->h)
            first = i + 1;
    }
    Rect clip = rect_make(0, 0, f->w, f->h);
    uint32_t *buf = NULL;
    size_t cap = 0;
    int covered = 0;
    for (size_t i = 0; i < ui->draw.len; i++) {
        const DrawCmd *c = &ui->draw.cmds[i];
        if (c->kind == DRAW_CLIP) {
            clip = c->rect.w > 0 ? rect_intersect(c->rect, rect_make(0, 0, f->w, f->h))
                                 : rect_make(0, 0, f->w, f->h);
            continue;
        }
        if (c->kind != DRAW_TEXT || i < first || !c->text || !c->text[strspn(c->text, " ")])
            continue;
        int tw = ui->measure.text_width(ui->measure.user, c->font, c->text, strlen(c->text));
        Rect full = rect_make(c->rect.x, c->rect.y, tw, c->rect.h);
        Rect r = rect_intersect(full, clip);
        /* A line the scroll region cuts shows only its glyphs' anti-aliased tips or
         * tails: it is judged where it is seen whole, at another scroll offset. */
        if (rect_empty(r) || r.h * 4 < full.h * 3 || r.w * 2 < full.w)
            continue;
        /* Inside a control, away from its border (a key's line box can reach it). */
        const UiElement *box = owner(ui, r.x + r.w / 2, r.y + r.h / 2);
        if (box && box->interactive) {
            Rect in = rect_inset(box->visible, ui->theme.unit / 2 > 3 ? ui->theme.unit / 2 : 3);
            Rect cut = rect_intersect(r, in);
            if (cut.h * 3 >= r.h * 2 && cut.w * 3 >= r.w * 2)
                r = cut;
        }
        if (rect_empty(r))
            continue;
        size_t n = (size_t)r.w * (size_t)r.h;
        if (n > cap) {
            free(buf);
            cap = n;
            buf = malloc(cap * sizeof *buf);
            if (!buf)
                return;
        }
        size_t k = 0;
        for (int y = r.y; y < r.y + r.h; y++)
            for (int x = r.x; x < r.x + r.w; x++)
                buf[k++] = at(f, x, y);
        qsort(buf, k, sizeof *buf, cmp_u32);
        uint32_t bg = mode(buf, k, NULL);
        size_t m = 0;
        for (size_t j = 0; j < k; j++)
            if (buf[j] != bg)
                buf[m++] = buf[j];
        if (m == 0) {
            covered++; /* not a pixel of it shows: something is drawn over it */
            continue;
        }
        /* The text's own colour: the glyphs' solid cores, the colour furthest from the
         * background that is more than a stray pixel (edges are blends of the two). */
        uint32_t fg = mode(buf, m, NULL);
        size_t least = m / 50 > 3 ? m / 50 : 3;
        double far = ratio(fg, bg);
        qsort(buf, m, sizeof *buf, cmp_u32);
        for (size_t a = 0; a < m;) {
            size_t b = a;
            while (b < m && buf[b] == buf[a])
                b++;
            if (b - a >= least && ratio(buf[a], bg) > far) {
                far = ratio(buf[a], bg);
                fg = buf[a];
            }
            a = b;
        }
        double cr = ratio(fg, bg);
        worst->judged++;
        const UiElement *e = owner(ui, r.x + r.w / 2, r.y + r.h / 2);
        if (cr < worst->ratio) {
            worst->ratio = cr;
            snprintf(worst->what, sizeof worst->what, "%s '%s' (%s): #%06X on #%06X",
                     where, e ? e->id : "?", c->text, (unsigned)fg, (unsigned)bg);
        }
        if (cr + 1e-9 < need) {
            if (worst->failures++ < 20 && !worst->quiet)
                fprintf(stderr, "  %s: text '%s' in '%s': %.2f:1 (#%06X on #%06X), needs %.1f:1\n",
                        where, c->text, e ? e->id : "?", cr, (unsigned)fg, (unsigned)bg, need);
        }
    }
    free(buf);
    worst->covered += covered;
}

/* Every line of the screen where it is seen: as it first shows, then each scroll region
 * stepped through to its end (2/3 of a view at a time, so each line is seen whole at
 * some step), then back to the top. Fails a screen on which not a line was judged. */
static int render(Runner *r, Frame *f);

static void check_screen_text(Runner *r, Frame *f, double need, const char *where, Worst *worst)
{
    Ui *ui = r->ui;
    int before = worst->judged;
    if (render(r, f) == 0)
        check_text(ui, f, need, where, worst);
    for (int k = 0; k < UI_MAX_SCROLLS; k++) {
        UiScrollState *s = &ui->scrolls[k];
        if (!s->used || s->content_h <= s->view_h || s->view_h <= 0)
            continue;
        int step = s->view_h * 2 / 3 > 1 ? s->view_h * 2 / 3 : 1;
        int max = s->content_h - s->view_h;
        for (int off = step, n = 0; n < 200; off += step, n++) {
            int at_off = off < max ? off : max;
            ui->scrolls[k].offset = at_off;
            runner_frame(r);
            char w[220];
            snprintf(w, sizeof w, "%s (%s scrolled %d px)", where, s->name, at_off);
            if (render(r, f) == 0)
                check_text(ui, f, need, w, worst);
            if (at_off >= max)
                break;
        }
        ui->scrolls[k].offset = 0;
        runner_frame(r);
    }
    if (worst->judged == before) {
        fprintf(stderr, "  %s: not a line of text was measured\n", where);
        test_current_failed = 1;
    }
}

/* ==== focus ring ==== */

/* The ring's contrast on one side at one point: its band's best against the control
 * inside it and against what is around it; the smaller of the two. */
static double ring_sample(const Frame *f, Rect o, int w, int side, int t)
{
    /* side 0 top, 1 bottom, 2 left, 3 right; t in 1..3 quarters along it. */
    int x, y, dx = 0, dy = 0;
    switch (side) {
    case 0: x = o.x + o.w * t / 4; y = o.y; dy = 1; break;
    case 1: x = o.x + o.w * t / 4; y = o.y + o.h - 1; dy = -1; break;
    case 2: x = o.x; y = o.y + o.h * t / 4; dx = 1; break;
    default: x = o.x + o.w - 1; y = o.y + o.h * t / 4; dx = -1; break;
    }
    int ix = x + dx * (w + 2), iy = y + dy * (w + 2);
    int ox = x - dx * 2, oy = y - dy * 2;
    bool has_out = ox >= 0 && oy >= 0 && ox < f->w && oy < f->h;
    uint32_t in = at(f, ix, iy), out = has_out ? at(f, ox, oy) : 0;
    double best_in = 1, best_out = has_out ? 1 : 21;
    for (int d = 0; d < w; d++) {
        uint32_t b = at(f, x + dx * d, y + dy * d);
        double ri = ratio(b, in);
        best_in = ri > best_in ? ri : best_in;
        if (has_out) {
            double ro = ratio(b, out);
            best_out = ro > best_out ? ro : best_out;
        }
    }
    return best_in < best_out ? best_in : best_out;
}

static double ring_contrast(const Frame *f, Rect o, int w)
{
    double worst = 21;
    for (int side = 0; side < 4; side++)
        for (int t = 1; t <= 3; t++) {
            double c = ring_sample(f, o, w, side, t);
            worst = c < worst ? c : worst;
        }
    return worst;
}

/* ==== the tour ==== */

static int render(Runner *r, Frame *f)
{
    free(f->px);
    f->px = NULL;
    uint32_t *px = NULL;
    if (plat_read_rgb(r->plat, &r->ui->draw, r->ui->theme.bg, &px, &f->w, &f->h) != 0)
        return -1;
    size_t n = (size_t)f->w * (size_t)f->h;
    f->px = malloc(n * sizeof *f->px);
    if (f->px)
        memcpy(f->px, px, n * sizeof *px);
    mem_free(px);
    return f->px ? 0 : -1;
}

static void press(Runner *r, UiKey k)
{
    PlatEvent ev = {.kind = PEV_KEY, .key = k};
    runner_handle(r, &ev);
}

static const UiElement *focused(const Ui *ui)
{
    for (size_t i = 0; i < ui->nelements; i++)
        if (ui->elements[i].focused)
            return &ui->elements[i];
    return NULL;
}

enum { MAX_IDS = 1024 };

typedef struct IdSet {
    char *ids[MAX_IDS];
    int n;
} IdSet;

static bool set_has(const IdSet *s, const char *id)
{
    for (int i = 0; i < s->n; i++)
        if (strcmp(s->ids[i], id) == 0)
            return true;
    return false;
}

static void set_add(IdSet *s, const char *id)
{
    if (s->n < MAX_IDS && !set_has(s, id))
        s->ids[s->n++] = strdup(id);
}

static void set_clear(IdSet *s)
{
    for (int i = 0; i < s->n; i++)
        free(s->ids[i]);
    s->n = 0;
}

/* Tabs round the screen from where focus starts, measuring the ring at every stop
 * (when measure_ring), and checks every control seen was reached. */
static void check_keys(Runner *r, const char *where, bool measure_ring, double *worst_ring,
                       char *worst_what, size_t cap)
{
    Ui *ui = r->ui;
    static IdSet seen, visited;
    set_clear(&seen);
    set_clear(&visited);
    press(r, UI_KEY_TAB); /* the first key shows the ring where focus starts */
    const UiElement *e = focused(ui);
    CHECK(e != NULL);
    if (!e)
        return;
    char *start = strdup(e->id);
    Frame f = {0};
    for (int step = 0; step < 600; step++) {
        e = focused(ui);
        if (!e)
            break;
        if (step > 0 && strcmp(e->id, start) == 0)
            break;
        set_add(&visited, e->id);
        for (size_t i = 0; i < ui->nelements; i++)
            if (ui->elements[i].focus_order >= 0)
                set_add(&seen, ui->elements[i].id);
        if (measure_ring && step < 10) {
            if (rect_empty(ui->ring)) {
                fprintf(stderr, "  %s: no focus ring drawn on '%s' at %d,%d %dx%d (seen %dx%d)\n",
                        where, e->id, e->rect.x, e->rect.y, e->rect.w, e->rect.h,
                        e->visible.w, e->visible.h);
                test_current_failed = 1;
            }
            if (!rect_empty(ui->ring) && render(r, &f) == 0) {
                double c = ring_contrast(&f, ui->ring, ui->ring_w);
                if (c < *worst_ring) {
                    *worst_ring = c;
                    snprintf(worst_what, cap, "%s '%s'", where, e->id);
                }
                if (c < 3.0) {
                    fprintf(stderr, "  %s: focus ring on '%s': %.2f:1, needs 3:1\n", where, e->id, c);
                    test_current_failed = 1;
                }
            }
        }
        press(r, UI_KEY_TAB);
    }
    e = focused(ui);
    if (!e || strcmp(e->id, start) != 0) {
        fprintf(stderr, "  %s: Tab did not come round to '%s' again\n", where, start);
        test_current_failed = 1;
    }
    for (int i = 0; i < seen.n; i++)
        if (!set_has(&visited, seen.ids[i])) {
            fprintf(stderr, "  %s: '%s' cannot be reached with Tab\n", where, seen.ids[i]);
            test_current_failed = 1;
        }
    free(start);
    free(f.px);
}

static void check_size(int width, int height, int text_size)
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
    if (!store)
        return;
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
    const Site *s = app.site;
    size_t cap = 9 + s->ndestinations + s->ncategories + s->nservices + s->npages, n = 0;
    Visit *v = calloc(cap, sizeof *v);
    if (!v)
        return;
    v[n++] = (Visit){SCREEN_HOME, 0};
    v[n++] = (Visit){SCREEN_FIND, FIND_TAB_AZ};
    v[n++] = (Visit){SCREEN_FIND, FIND_TAB_TYPE};
    v[n++] = (Visit){SCREEN_FIND, FIND_TAB_SEARCH};
    v[n++] = (Visit){SCREEN_SUPPORT, 0};
    v[n++] = (Visit){SCREEN_SEARCH, 0};
    v[n++] = (Visit){SCREEN_CONCERN, 0};
    v[n++] = (Visit){SCREEN_NEEDS, 0};
    for (size_t i = 0; i < s->ndestinations; i++)
        v[n++] = (Visit){SCREEN_DESTINATION, (int)i};
    for (size_t i = 0; i < s->ncategories; i++)
        v[n++] = (Visit){SCREEN_SERVICE_LIST, (int)i};
    for (size_t i = 0; i < s->nservices; i++)
        v[n++] = (Visit){SCREEN_SERVICE, (int)i};
    for (size_t i = 0; i < s->npages; i++)
        v[n++] = (Visit){SCREEN_PAGE, (int)i};
    for (int hc = 0; hc < 2; hc++) {
        char name[96];
        snprintf(name, sizeof name, "%dx%d text %d%% %s", width, height,
                 (int)(app_text_sizes[text_size] * 100 + 0.5), hc ? "high contrast" : "normal");
        test_current_name = name;
        test_current_failed = 0;
        app.text_size = text_size;
        app.text_scale = cfg.text_scale * app_text_sizes[text_size];
        app.high_contrast = hc;
        CHECK(runner_apply_theme(&runner) == 0);
        double need = hc ? 7.0 : 4.5;
        Worst worst = {100.0, "", 0, 0, 0, false};
        double worst_ring = 21;
        char ring_what[200] = "";
        Frame f = {0};
        for (size_t i = 0; i < n; i++) {
            bool first_of_kind = i == 0 || v[i].screen != v[i - 1].screen;
            if (text_size > 0 && !first_of_kind && i > 6)
                continue; /* large text: one of each kind of screen */
            ui_reset_state(&ui);
            app_go(&app, v[i].screen, v[i].arg);
            runner_frame(&runner);
            runner_frame(&runner);
            char where[160];
            snprintf(where, sizeof where, "%s %s %d", name, app_screen_name(&app), v[i].arg);
            check_screen_text(&runner, &f, need, where, &worst);
            /* Keys on every kind of screen; the ring everywhere on the first of each. */
            if (first_of_kind || (v[i].screen == SCREEN_FIND && i < 4))
                check_keys(&runner, where, true, &worst_ring, ring_what, sizeof ring_what);
            app_home(&app);
            runner_frame(&runner);
        }
        /* The control: the same measure must fail a muted text colour a little too
         * faint for this theme (#7A7A7A: 4.3:1 on white, 4.9:1 on black), or it could
         * pass by finding nothing. */
        {
            Worst faint = {100.0, "", 0, 0, 0, true};
            ui_reset_state(&ui);
            app_go(&app, SCREEN_SERVICE_LIST, 0);
            runner_frame(&runner);
            ui.theme.text_muted = color_rgb(0x7A, 0x7A, 0x7A);
            runner_frame(&runner);
            runner_frame(&runner);
            check_screen_text(&runner, &f, need, "control", &faint);
            if (faint.failures == 0) {
                fprintf(stderr, "  %s: text in #7A7A7A passed (worst %.2f:1 at %s): the measure "
                        "sees nothing\n", name, faint.ratio, faint.what);
                test_current_failed = 1;
            }
            CHECK(runner_apply_theme(&runner) == 0);
            app_home(&app);
            runner_frame(&runner);
        }
        /* The overlays: "Discard your answers?" is modelled by the help overlay here. */
        press(&runner, UI_KEY_HELP);
        if (render(&runner, &f) == 0)
            check_text(&ui, &f, need, "help overlay", &worst);
        check_keys(&runner, "help overlay", true, &worst_ring, ring_what, sizeof ring_what);
        press(&runner, UI_KEY_ESCAPE);
        free(f.px);
        if (worst.failures) {
            fprintf(stderr, "  %s: %d lines of text below %.1f:1\n", name, worst.failures, need);
            test_current_failed = 1;
        }
        printf("     %s: %d lines measured; worst text %.2f:1 at %s (%d lines drawn over, "
               "not judged)\n", name, worst.judged, worst.ratio, worst.what, worst.covered);
        printf("     %s: worst focus ring %.2f:1 at %s\n", name, worst_ring, ring_what);
        if (test_current_failed) {
            test_failed++;
            printf("FAIL %s\n", name);
        } else {
            test_passed++;
            printf("ok   %s (%zu screens)\n", name, n);
        }
    }
    free(v);
    app_release(&app);
    ui_release(&ui);
    plat_close(plat);
    store_close(store);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: test_keys STORE [CONFIG]\n");
        return 2;
    }
    store_path = argv[1];
    config_path = argc > 2 ? argv[2] : NULL;
    log_set_level(LOG_WARN);
    check_size(1920, 1080, 0);
    check_size(1080, 1920, APP_TEXT_SIZES - 1);
    return TEST_REPORT();
}
