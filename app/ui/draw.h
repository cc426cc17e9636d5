/* draw.h: the draw list. Widgets append commands; the platform layer runs them on an
 * SDL renderer (window or offscreen). Text and payload strings point into the Ui's
 * frame arena and QR matrices belong to the screen that drew them: both stay valid
 * until the next frame begins. */
#ifndef SIGNPOST_DRAW_H
#define SIGNPOST_DRAW_H

#include "geom.h"
#include "qr.h"

#include <stddef.h>
#include <stdint.h>

typedef enum DrawKind {
    DRAW_FILL,    /* filled rectangle, corner radius `radius` */
    DRAW_BORDER,  /* rectangle outline, `thickness` px inside the rect, corner radius */
    DRAW_TEXT,    /* one line of text at rect.x, rect.y in `font` and `color` */
    DRAW_QR,      /* QR matrix centred in rect, quiet zone and whole-pixel modules */
    DRAW_LINE,    /* thick line from (x1,y1) to (x2,y2) */
    DRAW_DISC,    /* filled circle inscribed in rect */
    DRAW_IMAGE,   /* the pictogram named `text` (assets/pictograms/NAME.svg), drawn
                     to fit rect keeping its aspect, tinted `color` where its paths
                     are black (so high contrast recolours it) */
    DRAW_PICTURE, /* the PNG picture in blob (blob_len bytes, owned by the Site), scaled
                     to fill rect (a floor plan's drawing) */
    DRAW_CLIP     /* set the clip rectangle; w == 0 means no clipping */
} DrawKind;

typedef struct DrawCmd {
    DrawKind kind;
    Rect rect;
    Color color;
    int radius;            /* FILL/BORDER corner radius */
    int thickness;         /* BORDER/LINE width */
    int font;              /* TEXT: FontRole */
    const char *text;      /* TEXT: UTF-8, one line; IMAGE: pictogram name; not owned */
    const QrMatrix *qr;    /* QR: not owned */
    int x1, y1, x2, y2;    /* LINE end points */
    const void *blob;      /* PICTURE: PNG bytes, not owned */
    size_t blob_len;
} DrawCmd;

typedef struct DrawList {
    DrawCmd *cmds;
    size_t len, cap;
} DrawList;

void drawlist_init(DrawList *dl);
void drawlist_release(DrawList *dl);
void drawlist_clear(DrawList *dl);
/* Appends a command; returns NULL only when out of memory (the frame then misses it). */
DrawCmd *drawlist_push(DrawList *dl, DrawKind kind);
/* FNV-1a hash of every command and its strings/modules: equal hashes mean the frame
 * would look the same, so the platform can skip presenting it. */
uint64_t drawlist_hash(const DrawList *dl);

#endif
