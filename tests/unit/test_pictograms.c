/* test_pictograms.c: the pictograms in assets/ and DRAW_IMAGE, through the platform
 * layer's own code on a headless software renderer. Every pictogram loads at 48 and
 * 200 px, draws something but not a filled box, stays inside its rect, keeps the 8%
 * margin and reaches it (the set keeps one visual size); the tint colours it; the
 * out-of-order illustration loads from its subfolder; and unknown names, refused names
 * ("..", absolute paths) and files that are not SVG, reach outside themselves (href,
 * url(), @import, entities), are over 1 MiB or are a named pipe draw nothing, are
 * logged once each, and never crash or wait. The texture cache stays within its bounds and is dropped when the
 * fonts are rebuilt. */
#include "test.h"
#include "testlib.h"

#include "draw.h"
#include "log.h"
#include "mem.h"
#include "platform.h"
#include "theme.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define ASSETS SOURCE_ROOT "/assets"
#define TMP_ASSETS TEST_TMP_DIR "/pictogram-assets"

enum { W = 256, H = 256 };

/* Every name the screens may ask for (the brief for assets/pictograms). */
static const char *const required[] = {
    "find-your-way", "support", "how-to-raise", "raise-concern", "about-pals", "search",
    "toilets", "accessible-toilet", "baby-change", "cafe", "shop", "pharmacy", "lift",
    "stairs", "escalator", "exit", "information", "chapel", "parking", "ward", "clinic",
    "department", "help", "food", "facility", "travel", "car-park", "you-are-here",
    "destination", "step-free", "hearing-loop", "water", "cash-machine", "language",
};

/* ==== log capture ==== */

static int warnings;
static char last_warning[512];

static void capture(void *user, LogLevel level, const char *line)
{
    (void)user;
    if (level == LOG_WARN) {
        warnings++;
        snprintf(last_warning, sizeof last_warning, "%s", line);
    }
}

/* ==== helpers ==== */

static Platform *open_headless(const char *assets_dir)
{
    PlatformOptions po = {
        .headless = true,
        .width = W,
        .height = H,
        .font_regular = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
        .font_bold = "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
        .assets_dir = assets_dir,
    };
    Platform *p = plat_open(&po);
    if (!p)
        fprintf(stderr, "  plat_open: %s\n", err_msg());
    return p;
}

typedef struct Ink {
    long inside;          /* pixels in the rect darker than mid-grey */
    long outside;         /* pixels outside the rect that are not the background */
    int x0, y0, x1, y1;   /* bounds of the ink (x1/y1 exclusive); x0 > x1 when none */
    int brightest;        /* largest grey value inside the rect */
    int darkest;          /* smallest grey value inside the rect */
} Ink;

/* Draws one image in `color` over `bg` and measures it in grey. */
static int draw_one(Platform *p, const char *name, Rect r, Color color, Color bg, Ink *ink)
{
    DrawList dl;
    drawlist_init(&dl);
    DrawCmd *c = drawlist_push(&dl, DRAW_IMAGE);
    if (!c) {
        drawlist_release(&dl);
        return -1;
    }
    c->rect = r;
    c->color = color;
    c->text = name;
    unsigned char *g = NULL;
    int w = 0, h = 0;
    int rc = plat_read_gray(p, &dl, bg, &g, &w, &h);
    drawlist_release(&dl);
    if (rc != 0)
        return -1;
    unsigned char bg_grey = (unsigned char)((bg.r * 299 + bg.g * 587 + bg.b * 114) / 1000);
    memset(ink, 0, sizeof *ink);
    ink->x0 = w;
    ink->y0 = h;
    ink->darkest = 255;
    for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
            unsigned char v = g[y * w + x];
            bool in = x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h;
            if (!in) {
                ink->outside += v != bg_grey;
                continue;
            }
            if (v > ink->brightest)
                ink->brightest = v;
            if (v < ink->darkest)
                ink->darkest = v;
            if (abs((int)v - (int)bg_grey) > 96) {
                ink->inside++;
                if (x < ink->x0) ink->x0 = x;
                if (y < ink->y0) ink->y0 = y;
                if (x + 1 > ink->x1) ink->x1 = x + 1;
                if (y + 1 > ink->y1) ink->y1 = y + 1;
            }
        }
    }
    mem_free(g);
    return 0;
}

