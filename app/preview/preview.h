/* preview.h: lets a volunteer see every screen their content makes before it goes on
 * a kiosk. preview_run() builds a content folder into a temporary store (and refuses,
 * writing nothing, when the content has errors), then runs the real kiosk code headless
 * (software rendering, virtual clock) and saves each screen as a PNG in an output
 * folder: home, the A to Z, every destination, the support categories, each category's
 * list of services, every service, every information page and the search screen; and
 * an index.html that links them all, by kind, with thumbnails.
 *
 * Screens are reached through the App API (app_go, then frames through the Runner),
 * never by scripted taps, so a screen no button leads to is still shown. File names
 * come from ids: home.png, find.png, support.png, search.png, destination-<id>.png,
 * category-<id>.png, service-<id>.png, page-<id>.png. */
#ifndef SIGNPOST_PREVIEW_H
#define SIGNPOST_PREVIEW_H

#include "config.h"
#include "diag.h"
#include "schedule.h"

#include <stdio.h>

typedef struct PreviewOptions {
    const char *content_dir;  /* the sources, as for content build */
    const char *out_dir;      /* created when missing; its parent must exist */
    int width, height;        /* screen size in pixels */
    const char *kiosk_id;     /* directions start here; NULL or "": the config's, or the first */
    CivilDate today;          /* the screens' today (opening hours, meetings); year 0: the clock's */
    const KioskConfig *cfg;   /* fonts, pixels per mm, text size, contrast; NULL: defaults */
    FILE *problems;           /* the content's problems are printed here after the build; NULL: not */
    FILE *progress;           /* progress: a bar at a terminal, else a line a screen; NULL: none */
} PreviewOptions;

typedef struct PreviewStats {
    int screens;              /* PNG files written */
    int destinations, categories, services, pages;
    double build_s, render_s; /* seconds spent building the store and rendering */
} PreviewStats;

enum { PREVIEW_OK = 0, PREVIEW_CONTENT_ERRORS = 1, PREVIEW_FAILED = -1 };

/* Builds and renders. Returns PREVIEW_OK; PREVIEW_CONTENT_ERRORS when the content has
 * errors (they are in diags; nothing was written, the output folder not even made); or
 * PREVIEW_FAILED with err_msg() saying what and where (no fonts, a folder that cannot
 * be made, a kiosk id the content does not have, a file that cannot be written).
 * Warnings are in diags too. The temporary store is always removed. stats may be NULL. */
int preview_run(const PreviewOptions *o, DiagList *diags, PreviewStats *stats);

#endif
