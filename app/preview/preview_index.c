/* preview_index.c: the preview's index.html, a plain accessible page a volunteer opens
 * in any browser: a section for each kind of screen (start screens, places, support
 * categories, services, pages), each screen a link to its PNG showing a small
 * thumbnail and the entry's name, and a note of when the content was built and how
 * the screens were made. Written to index.html.tmp and renamed into place. */
#include "preview_internal.h"

#include "err.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { THUMB_WIDTH = 320 };

typedef struct Section {
    const char *anchor, *heading, *none;
} Section;

static const Section sections[SHOT_KINDS] = {
    [SHOT_START] = {"start", "Start screens", "None."},
    [SHOT_DESTINATION] = {"places", "Places", "This content has no places."},
    [SHOT_CATEGORY] = {"categories", "Support categories, each with its services",
                       "This content has no support categories."},
    [SHOT_SERVICE] = {"services", "Support services", "This content has no support services."},
    [SHOT_PAGE] = {"pages", "Information pages", "This content has no information pages."},
};

/* Writes s with HTML's special characters escaped. */
static void put_text(FILE *f, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default: fputc(*s, f); break;
        }
    }
}

static size_t count_kind(const Shot *shots, size_t n, ShotKind kind)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += shots[i].kind == kind;
    return c;
}

static void write_head(FILE *f, const IndexInfo *info)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<title>Kiosk preview: ", f);
    put_text(f, info->site_name);
    fputs("</title>\n<style>\n"
          "body { font-family: sans-serif; line-height: 1.4; margin: 1.5rem; color: #1d1d1d; "
          "background: #fff; }\n"
          "ul.shots { list-style: none; padding: 0; display: flex; flex-wrap: wrap; "
          "gap: 1.25rem; }\n"
          "ul.shots li { width: 320px; }\n"
          "ul.shots a { display: block; color: #005eb8; }\n"
          "ul.shots img { display: block; max-width: 100%; height: auto; "
          "border: 1px solid #768692; margin-bottom: 0.4rem; }\n"
          "a:focus { outline: 3px solid #ffb81c; }\n"
          "</style>\n</head>\n<body>\n<main>\n", f);
}

static void write_note(FILE *f, const IndexInfo *info, size_t nshots)
{
    char made[64] = "";
    time_t now = time(NULL);
    struct tm tm;
    if (localtime_r(&now, &tm))
        strftime(made, sizeof made, "%Y-%m-%d %H:%M", &tm);
    fputs("<h1>Kiosk preview: ", f);
    put_text(f, info->site_name);
    fprintf(f, "</h1>\n<p>The %zu screens this content makes on the kiosk, drawn by the "
               "kiosk's own program. Select a screen to see it full size.</p>\n", nshots);
    fputs("<p>Content built ", f);
    put_text(f, info->content_built && *info->content_built ? info->content_built : "(unknown)");
    fputs(" from <code>", f);
    put_text(f, info->content_dir);
    fprintf(f, "</code>; preview made %s. Screens of %d by %d pixels, for the kiosk ", made,
            info->width, info->height);
    put_text(f, info->kiosk_name);
    fputs(" (<code>", f);
    put_text(f, info->kiosk_id);
    fprintf(f, "</code>), as on %04d-%02d-%02d.</p>\n", info->today.year % 10000,
            info->today.month % 100, info->today.day % 100);
}

static void write_contents(FILE *f, const Shot *shots, size_t n)
{
    fputs("<nav aria-labelledby=\"contents\">\n<h2 id=\"contents\">Contents</h2>\n<ul>\n", f);
    for (int k = 0; k < SHOT_KINDS; k++)
        fprintf(f, "<li><a href=\"#%s\">%s (%zu)</a></li>\n", sections[k].anchor,
                sections[k].heading, count_kind(shots, n, (ShotKind)k));
    fputs("</ul>\n</nav>\n", f);
}

static void write_section(FILE *f, const IndexInfo *info, ShotKind kind, const Shot *shots,
                          size_t n)
{
    const Section *sec = &sections[kind];
    size_t count = count_kind(shots, n, kind);
    int thumb_h = info->width > 0 ? THUMB_WIDTH * info->height / info->width : THUMB_WIDTH;
    fprintf(f, "<section aria-labelledby=\"%s\">\n<h2 id=\"%s\">%s (%zu)</h2>\n", sec->anchor,
            sec->anchor, sec->heading, count);
    if (count == 0) {
        fprintf(f, "<p>%s</p>\n</section>\n", sec->none);
        return;
    }
    fputs("<ul class=\"shots\">\n", f);
    for (size_t i = 0; i < n; i++) {
        if (shots[i].kind != kind)
            continue;
        /* The name is the link's text, so the thumbnail needs no text of its own. */
        fprintf(f, "<li><a href=\"%s\"><img src=\"%s\" width=\"%d\" height=\"%d\" alt=\"\" "
                   "loading=\"lazy\">",
                shots[i].file, shots[i].file, THUMB_WIDTH, thumb_h);
        put_text(f, shots[i].name);
        fputs("</a></li>\n", f);
    }
    fputs("</ul>\n</section>\n", f);
}

int preview_write_index(const char *out_dir, const IndexInfo *info, const Shot *shots,
                        size_t nshots)
{
    size_t len = strlen(out_dir) + 32;
    char *path = mem_alloc(len), *tmp = mem_alloc(len);
    if (!path || !tmp) {
        mem_free(path);
        mem_free(tmp);
        return err_set("out of memory");
    }
    snprintf(path, len, "%s/index.html", out_dir);
    snprintf(tmp, len, "%s/index.html.tmp", out_dir);
    int rc = 0;
    FILE *f = fopen(tmp, "w");
    if (!f) {
        rc = err_set("cannot write %s: %s", tmp, strerror(errno));
    } else {
        write_head(f, info);
        write_note(f, info, nshots);
        write_contents(f, shots, nshots);
        for (int k = 0; k < SHOT_KINDS; k++)
            write_section(f, info, (ShotKind)k, shots, nshots);
        fputs("</main>\n</body>\n</html>\n", f);
        bool bad = ferror(f) != 0;
        if (fclose(f) != 0 || bad)
            rc = err_set("cannot write %s: %s", tmp, strerror(errno));
        else if (rename(tmp, path) != 0)
            rc = err_set("cannot put %s in place: %s", path, strerror(errno));
        if (rc != 0)
            remove(tmp);
    }
    mem_free(path);
    mem_free(tmp);
    return rc;
}
