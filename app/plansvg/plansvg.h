/* plansvg.h: a floor plan drawing (SVG, as estates departments export from CAD) checked
 * and turned into a PNG picture for the content store. Only the content builder
 * (signpostctl) links this module and librsvg: the kiosk gets the picture and never
 * parses SVG. Refused: what is not SVG, files over PLANSVG_MAX_BYTES, drawings without a
 * usable viewBox or larger than PLANSVG_MAX_UNITS, and anything that refers outside the
 * file (href, xlink:href, url(...), @import, xml:base, DOCTYPE/ENTITY): nothing is
 * loaded from outside, and librsvg gets no base file to resolve against either. */
#ifndef SIGNPOST_PLANSVG_H
#define SIGNPOST_PLANSVG_H

#include <stddef.h>

enum {
    PLANSVG_MAX_BYTES = 4 * 1024 * 1024, /* an SVG larger than this is refused */
    PLANSVG_MAX_UNITS = 100000,          /* the viewBox's largest side */
    PLANSVG_PICTURE_SIDE = 2048,         /* the picture's longer side, in pixels */
};

typedef struct PlanPicture {
    double view_w, view_h; /* the viewBox's size: the plan's coordinate space */
    unsigned char *png;    /* mem_alloc'd; free with plansvg_release */
    size_t png_len;
    int px_w, px_h;
} PlanPicture;

/* Checks svg (len bytes) and renders it at PLANSVG_PICTURE_SIDE on its longer side.
 * Returns 0, or -1 with err_msg() saying what is wrong in words a volunteer can act
 * on (out is then empty). */
int plansvg_render(const unsigned char *svg, size_t len, PlanPicture *out);
void plansvg_release(PlanPicture *p);

#endif