static const Color black = {0, 0, 0, 255}, white = {255, 255, 255, 255};

/* ==== tests ==== */

static void test_required_pictograms_exist(void)
{
    char path[1024];
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++) {
        snprintf(path, sizeof path, ASSETS "/pictograms/%s.svg", required[i]);
        if (!tl_exists(path))
            fprintf(stderr, "  missing %s\n", path);
        CHECK(tl_exists(path));
        CHECK(plat_image_name_ok(required[i]));
    }
    CHECK(tl_exists(ASSETS "/illustrations/out-of-order.svg"));
}

/* Every SVG in assets/pictograms, at 48 and 200 px. */
static void test_every_pictogram_draws(void)
{
    Platform *p = open_headless(ASSETS);
    CHECK(p != NULL);
    DIR *d = opendir(ASSETS "/pictograms");
    CHECK(d != NULL);
    if (!p || !d) {
        if (d)
            closedir(d);
        plat_close(p);
        return;
    }
    int count = 0;
    warnings = 0;
    log_set_sink(capture, NULL);
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (n < 5 || strcmp(e->d_name + n - 4, ".svg") != 0)
            continue;
        char name[256];
        snprintf(name, sizeof name, "%.*s", (int)(n - 4), e->d_name);
        count++;
        static const int sizes[] = {48, 200};
        for (size_t s = 0; s < 2; s++) {
            int px = sizes[s];
            Rect r = {17, 11, px, px};
            Ink ink;
            CHECK(draw_one(p, name, r, black, white, &ink) == 0);
            long area = (long)px * px;
            bool ok = ink.inside > area / 20 && ink.inside < area * 3 / 4 &&
                      ink.outside == 0;
            /* One visual size (assets/README.md): the drawing keeps an 8% margin and
             * reaches it one way or the other, so its ink spans about 84% of the box;
             * a pixel of rounding either way is allowed. */
            int span = ink.x1 - ink.x0 > ink.y1 - ink.y0 ? ink.x1 - ink.x0 : ink.y1 - ink.y0;
            int lo = px * 7 / 100 - 1, hi = px - lo;
            bool in_margin = ink.x0 - r.x >= lo && ink.y0 - r.y >= lo &&
                             ink.x1 - r.x <= hi && ink.y1 - r.y <= hi;
            bool big_enough = span * 100 >= px * 80;
            if (!ok || !in_margin || !big_enough)
                fprintf(stderr, "  %s at %d px: %ld of %ld pixels inked, %ld outside, ink "
                        "from %d,%d to %d,%d in the box, spans %d px\n", name, px,
                        ink.inside, area, ink.outside, ink.x0 - r.x, ink.y0 - r.y,
                        ink.x1 - r.x, ink.y1 - r.y, span);
            CHECK(ok);
            CHECK(in_margin);
            CHECK(big_enough);
        }
    }
    closedir(d);
    log_set_sink(NULL, NULL);
    CHECK(count >= (int)(sizeof required / sizeof required[0]));
    CHECK_INT(warnings, 0);
    size_t failures = 99;
    plat_image_stats(p, NULL, NULL, &failures);
    CHECK_INT(failures, 0);
    plat_close(p);
}

/* The tint colours the black paths: yellow on black comes out bright. */
static void test_tint(void)
{
    Platform *p = open_headless(ASSETS);
    CHECK(p != NULL);
    if (!p)
        return;
    Ink ink;
    Rect r = {0, 0, 120, 120};
    CHECK(draw_one(p, "information", r, (Color){255, 255, 0, 255}, black, &ink) == 0);
    CHECK(ink.brightest >= 200);
    CHECK(ink.inside > 0);
    /* Half transparent black over white: mid-grey at its darkest. */
    CHECK(draw_one(p, "information", r, (Color){0, 0, 0, 128}, white, &ink) == 0);
    CHECK(ink.darkest >= 110 && ink.darkest <= 145);
    plat_close(p);
}

