/* preview_internal.h: what preview.c (build and render) hands preview_index.c (the
 * index.html page): the list of screens rendered, by kind. Internal to app/preview. */
#ifndef SIGNPOST_PREVIEW_INTERNAL_H
#define SIGNPOST_PREVIEW_INTERNAL_H

#include "app.h"

#include <stddef.h>

typedef enum ShotKind {
    SHOT_START,       /* home, the A to Z, support categories, search */
    SHOT_DESTINATION,
    SHOT_CATEGORY,    /* a category's list of services */
    SHOT_SERVICE,
    SHOT_PAGE,
    SHOT_KINDS
} ShotKind;

enum { SHOT_FILE_MAX = 96 };

typedef struct Shot {
    ShotKind kind;
    ScreenId screen;
    int arg;                   /* for app_go */
    const char *name;          /* shown in index.html; borrowed from the Site or static, or
                                  `owned` */
    char *owned;               /* a service's name, read from the store (mem) */
    char file[SHOT_FILE_MAX];  /* "destination-cafe.png" */
} Shot;

/* What index.html says about the run, besides the shots. */
typedef struct IndexInfo {
    const char *site_name;
    const char *content_dir;
    const char *content_built;  /* the store's built_at stamp */
    const char *kiosk_id, *kiosk_name;
    int width, height;
    CivilDate today;
} IndexInfo;

/* Writes out_dir/index.html (via a .tmp file renamed into place). 0, or -1 with
 * err_msg() naming the file. */
int preview_write_index(const char *out_dir, const IndexInfo *info, const Shot *shots,
                        size_t nshots);

#endif
