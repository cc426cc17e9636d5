/* theme.c: the standard (NHS-style blue on white) and high-contrast themes. */
#include "theme.h"

#include <math.h>

static int scaled(double base, double k)
{
    return (int)lround(base * k);
}

void theme_init(Theme *t, int w, int h, double text_scale, bool high_contrast,
                double px_per_mm)
{
    /* Layout is designed for 1080 px on the short side; scale from there. */
    int short_side = w < h ? w : h;
    double k = short_side / 1080.0;
    if (k < 0.5)
        k = 0.5;
    double f = k * text_scale;
    t->text_scale = text_scale;
    t->high_contrast = high_contrast;
    t->px_per_mm = px_per_mm > 0 ? px_per_mm : 4.0;

    static const struct { bool bold; double px; } base[FONT_COUNT] = {
        [FONT_SMALL] = {false, 26}, [FONT_BODY] = {false, 32},
        [FONT_BODY_BOLD] = {true, 32}, [FONT_LARGE] = {false, 40},
        [FONT_LARGE_BOLD] = {true, 40}, [FONT_TITLE] = {true, 54},
        [FONT_HUGE] = {true, 72},
    };
    for (int i = 0; i < FONT_COUNT; i++) {
        t->fonts[i].bold = base[i].bold;
        t->fonts[i].px = scaled(base[i].px, f);
    }
    t->unit = scaled(8, k) > 4 ? scaled(8, k) : 4;
    t->radius = scaled(12, k);
    static const int space_units[SPACE_COUNT] = {0, 1, 2, 4, 6, 8, 12}; /* half units */
    for (int i = 0; i < SPACE_COUNT; i++)
        t->space[i] = t->unit * space_units[i] / 2;
    int nine_mm = (int)ceil(9.0 * t->px_per_mm);
    t->min_target = scaled(88, k) > nine_mm ? scaled(88, k) : nine_mm;
    t->touch_pad = t->unit;
    t->drag_slop = scaled(14, k);

    if (!high_contrast) {
        t->bg = color_rgb(0xF0, 0xF4, 0xF5);
        t->surface = color_rgb(0xFF, 0xFF, 0xFF);
        t->surface_alt = color_rgb(0xE8, 0xED, 0xEE);
        t->text = color_rgb(0x21, 0x2B, 0x32);
        t->text_muted = color_rgb(0x4C, 0x62, 0x72);
        t->primary = color_rgb(0x00, 0x5E, 0xB8);
        t->primary_pressed = color_rgb(0x00, 0x30, 0x87);
        t->primary_text = color_rgb(0xFF, 0xFF, 0xFF);
        t->border = color_rgb(0xAE, 0xB7, 0xBD);
        t->focus = color_rgb(0xFF, 0xDD, 0x00);
        t->focus_edge = color_rgb(0x00, 0x00, 0x00);
        t->notice_bg = color_rgb(0xFF, 0xF4, 0xCC);
        t->notice_text = color_rgb(0x21, 0x2B, 0x32);
        t->route = color_rgb(0xD5, 0x28, 0x1B);
        t->start_marker = color_rgb(0x00, 0x7F, 0x3B);
        t->end_marker = color_rgb(0xD5, 0x28, 0x1B);
        t->plan_room = color_rgb(0xDD, 0xE6, 0xEC);
        t->plan_corridor = color_rgb(0xFF, 0xFF, 0xFF);
        t->plan_outline = color_rgb(0x76, 0x86, 0x92);
        t->plan_lift = color_rgb(0xB3, 0xD4, 0xF0);
        t->plan_text = color_rgb(0x21, 0x2B, 0x32);
        t->key_bg = color_rgb(0xFF, 0xFF, 0xFF);
        t->switch_on = color_rgb(0x00, 0x7F, 0x3B);
        t->switch_off = color_rgb(0x76, 0x86, 0x92);
        t->header_bg = color_rgb(0x00, 0x5E, 0xB8);
        t->header_text = color_rgb(0xFF, 0xFF, 0xFF);
        t->backdrop = color_rgb(0x21, 0x2B, 0x32);
    } else {
        Color black = color_rgb(0, 0, 0), white = color_rgb(0xFF, 0xFF, 0xFF);
        Color yellow = color_rgb(0xFF, 0xDD, 0x00);
        t->bg = black;
        t->surface = black;
        t->surface_alt = color_rgb(0x1A, 0x1A, 0x1A);
        t->text = white;
        t->text_muted = white;
        t->primary = yellow;
        t->primary_pressed = white;
        t->primary_text = black;
        t->border = white;
        t->focus = color_rgb(0x00, 0xFF, 0xFF);
        t->focus_edge = black;
        t->notice_bg = white;
        t->notice_text = black;
        t->route = color_rgb(0x00, 0xFF, 0xFF);
        t->start_marker = color_rgb(0x00, 0xFF, 0x00);
        t->end_marker = yellow;
        t->plan_room = color_rgb(0x33, 0x33, 0x33);
        t->plan_corridor = black;
        t->plan_outline = white;
        t->plan_lift = color_rgb(0x00, 0x44, 0x88);
        t->plan_text = white;
        t->key_bg = black;
        t->switch_on = yellow;
        t->switch_off = color_rgb(0x88, 0x88, 0x88);
        t->header_bg = black;
        t->header_text = yellow;
        t->backdrop = black;
    }
}
