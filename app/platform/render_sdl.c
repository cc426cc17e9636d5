/* render_sdl.c: runs a draw list on an SDL renderer. Rounded rectangles and borders
 * are built from spans batched into one SDL_RenderFillRects call; thick lines and
 * discs use SDL_RenderGeometry; text comes from the text cache and pictograms from
 * the image cache; QR codes are drawn dark-on-light with a 4-module quiet zone and
 * whole-pixel modules. */
#include "platform_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { SPAN_BATCH = 512 };

typedef struct Spans {
    SDL_Rect r[SPAN_BATCH];
    int n;
    SDL_Renderer *ren;
} Spans;

static void spans_flush(Spans *s)
{
    if (s->n)
        SDL_RenderFillRects(s->ren, s->r, s->n);
    s->n = 0;
}

static void span(Spans *s, int x, int y, int w, int h)
{
    if (w <= 0 || h <= 0)
        return;
    if (s->n == SPAN_BATCH)
        spans_flush(s);
    s->r[s->n++] = (SDL_Rect){x, y, w, h};
}

/* Horizontal inset of a rounded corner of radius r at row dy from the corner's edge. */
static int corner_inset(int r, int dy)
{
    if (r <= 0 || dy >= r)
        return 0;
    double d = r - dy - 0.5;
    return r - (int)lround(sqrt((double)r * r - d * d));
}

static int clamp_radius(Rect rc, int radius)
{
    int max = (rc.w < rc.h ? rc.w : rc.h) / 2;
    return radius > max ? max : (radius < 0 ? 0 : radius);
}

static void fill_round(Spans *s, Rect rc, int radius)
{
    int r = clamp_radius(rc, radius);
    for (int dy = 0; dy < r; dy++) {
        int in = corner_inset(r, dy);
        span(s, rc.x + in, rc.y + dy, rc.w - 2 * in, 1);
        span(s, rc.x + in, rc.y + rc.h - 1 - dy, rc.w - 2 * in, 1);
    }
    span(s, rc.x, rc.y + r, rc.w, rc.h - 2 * r);
}

static void border_round(Spans *s, Rect rc, int t, int radius)
{
    int r = clamp_radius(rc, radius);
    if (t * 2 >= rc.w || t * 2 >= rc.h) {
        fill_round(s, rc, r);
        return;
    }
    int ri = r - t > 0 ? r - t : 0;
    int band = r > t ? r : t;
    for (int dy = 0; dy < band; dy++) {
        int out = corner_inset(r, dy);
        int ytop = rc.y + dy, ybot = rc.y + rc.h - 1 - dy;
        if (dy < t) {
            span(s, rc.x + out, ytop, rc.w - 2 * out, 1);
            span(s, rc.x + out, ybot, rc.w - 2 * out, 1);
            continue;
        }
        int in = t + corner_inset(ri, dy - t);
        span(s, rc.x + out, ytop, in - out, 1);
        span(s, rc.x + rc.w - in, ytop, in - out, 1);
        span(s, rc.x + out, ybot, in - out, 1);
        span(s, rc.x + rc.w - in, ybot, in - out, 1);
    }
    span(s, rc.x, rc.y + band, t, rc.h - 2 * band);
    span(s, rc.x + rc.w - t, rc.y + band, t, rc.h - 2 * band);
}

static void set_color(SDL_Renderer *ren, Color c)
{
    SDL_SetRenderDrawColor(ren, c.r, c.g, c.b, c.a);
}

static void draw_line(SDL_Renderer *ren, const DrawCmd *c)
{
    double dx = c->x2 - c->x1, dy = c->y2 - c->y1;
    double len = sqrt(dx * dx + dy * dy);
    if (len < 0.5)
        return;
    double half = (c->thickness > 1 ? c->thickness : 1) / 2.0;
    double nx = -dy / len * half, ny = dx / len * half;
    SDL_Color col = {c->color.r, c->color.g, c->color.b, c->color.a};
    SDL_Vertex v[4] = {
        {{(float)(c->x1 + nx), (float)(c->y1 + ny)}, col, {0, 0}},
        {{(float)(c->x1 - nx), (float)(c->y1 - ny)}, col, {0, 0}},
        {{(float)(c->x2 - nx), (float)(c->y2 - ny)}, col, {0, 0}},
        {{(float)(c->x2 + nx), (float)(c->y2 + ny)}, col, {0, 0}},
    };
    int idx[6] = {0, 1, 2, 0, 2, 3};
    SDL_RenderGeometry(ren, NULL, v, 4, idx, 6);
}

