/* content.h: compiles the volunteer-editable sources in a content directory (CSV
 * tables, site.ini) into a content store (SQLite, schema in store/schema.sql).
 *
 * content_build() checks everything first and collects every problem in `diags`;
 * only when there are no errors does it write `out_path`.tmp, check it, sync it and
 * rename it over `out_path`. On any error an existing store at out_path is untouched
 * and no .tmp file is left behind. */
#ifndef SIGNPOST_CONTENT_H
#define SIGNPOST_CONTENT_H

#include "diag.h"

/* For one language of the content: how many of each kind have a translation (of
 * their name, label or title; a page: a file pages/<id>.<lang>.md). */
typedef struct ContentLangStats {
    char lang[16];
    int types, destinations, categories, services, pages;
} ContentLangStats;

typedef struct ContentStats {
    int buildings, floors, waypoints, paths, destinations, kiosks, shapes;
    int categories, organizations, services, schedules; /* services: those in the store */
    int pages;
    int types;
    int translations;              /* translated cells and pages */
    ContentLangStats langs[16];    /* per language of the content ([site] languages, or
                                    * those translations are in) */
    int nlangs;
} ContentStats;

/* "cy: 41 of 53 destinations, 0 of 9 destination types, 10 of 10 categories, 40 of 40
 * services, 4 of 6 pages missing a translation" into out, for l of stats. */
void content_lang_stats_text(const ContentStats *stats, const ContentLangStats *l, char *out,
                             size_t cap);

/* Returns 0 when the store was written, -1 when there were errors (see diags) or the
 * store could not be written (err_msg and a diag say why). stats may be NULL. */
int content_build(const char *src_dir, const char *out_path, DiagList *diags,
                  ContentStats *stats);

/* Floor drawings (plans.csv kind `drawing`, an SVG) are checked and rendered by the
 * function set here: signpostctl sets plansvg_render (app/plansvg, librsvg), which
 * the kiosk never links. Without one (a program that builds content in-process and
 * did not set it), drawing rows are read and their files checked to exist, but the
 * floors keep no picture. */
struct PlanPicture;
typedef int (*ContentDrawingRender)(const unsigned char *svg, size_t len,
                                    struct PlanPicture *out);
typedef void (*ContentDrawingRelease)(struct PlanPicture *p);
void content_set_drawing_renderer(ContentDrawingRender render, ContentDrawingRelease release);

/* Checks the sources without writing anything. Returns 0 when there are no errors. */
int content_check(const char *src_dir, DiagList *diags, ContentStats *stats);

/* As content_build() and content_check(), drawing each stage (reading files, checking,
 * writing the store) on a progress bar (progress.h; NULL for none). The bar's line is
 * cleared before they return, so problems can be printed at once. */
struct Progress;
int content_build_progress(const char *src_dir, const char *out_path, DiagList *diags,
                           ContentStats *stats, struct Progress *progress);
int content_check_progress(const char *src_dir, DiagList *diags, ContentStats *stats,
                           struct Progress *progress);

/* Font coverage (content_fonts.c): every cell of every CSV table in src_dir, and every
 * line of its pages (the .md files in pages/), is looked up in the font files (NULL
 * entries skipped); each cell or line holding a character no font can draw is a
 * warning with its file, row or line, column and code point. *found counts them. 0, or -1 (err set) when a font or the folder cannot be opened. */
int content_check_fonts(const char *src_dir, const char *const *fonts, size_t nfonts,
                        DiagList *diags, size_t *found);

#endif
