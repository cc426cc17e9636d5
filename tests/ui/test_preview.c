/* test_preview.c: `signpostctl content preview`, run as a volunteer would. On the sample
 * content: one PNG for every screen the content makes (counted from the sample store:
 * places, support categories, services, pages, and the four start screens), each a
 * valid PNG of the size asked for (its signature and IHDR chunk), no other files, and
 * an index.html that links and shows every one. Content with warnings previews too;
 * content with errors is refused with exit status 1 and nothing written, not even the
 * folder; a kiosk id the content lacks fails before anything is written; a wrong
 * command line exits 2. */
#include "err.h"
#include "store.h"
#include "test.h"
#include "testlib.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>

#define OUT_DIR TEST_TMP_DIR "/preview"
#define WIDTH 1280
#define HEIGHT 720

static char err_text[1 << 16], out_text[1 << 12];

static void slurp_into(const char *path, char *out, size_t cap)
{
    char *s = tl_read_file(path, NULL);
    snprintf(out, cap, "%s", s ? s : "");
    free(s);
}

/* Runs signpostctl with args (shell words). Returns the exit status. */
static int ctl(const char *args)
{
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "SOURCE_DATE_EPOCH=1795348800 '%s' %s > '%s/preview.out' "
             "2> '%s/preview.err'", SIGNPOSTCTL, args, TEST_TMP_DIR, TEST_TMP_DIR);
    int status = system(cmd);
    slurp_into(TEST_TMP_DIR "/preview.out", out_text, sizeof out_text);
    slurp_into(TEST_TMP_DIR "/preview.err", err_text, sizeof err_text);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* True when dir/file is a PNG of w x h: the signature, then IHDR first. */
static bool png_of_size(const char *dir, const char *file, int w, int h)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    FILE *f = fopen(path, "rb");
    unsigned char head[24];
    size_t n = f ? fread(head, 1, sizeof head, f) : 0;
    if (f)
        fclose(f);
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    bool ok = n == sizeof head && memcmp(head, sig, 8) == 0 && be32(head + 8) == 13 &&
              memcmp(head + 12, "IHDR", 4) == 0 && be32(head + 16) == (uint32_t)w &&
              be32(head + 20) == (uint32_t)h;
    if (!ok)
        fprintf(stderr, "  %s is not a %dx%d PNG\n", path, w, h);
    return ok;
}

/* The files the preview must write for the Site, and how many. */
typedef struct Expected {
    char (*files)[96];
    size_t n;
} Expected;

static void expect_file(Expected *e, const char *prefix, const char *id)
{
    if (prefix)
        snprintf(e->files[e->n++], sizeof e->files[0], "%s-%s.png", prefix, id);
    else
        snprintf(e->files[e->n++], sizeof e->files[0], "%s.png", id);
}

static Expected expected_files(Store *st)
{
    const Site *s = store_site(st);
    Expected e = {NULL, 0};
    e.files = calloc(4 + s->ndestinations + s->ncategories + s->nservices + s->npages,
                     sizeof *e.files);
    if (!e.files)
        return e;
    expect_file(&e, NULL, "home");
    expect_file(&e, NULL, "find");
    expect_file(&e, NULL, "support");
    expect_file(&e, NULL, "search");
    for (size_t i = 0; i < s->ndestinations; i++)
        expect_file(&e, "destination", s->destinations[i].id);
    for (size_t i = 0; i < s->ncategories; i++)
        expect_file(&e, "category", s->categories[i].id);
    for (size_t i = 0; i < s->nservices; i++)
        expect_file(&e, "service", store_service(st, (int)i)->id);
    for (size_t i = 0; i < s->npages; i++)
        expect_file(&e, "page", s->pages[i].id);
    return e;
}

static size_t count_pngs(const char *dir)
{
    DIR *d = opendir(dir);
    size_t n = 0;
    struct dirent *de;
    while (d && (de = readdir(d)) != NULL) {
        size_t len = strlen(de->d_name);
        n += len > 4 && strcmp(de->d_name + len - 4, ".png") == 0;
    }
    if (d)
        closedir(d);
    return n;
}