static void draw_disc(SDL_Renderer *ren, const DrawCmd *c)
{
    enum { SEG = 32 };
    SDL_Vertex v[SEG + 1];
    int idx[SEG * 3];
    float cx = c->rect.x + c->rect.w / 2.0f, cy = c->rect.y + c->rect.h / 2.0f;
    float r = (c->rect.w < c->rect.h ? c->rect.w : c->rect.h) / 2.0f;
    SDL_Color col = {c->color.r, c->color.g, c->color.b, c->color.a};
    v[0] = (SDL_Vertex){{cx, cy}, col, {0, 0}};
    for (int i = 0; i < SEG; i++) {
        double a = 2 * 3.14159265358979323846 * i / SEG;
        v[i + 1] = (SDL_Vertex){{cx + r * (float)cos(a), cy + r * (float)sin(a)}, col, {0, 0}};
        idx[i * 3] = 0;
        idx[i * 3 + 1] = i + 1;
        idx[i * 3 + 2] = (i + 1) % SEG + 1;
    }
    SDL_RenderGeometry(ren, NULL, v, SEG + 1, idx, SEG * 3);
}

static void draw_qr(Spans *s, SDL_Renderer *ren, const DrawCmd *c)
{
    const QrMatrix *qr = c->qr;
    int px = c->thickness;
    SDL_SetRenderDrawColor(ren, 255, 255, 255, 255);
    SDL_Rect bg = {c->rect.x, c->rect.y, c->rect.w, c->rect.h};
    SDL_RenderFillRect(ren, &bg);
    SDL_SetRenderDrawColor(ren, 0, 0, 0, 255);
    int ox = c->rect.x + 4 * px, oy = c->rect.y + 4 * px;
    for (int y = 0; y < qr->width; y++) {
        int x = 0;
        while (x < qr->width) {
            if (!qr->modules[y * qr->width + x]) {
                x++;
                continue;
            }
            int run = x;
            while (run < qr->width && qr->modules[y * qr->width + run])
                run++;
            span(s, ox + x * px, oy + y * px, (run - x) * px, px);
            x = run;
        }
    }
    spans_flush(s);
}

void render_drawlist(Platform *p, const DrawList *dl, Color bg)
{
    SDL_Renderer *ren = p->renderer;
    Spans spans;
    spans.ren = ren;
    spans.n = 0;
    SDL_RenderSetClipRect(ren, NULL);
    set_color(ren, bg);
    SDL_RenderClear(ren);
    SDL_SetRenderDrawBlendMode(ren, SDL_BLENDMODE_BLEND);
    for (size_t i = 0; i < dl->len; i++) {
        const DrawCmd *c = &dl->cmds[i];
        switch (c->kind) {
        case DRAW_FILL:
            set_color(ren, c->color);
            fill_round(&spans, c->rect, c->radius);
            spans_flush(&spans);
            break;
        case DRAW_BORDER:
            set_color(ren, c->color);
            border_round(&spans, c->rect, c->thickness, c->radius);
            spans_flush(&spans);
            break;
        case DRAW_TEXT: {
            TextEntry *e = text_cache_get(p, c->font, c->color, c->text, strlen(c->text),
                                          false);
            if (e && e->texture) {
                SDL_Rect dst = {c->rect.x, c->rect.y + e->dy, e->w, e->h};
                SDL_RenderCopy(ren, e->texture, NULL, &dst);
            }
            break;
        }
        case DRAW_QR:
            draw_qr(&spans, ren, c);
            break;
        case DRAW_LINE:
            draw_line(ren, c);
            break;
        case DRAW_DISC:
            draw_disc(ren, c);
            break;
        case DRAW_IMAGE:
            render_image(p, c);
            break;
        case DRAW_PICTURE:
            render_picture(p, c);
            break;
        case DRAW_CLIP:
            if (c->rect.w > 0 && c->rect.h > 0) {
                SDL_Rect r = {c->rect.x, c->rect.y, c->rect.w, c->rect.h};
                SDL_RenderSetClipRect(ren, &r);
            } else if (c->rect.w == 0 && c->rect.h == 0 && c->rect.x == 0 && c->rect.y == 0) {
                SDL_RenderSetClipRect(ren, NULL);
            } else {
                /* An empty clip: nothing inside is visible. */
                SDL_Rect r = {-2, -2, 1, 1};
                SDL_RenderSetClipRect(ren, &r);
            }
            break;
        }
    }
    SDL_RenderSetClipRect(ren, NULL);
    text_cache_frame(p);
}
