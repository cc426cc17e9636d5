/* theme.h: colours, text sizes and touch sizes. Sizes scale with the screen and the
 * person's text-size choice; the high-contrast variant is yellow/white on black.
 * Touch targets are never smaller than 9 mm on the configured screen. */
#ifndef SIGNPOST_THEME_H
#define SIGNPOST_THEME_H

#include "geom.h"

#include <stdbool.h>

typedef enum FontRole {
    FONT_SMALL,
    FONT_BODY,
    FONT_BODY_BOLD,
    FONT_LARGE,
    FONT_LARGE_BOLD,
    FONT_TITLE,
    FONT_HUGE,
    FONT_COUNT
} FontRole;

/* Named spacing tokens: screens ask for gaps and padding by name, never in pixels, so
 * one change here respaces every screen. Values scale with the screen. */
typedef enum Space {
    SPACE_NONE, /* 0 */
    SPACE_XS,   /* half a unit: hairline gaps */
    SPACE_S,    /* one unit: between a label and its value */
    SPACE_M,    /* two units: between items in a list or a form */
    SPACE_L,    /* three units: between sections, inside panels */
    SPACE_XL,   /* four units: screen margins, between blocks */
    SPACE_XXL,  /* six units: wide margins and page padding */
    SPACE_COUNT
} Space;

typedef struct FontSpec {
    bool bold;
    int px; /* pixel size passed to the font engine */
} FontSpec;

typedef struct Theme {
    Color bg, surface, surface_alt, text, text_muted, primary, primary_pressed,
        primary_text, border, focus, notice_bg, notice_text, route, start_marker,
        end_marker, plan_room, plan_corridor, plan_outline, plan_lift, plan_text,
        key_bg, switch_on, switch_off, header_bg, header_text, backdrop,
        focus_edge; /* the focus ring: `focus` between two bands of focus_edge */
    FontSpec fonts[FONT_COUNT];
    int unit;        /* base spacing in px (8 at 1080p); screens use space[] */
    int space[SPACE_COUNT]; /* px for each Space token */
    int radius;      /* corner radius */
    int min_target;  /* smallest touch target side, px (>= 9 mm) */
    int touch_pad;   /* extra hit area around buttons, px */
    int drag_slop;   /* movement before a press becomes a scroll, px */
    double text_scale;
    bool high_contrast;
    double px_per_mm;
} Theme;

/* Sets up the theme for a screen of w x h pixels, px_per_mm pixels per millimetre,
 * a text scale (1.0 = normal) and the contrast choice. */
void theme_init(Theme *t, int w, int h, double text_scale, bool high_contrast,
                double px_per_mm);

#endif