static void test_sample_content(void)
{
    CHECK_INT(system("rm -rf '" OUT_DIR "'"), 0);
    Store *st = store_open(SAMPLE_STORE);
    if (!st)
        fprintf(stderr, "  %s\n", err_msg());
    CHECK(st != NULL);
    if (!st)
        return;
    const Site *s = store_site(st);
    /* The sample has something of every kind. */
    CHECK(s->ndestinations > 0 && s->ncategories > 0 && s->nservices > 0 && s->npages > 0);
    Expected e = expected_files(st);
    CHECK(e.files != NULL);

    char args[1024];
    snprintf(args, sizeof args, "content preview '%s/content' -o '%s' --size %dx%d "
             "--date 2026-11-22", SOURCE_ROOT, OUT_DIR, WIDTH, HEIGHT);
    CHECK_INT(ctl(args), 0);
    char summary[256];
    snprintf(summary, sizeof summary, "%zu screens (%zu places, %zu support categories, "
             "%zu services, %zu pages)", e.n, s->ndestinations, s->ncategories, s->nservices,
             s->npages);
    CHECK_CONTAINS(out_text, summary);
    /* Not a terminal: a plain line a screen, no bar. */
    CHECK_CONTAINS(err_text, "rendered 1/");
    CHECK(!strchr(err_text, '\r'));

    size_t len = 0;
    char *index = tl_read_file(OUT_DIR "/index.html", &len);
    CHECK(index != NULL);
    for (size_t i = 0; e.files && i < e.n; i++) {
        CHECK(png_of_size(OUT_DIR, e.files[i], WIDTH, HEIGHT));
        char link[256];
        snprintf(link, sizeof link, "<a href=\"%s\"><img src=\"%s\" width=\"320\" "
                 "height=\"180\" alt=\"\"", e.files[i], e.files[i]);
        if (index && !strstr(index, link)) {
            fprintf(stderr, "  index.html does not link and show %s\n", e.files[i]);
            CHECK(false);
        }
    }
    /* Nothing else, and the entries' names are the links' words. */
    CHECK_INT(count_pngs(OUT_DIR), e.n);
    if (index) {
        CHECK_CONTAINS(index, "<html lang=\"en\">");
        CHECK_CONTAINS(index, "<h2 id=\"places\">Places (");
        char name[300];
        snprintf(name, sizeof name, "loading=\"lazy\">%s</a>", s->pages[0].title);
        CHECK_CONTAINS(index, name);
        CHECK_CONTAINS(index, "Content built ");
        CHECK(!tl_exists(OUT_DIR "/index.html.tmp"));
    }
    free(index);
    free(e.files);
    store_close(st);
}

static void test_warnings_preview(void)
{
    CHECK_INT(system("rm -rf '" OUT_DIR "-warnings'"), 0);
    CHECK_INT(ctl("content preview '" TEST_DATA_DIR "/check/warnings' -o '" OUT_DIR
                  "-warnings' --size 800x600 --kiosk main-entrance"),
              0);
    /* The warnings are shown, and every screen drawn. */
    CHECK_CONTAINS(err_text, "warning: no route reaches destination 'Healing garden'");
    CHECK_CONTAINS(out_text, "14 screens (3 places, 2 support categories, 3 services, 2 pages)");
    CHECK_CONTAINS(out_text, "(8 warnings)");
    CHECK(png_of_size(OUT_DIR "-warnings", "destination-garden.png", 800, 600));
    CHECK(png_of_size(OUT_DIR "-warnings", "page-about-pals.png", 800, 600));
    CHECK(png_of_size(OUT_DIR "-warnings", "category-bereavement.png", 800, 600));
    CHECK(!tl_exists(OUT_DIR "-warnings/service-old-group.png")); /* inactive: not shown */
}

static void test_refusals(void)
{
    /* Errors: refused, the problems printed, nothing written. */
    CHECK_INT(system("rm -rf '" OUT_DIR "-typos' '" OUT_DIR "-refused' && cp -r '" TEST_DATA_DIR
                     "/check/warnings' '" OUT_DIR "-typos' && cp '" TEST_DATA_DIR
                     "/check/typos/'*.csv '" OUT_DIR "-typos/'"),
              0);
    CHECK_INT(ctl("content preview '" OUT_DIR "-typos' -o '" OUT_DIR "-refused'"), 1);
    CHECK_CONTAINS(err_text, "error: there is no floor 'frist' in floors.csv; did you mean "
                             "'first'?");
    CHECK_CONTAINS(err_text, "content preview refused: 9 errors, 8 warnings; fix the errors "
                             "first. Nothing was written to " OUT_DIR "-refused");
    CHECK(!tl_exists(OUT_DIR "-refused"));
    CHECK_STR(out_text, "");

    /* A kiosk the content does not have: says which there are, writes nothing. */
    CHECK_INT(ctl("content preview '" TEST_DATA_DIR "/check/warnings' -o '" OUT_DIR
                  "-refused' --kiosk front"),
              1);
    CHECK_CONTAINS(err_text, "there is no kiosk 'front' in kiosks.csv; the kiosks are "
                             "'main-entrance'");
    CHECK(!tl_exists(OUT_DIR "-refused"));

    /* Wrong command lines. */
    CHECK_INT(ctl("content preview '" TEST_DATA_DIR "/check/warnings'"), 2);
    CHECK_CONTAINS(err_text, "give -o <out-dir>");
    CHECK_INT(ctl("content preview x -o y --size 12"), 2);
    CHECK_CONTAINS(err_text, "--size '12' is not WIDTHxHEIGHT");
    CHECK_INT(ctl("content preview x -o y --date 2026-13-01"), 2);
    CHECK_CONTAINS(err_text, "--date '2026-13-01' is not a date");
    CHECK_INT(ctl("content preview x -o y --colour"), 2);
    CHECK_CONTAINS(err_text, "unknown option '--colour'");
}

int main(void)
{
    TEST_RUN(test_sample_content);
    TEST_RUN(test_warnings_preview);
    TEST_RUN(test_refusals);
    return TEST_REPORT();
}