/* A name with a '/' is a path under the assets folder; a wide box keeps the aspect. */
static void test_illustration(void)
{
    Platform *p = open_headless(ASSETS);
    CHECK(p != NULL);
    if (!p)
        return;
    Ink ink;
    Rect r = {10, 20, 220, 120};
    CHECK(draw_one(p, "illustrations/out-of-order", r, black, white, &ink) == 0);
    CHECK(ink.inside > 1000);
    CHECK_INT(ink.outside, 0);
    /* Square artwork in a wide box: 120 px wide at most, centred. */
    CHECK(ink.x1 - ink.x0 <= 121);
    CHECK(ink.x0 >= 10 + 50 && ink.x1 <= 10 + 170);
    plat_close(p);
}

static void test_refused_names(void)
{
    static const char *const bad[] = {
        "", "../secret", "/etc/passwd", "a//b", "illustrations/../pictograms/toilets",
        "toilets.svg", "illustrations/", ".hidden", "..", "sp ace", "tab\tname",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK(!plat_image_name_ok(bad[i]));
    CHECK(!plat_image_name_ok(NULL));
    CHECK(plat_image_name_ok("toilets"));
    CHECK(plat_image_name_ok("illustrations/out-of-order"));
    CHECK(plat_image_name_ok("a_b/c-d/E9"));

    Platform *p = open_headless(ASSETS);
    CHECK(p != NULL);
    if (!p)
        return;
    warnings = 0;
    log_set_sink(capture, NULL);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        Ink ink;
        CHECK(draw_one(p, bad[i], (Rect){0, 0, 64, 64}, black, white, &ink) == 0);
        CHECK_INT(ink.inside, 0);
    }
    log_set_sink(NULL, NULL);
    CHECK_INT(warnings, (int)(sizeof bad / sizeof bad[0]));
    plat_close(p);
}

