/* test_plansvg.c: floor plan drawings (app/plansvg): the sample drawing renders to a
 * PNG of the expected size; what is not SVG, too large, without a viewBox or referring
 * outside the file (file:// and http hrefs, url(), entities) is refused with a message
 * saying why; and the content build with the renderer set keeps the picture, while a
 * drawing with an outside reference is an error naming the file. */
#include "test.h"

#include "content.h"
#include "diag.h"
#include "err.h"
#include "files.h"
#include "mem.h"
#include "plansvg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int render(const char *svg, PlanPicture *p)
{
    return plansvg_render((const unsigned char *)svg, strlen(svg), p);
}

static void test_sample_renders(void)
{
    char *svg = NULL;
    size_t len = 0;
    CHECK(file_read(SOURCE_ROOT "/content/plans/main-1.svg", PLANSVG_MAX_BYTES, &svg, &len) ==
          FILE_READ_OK);
    PlanPicture p;
    CHECK_INT(plansvg_render((const unsigned char *)svg, len, &p), 0);
    CHECK(p.view_w == 1200 && p.view_h == 700);
    CHECK_INT(p.px_w, PLANSVG_PICTURE_SIDE);
    CHECK_INT(p.px_h, 1195);
    CHECK(p.png_len > 1000 && memcmp(p.png, "\x89PNG", 4) == 0);
    plansvg_release(&p);
    mem_free(svg);
}

static void refused(const char *svg, const char *why)
{
    PlanPicture p;
    CHECK_INT(render(svg, &p), -1);
    CHECK_CONTAINS(err_msg(), why);
    CHECK(p.png == NULL);
}

static void test_refusals(void)
{
    refused("", "empty");
    refused("\x89PNG\r\n\x1a\n rest", "not an SVG");
    refused("hello, world", "not an SVG");
    refused("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\">"
            "<image href=\"file:///etc/passwd\" width=\"10\" height=\"10\"/></svg>",
            "file:///etc/passwd");
    refused("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\">"
            "<image xlink:href = 'http://example.invalid/x.png'/></svg>",
            "http://example.invalid/x.png");
    refused("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\">"
            "<rect style=\"fill: url( 'other.svg#g' )\" width=\"5\" height=\"5\"/></svg>",
            "other.svg#g");
    refused("<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
            "<svg viewBox=\"0 0 10 10\">&e;</svg>", "<!doctype");
    refused("<svg xmlns=\"http://www.w3.org/2000/svg\"><style>@import url(x.css);</style></svg>",
            "@import");
    refused("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"></svg>",
            "no viewBox");
    refused("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1000000 10\"></svg>",
            "larger than");
    /* Too large: refused before it is parsed. */
    size_t n = PLANSVG_MAX_BYTES + 1;
    unsigned char *big = mem_alloc(n);
    memset(big, ' ', n);
    memcpy(big, "<svg viewBox=\"0 0 10 10\">", 25);
    PlanPicture p;
    CHECK_INT(plansvg_render(big, n, &p), -1);
    CHECK_CONTAINS(err_msg(), "more than");
    mem_free(big);
    /* References inside the file are fine. */
    CHECK_INT(render("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 20 10\">"
                     "<defs><rect id=\"r\" width=\"5\" height=\"5\"/></defs>"
                     "<use href=\"#r\"/><rect style=\"fill:url(#r)\" width=\"1\" height=\"1\"/>"
                     "</svg>", &p), 0);
    CHECK_INT(p.px_w, PLANSVG_PICTURE_SIDE);
    CHECK_INT(p.px_h, PLANSVG_PICTURE_SIDE / 2);
    plansvg_release(&p);
}

/* A copy of the sample content whose drawing refers to a file outside: the build
 * fails naming the drawing. */
static void test_content_build(void)
{
    content_set_drawing_renderer(plansvg_render, plansvg_release);
    DiagList dl;
    diag_init(&dl);
    char out[512];
    snprintf(out, sizeof out, "%s/plansvg.db", TEST_TMP_DIR);
    CHECK_INT(content_build(SOURCE_ROOT "/content", out, &dl, NULL), 0);
    diag_release(&dl);
    char dir[512], cmd[4096];
    snprintf(dir, sizeof dir, "%s/plansvg-content", TEST_TMP_DIR);
    snprintf(cmd, sizeof cmd, "rm -rf '%s' && cp -r '%s/content' '%s' && printf '%%s' "
             "'<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1200 700\"><image "
             "href=\"file:///etc/passwd\"/></svg>' > '%s/plans/main-1.svg'", dir, SOURCE_ROOT,
             dir, dir);
    CHECK_INT(system(cmd), 0);
    diag_init(&dl);
    CHECK(content_check(dir, &dl, NULL) != 0);
    char all[8192] = "";
    for (size_t i = 0; i < dl.len; i++) {
        strncat(all, dl.items[i].message, sizeof all - strlen(all) - 2);
        strcat(all, "\n");
    }
    CHECK_CONTAINS(all, "plans/main-1.svg cannot be used");
    CHECK_CONTAINS(all, "file:///etc/passwd");
    diag_release(&dl);
}

int main(void)
{
    TEST_RUN(test_sample_renders);
    TEST_RUN(test_refusals);
    TEST_RUN(test_content_build);
    return TEST_REPORT();
}
