/* geom.h: rectangles and colours shared by the UI toolkit and the platform layer.
 * Plain values, no ownership. */
#ifndef SIGNPOST_GEOM_H
#define SIGNPOST_GEOM_H

#include <stdbool.h>
#include <stdint.h>

typedef struct Rect {
    int x, y, w, h;
} Rect;

typedef struct Color {
    uint8_t r, g, b, a;
} Color;

static inline Rect rect_make(int x, int y, int w, int h)
{
    Rect r = {x, y, w, h};
    return r;
}

static inline bool rect_contains(Rect r, int x, int y)
{
    return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

static inline Rect rect_intersect(Rect a, Rect b)
{
    int x0 = a.x > b.x ? a.x : b.x, y0 = a.y > b.y ? a.y : b.y;
    int x1 = a.x + a.w < b.x + b.w ? a.x + a.w : b.x + b.w;
    int y1 = a.y + a.h < b.y + b.h ? a.y + a.h : b.y + b.h;
    Rect r = {x0, y0, x1 > x0 ? x1 - x0 : 0, y1 > y0 ? y1 - y0 : 0};
    return r;
}

static inline Rect rect_inset(Rect r, int d)
{
    Rect o = {r.x + d, r.y + d, r.w - 2 * d, r.h - 2 * d};
    if (o.w < 0)
        o.w = 0;
    if (o.h < 0)
        o.h = 0;
    return o;
}

static inline bool rect_empty(Rect r)
{
    return r.w <= 0 || r.h <= 0;
}

static inline Color color_rgb(uint8_t r, uint8_t g, uint8_t b)
{
    Color c = {r, g, b, 255};
    return c;
}

#endif