/* Unknown names and files that are not SVG: nothing drawn, one warning per name. */
static void test_unknown_and_unreadable(void)
{
    tl_remove_tree(TMP_ASSETS);
    mkdir(TMP_ASSETS, 0755);
    mkdir(TMP_ASSETS "/pictograms", 0755);
    static const char png_magic[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    tl_put(TMP_ASSETS "/pictograms/not-svg.svg", png_magic, sizeof png_magic - 1);
    tl_put_str(TMP_ASSETS "/pictograms/words.svg", "This is a note, not a picture.\n");
    tl_put_str(TMP_ASSETS "/pictograms/broken.svg", "<svg <<<< \"unterminated");
    tl_put_str(TMP_ASSETS "/pictograms/empty.svg", "");
    tl_put_str(TMP_ASSETS "/pictograms/zero-size.svg",
               "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"0\" height=\"0\"></svg>");
    tl_put_str(TMP_ASSETS "/pictograms/no-size.svg",
               "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"1\" height=\"1\"/></svg>");
    tl_put_str(TMP_ASSETS "/pictograms/negative.svg",
               "<svg viewBox=\"0 0 10 10\" width=\"-4\"><rect width=\"1\" height=\"1\"/></svg>");
    tl_put_str(TMP_ASSETS "/pictograms/flat.svg",
               "<svg viewBox=\"0 0 10 0\"><rect width=\"1\" height=\"1\"/></svg>");
    tl_put_str(TMP_ASSETS "/pictograms/square.svg",
               "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0,0,10,10\">"
               "<rect x=\"2\" y=\"2\" width=\"6\" height=\"6\"/></svg>");
    tl_put_str(TMP_ASSETS "/pictograms/sized.svg",
               "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"\n"
               "     width='10' height='10'><rect x=\"2\" y=\"2\" width=\"6\" height=\"6\"/></svg>");
    mkdir(TMP_ASSETS "/pictograms/folder.svg", 0755);

    Platform *p = open_headless(TMP_ASSETS);
    CHECK(p != NULL);
    if (!p)
        return;
    static const char *const unusable[] = {"no-such-pictogram", "not-svg", "words", "broken",
                                           "empty", "zero-size", "no-size", "negative",
                                           "flat", "folder", "toilets"};
    size_t n = sizeof unusable / sizeof unusable[0];
    warnings = 0;
    log_set_sink(capture, NULL);
    for (int frame = 0; frame < 3; frame++) {
        for (size_t i = 0; i < n; i++) {
            Ink ink;
            CHECK(draw_one(p, unusable[i], (Rect){4, 4, 48, 48}, black, white, &ink) == 0);
            if (ink.inside != 0)
                fprintf(stderr, "  %s drew %ld pixels\n", unusable[i], ink.inside);
            CHECK_INT(ink.inside, 0);
        }
    }
    log_set_sink(NULL, NULL);
    CHECK_INT(warnings, (int)n); /* once per name, not once per frame */
    CHECK_CONTAINS(last_warning, "toilets");
    size_t failures = 0, entries = 99;
    plat_image_stats(p, &entries, NULL, &failures);
    CHECK_INT(failures, n);
    CHECK_INT(entries, 0);

    /* Good files in the same folder still draw: a viewBox with commas, and a size
     * given only by width and height (each a 6 of 10 units square). */
    Ink ink;
    CHECK(draw_one(p, "square", (Rect){0, 0, 100, 100}, black, white, &ink) == 0);
    CHECK(ink.inside >= 55 * 55 && ink.inside <= 65 * 65);
    CHECK(ink.x0 >= 19 && ink.x0 <= 21 && ink.x1 >= 79 && ink.x1 <= 81);
    CHECK(draw_one(p, "sized", (Rect){0, 0, 100, 100}, black, white, &ink) == 0);
    CHECK(ink.inside >= 55 * 55 && ink.inside <= 65 * 65);
    plat_close(p);
    tl_remove_tree(TMP_ASSETS);
}

/* Pictures that reach outside themselves, a named pipe and a file over 1 MiB in place of
 * a picture: each refused at once with a message saying why, nothing drawn, nothing
 * waited on; a DOCTYPE naming SVG 1.1's DTD and links inside the file are fine. */
static void test_outside_and_hostile(void)
{
    tl_remove_tree(TMP_ASSETS);
    mkdir(TMP_ASSETS, 0755);
    mkdir(TMP_ASSETS "/pictograms", 0755);
#define SVG_OPEN "<svg xmlns=\"http://www.w3.org/2000/svg\" " \
                 "xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 10 10\">"
#define SQUARE "<rect x=\"2\" y=\"2\" width=\"6\" height=\"6\"/>"
    static const struct {
        const char *name, *text, *why;
    } bad[] = {
        {"image", SVG_OPEN SQUARE "<image href=\"/etc/hostname\" width=\"9\" height=\"9\"/></svg>",
         "(href)"},
        {"use", SVG_OPEN SQUARE "<use xlink:href = 'other.svg#door'/></svg>", "(href)"},
        {"entity", "<?xml version=\"1.0\"?>\n<!DOCTYPE svg [\n<!ENTITY plan SYSTEM "
                   "\"file:///etc/passwd\">\n]>\n" SVG_OPEN SQUARE "<text>&plan;</text></svg>",
         "declares"},
        {"css", SVG_OPEN "<style>@import url(plan.css);</style>" SQUARE "</svg>", "@import"},
        {"fill", SVG_OPEN "<rect width=\"9\" height=\"9\" fill=\"url(https://example.org/p)\"/>"
                 "</svg>", "(url)"},
        {"xinclude", SVG_OPEN "<xi:include href=\"#x\"/>" SQUARE "</svg>", "XInclude"},
    };
    size_t nbad = sizeof bad / sizeof bad[0];
    char path[512];
    for (size_t i = 0; i < nbad; i++) {
        snprintf(path, sizeof path, TMP_ASSETS "/pictograms/%s.svg", bad[i].name);
        tl_put_str(path, bad[i].text);
    }
    CHECK(mkfifo(TMP_ASSETS "/pictograms/fifo.svg", 0644) == 0);
    /* Over 1 MiB: a good picture padded with spaces. */
    size_t big = 1024 * 1024 + 16;
    char *huge = malloc(big + 1);
    CHECK(huge != NULL);
    if (huge) {
        memset(huge, ' ', big);
        memcpy(huge, SVG_OPEN SQUARE, strlen(SVG_OPEN SQUARE));
        memcpy(huge + big - 6, "</svg>", 6);
        tl_put(TMP_ASSETS "/pictograms/huge.svg", huge, big);
        free(huge);
    }
    tl_put_str(TMP_ASSETS "/pictograms/doctype.svg",
               "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" "
               "\"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n" SVG_OPEN
               "<defs><rect id=\"sq\" x=\"2\" y=\"2\" width=\"6\" height=\"6\"/></defs>"
               "<a href=\"#sq\">" SQUARE "</a></svg>");
#undef SVG_OPEN
#undef SQUARE

    Platform *p = open_headless(TMP_ASSETS);
    CHECK(p != NULL);
    if (!p)
        return;
    log_set_sink(capture, NULL);
    for (size_t i = 0; i < nbad + 2; i++) {
        const char *name = i < nbad ? bad[i].name : i == nbad ? "fifo" : "huge";
        const char *why = i < nbad ? bad[i].why : i == nbad ? "not a regular file" : "too large";
        warnings = 0;
        last_warning[0] = '\0';
        Ink ink;
        CHECK(draw_one(p, name, (Rect){4, 4, 48, 48}, black, white, &ink) == 0);
        CHECK_INT(ink.inside, 0);
        CHECK_INT(warnings, 1);
        if (!strstr(last_warning, why))
            fprintf(stderr, "  %s: '%s' lacks '%s'\n", name, last_warning, why);
        CHECK(strstr(last_warning, why) != NULL);
        if (i < nbad)
            CHECK_CONTAINS(last_warning, "self-contained");
    }
    log_set_sink(NULL, NULL);
    Ink ink;
    CHECK(draw_one(p, "doctype", (Rect){0, 0, 100, 100}, black, white, &ink) == 0);
    CHECK(ink.inside >= 55 * 55 && ink.inside <= 65 * 65);
    plat_close(p);
    tl_remove_tree(TMP_ASSETS);
}

/* The cache stays bounded however many sizes are asked for, reuses textures, and is
 * dropped when the fonts (and so the theme) are rebuilt. */
static void test_cache_bounds(void)
{
    Platform *p = open_headless(NULL); /* the compiled default: the source assets/ */
    CHECK(p != NULL);
    if (!p)
        return;
    for (int size = 10; size < 210; size += 2) {
        Ink ink;
        CHECK(draw_one(p, "toilets", (Rect){0, 0, size, size}, black, white, &ink) == 0);
        CHECK(ink.inside > 0);
    }
    size_t entries = 0, bytes = 0, failures = 0;
    plat_image_stats(p, &entries, &bytes, &failures);
    CHECK(entries > 0 && entries <= 64);
    CHECK(bytes <= 24u * 1024 * 1024);
    CHECK_INT(failures, 0);

    /* The same name and size again is a cache hit: no new entry. */
    Ink ink;
    CHECK(draw_one(p, "toilets", (Rect){0, 0, 208, 208}, black, white, &ink) == 0);
    size_t again = 0;
    plat_image_stats(p, &again, NULL, NULL);
    CHECK_INT(again, entries);

    Theme t;
    theme_init(&t, W, H, 1.0, false, 4.0);
    CHECK_INT(plat_set_fonts(p, &t), 0);
    plat_image_stats(p, &entries, &bytes, NULL);
    CHECK_INT(entries, 0);
    CHECK_INT(bytes, 0);
    CHECK(draw_one(p, "toilets", (Rect){0, 0, 64, 64}, black, white, &ink) == 0);
    CHECK(ink.inside > 0);
    plat_close(p);
}

int main(void)
{
    TEST_RUN(test_required_pictograms_exist);
    TEST_RUN(test_every_pictogram_draws);
    TEST_RUN(test_tint);
    TEST_RUN(test_illustration);
    TEST_RUN(test_refused_names);
    TEST_RUN(test_unknown_and_unreadable);
    TEST_RUN(test_outside_and_hostile);
    TEST_RUN(test_cache_bounds);
    return TEST_REPORT();
}
