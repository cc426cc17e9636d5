/* text_shape.c: one line of text through every script. The line is split into
 * direction and script runs (app/textrun, GNU FriBidi) in drawing order; each run is
 * cut again where its font lacks a character (fallback: the run's script font, the
 * other Arabic font, Latin, then any face), shaped by SDL_ttf/HarfBuzz with its own
 * direction and script, and the pieces are laid side by side on a common baseline.
 * A character no font has is drawn as an outlined box holding its code point in hex,
 * never an empty box. */
#include "platform_internal.h"

#include "log.h"
#include "mem.h"
#include "textrun.h"
#include "utf8.h"

#include <stdio.h>
#include <string.h>

enum { PIECES_MAX = 256, FACE_NONE = -1 };

typedef struct Piece {
    size_t start, len; /* bytes of the line */
    int face;          /* PlatFace, or FACE_NONE: placeholder for one code point */
    bool rtl;
    TextScript script;
    uint32_t cp;       /* placeholder's code point */
    int w;
} Piece;

/* Marks and joiners stay with the face of the character before them. */
static bool clings(uint32_t cp)
{
    return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x200B && cp <= 0x200F) ||
           (cp >= 0xFE00 && cp <= 0xFE0F);
}

/* Invisible controls (direction marks, joiners, the byte order mark): no face needs a
 * glyph for them. */
static bool format_char(uint32_t cp)
{
    return (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
}

static void face_order(const Platform *p, TextScript s, PlatFace order[FACE_COUNT])
{
    int n = 0;
    switch (s) {
    case TEXT_SCRIPT_ARABIC:
        order[n++] = p->arabic_face;
        order[n++] = p->arabic_face == FACE_NASKH ? FACE_NASTALIQ : FACE_NASKH;
        break;
    case TEXT_SCRIPT_BENGALI:
        order[n++] = FACE_BENGALI;
        break;
    case TEXT_SCRIPT_GURMUKHI:
        order[n++] = FACE_GURMUKHI;
        break;
    default:
        break;
    }
    order[n++] = FACE_LATIN;
    for (int f = 0; f < FACE_COUNT; f++) {
        bool seen = false;
        for (int k = 0; k < n; k++)
            seen = seen || order[k] == (PlatFace)f;
        if (!seen)
            order[n++] = (PlatFace)f;
    }
}

static int pick_face(Platform *p, const PlatFace order[FACE_COUNT], int font, uint32_t cp)
{
    for (int k = 0; k < FACE_COUNT; k++) {
        TTF_Font *f = face_get(p, order[k], font);
        if (f && TTF_GlyphIsProvided32(f, cp))
            return order[k];
    }
    return FACE_NONE;
}

/* Cuts one run into pieces by face, appending them in drawing order. */
static size_t cut_run(Platform *p, int font, const char *text, const TextRun *r,
                      Piece *out, size_t n, size_t max)
{
    PlatFace order[FACE_COUNT];
    face_order(p, r->script, order);
    size_t first = n;
    for (size_t i = r->start; i < r->start + r->len;) {
        size_t step;
        uint32_t cp = utf8_decode(text + i, r->start + r->len - i, &step);
        int face;
        Piece *last = n > first ? &out[n - 1] : NULL;
        if (format_char(cp) && (!last || last->face == FACE_NONE)) {
            i += step; /* nothing to draw, and no piece to carry it */
            continue;
        }
        if (cp == ' ' || cp == 0xA0)
            face = FACE_LATIN; /* SDL_ttf sizes spaces at the ends of right-to-left and
                                  Nastaliq runs short: words would touch */
        else if (last && last->face != FACE_NONE && clings(cp))
            face = last->face;
        else if (last && last->face != FACE_NONE &&
                 TTF_GlyphIsProvided32(face_get(p, (PlatFace)last->face, font), cp))
            face = last->face;
        else
            face = pick_face(p, order, font, cp);
        if (last && face == last->face && face != FACE_NONE) {
            last->len += step;
        } else if (n < max) {
            out[n++] = (Piece){i, step, face, r->rtl, r->script, cp, 0};
        } else {
            break;
        }
        i += step;
    }
    if (r->rtl) /* logical order within a right-to-left run: draw it the other way */
        for (size_t a = first, b = n; a + 1 < b; a++, b--) {
            Piece t = out[a];
            out[a] = out[b - 1];
            out[b - 1] = t;
        }
    return n;
}

/* Frees a surface of drawn text, clearing its pixels first: they may spell out what a
 * person typed. */
static void free_wiped(SDL_Surface *s)
{
    if (SDL_LockSurface(s) == 0) {
        memset(s->pixels, 0, (size_t)s->pitch * (size_t)s->h);
        SDL_UnlockSurface(s);
    }
    SDL_FreeSurface(s);
}

static void prepare(TTF_Font *f, const Piece *pc)
{
    TTF_SetFontDirection(f, pc->rtl ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
    TTF_SetFontScriptName(f, textrun_script_tag(pc->script == TEXT_SCRIPT_EMOJI
                                                    ? TEXT_SCRIPT_LATIN : pc->script));
}

static void hex_of(uint32_t cp, char *buf, size_t cap)
{
    snprintf(buf, cap, "%04X", (unsigned)cp);
}

/* Placeholder: an outlined box, as tall as the Latin capitals, with the hex code. */
static int placeholder_width(Platform *p, int font, uint32_t cp)
{
    char hex[16];
    hex_of(cp, hex, sizeof hex);
    TTF_Font *small = face_get(p, FACE_LATIN, FONT_SMALL);
    int w = 0, h = 0;
    if (small)
        TTF_SizeUTF8(small, hex, &w, &h);
    int min = p->font_px[font] * 3 / 4;
    return (w + 8 > min ? w + 8 : min) + 4;
}

static void draw_placeholder(Platform *p, SDL_Surface *dst, int x, int w, int top, int bottom,
                             uint32_t cp, SDL_Color c)
{
    Uint32 ink = SDL_MapRGBA(dst->format, c.r, c.g, c.b, c.a);
    int x0 = x + 2, x1 = x + w - 2, t = 2;
    SDL_Rect sides[4] = {{x0, top, x1 - x0, t}, {x0, bottom - t, x1 - x0, t},
                         {x0, top, t, bottom - top}, {x1 - t, top, t, bottom - top}};
    for (int i = 0; i < 4; i++)
        SDL_FillRect(dst, &sides[i], ink);
    char hex[16];
    hex_of(cp, hex, sizeof hex);
    TTF_Font *small = face_get(p, FACE_LATIN, FONT_SMALL);
    if (!small)
        return;
    TTF_SetFontDirection(small, TTF_DIRECTION_LTR);
    TTF_SetFontScriptName(small, "Latn");
    SDL_Surface *s = TTF_RenderUTF8_Blended(small, hex, c);
    if (!s)
        return;
    SDL_Rect src = {0, 0, s->w, s->h};
    int room_h = bottom - top - 2 * t;
    if (src.h > room_h) {
        src.y = (src.h - room_h) / 2;
        src.h = room_h;
    }
    SDL_Rect at = {x + (w - s->w) / 2, top + (bottom - top - src.h) / 2, src.w, src.h};
    SDL_SetSurfaceBlendMode(s, SDL_BLENDMODE_NONE);
    SDL_BlitSurface(s, &src, dst, &at);
    SDL_FreeSurface(s);
}

SDL_Surface *text_shape(Platform *p, int font, SDL_Color c, const char *text, size_t len,
                        bool measure_only, int *w, int *h, int *dy)
{
    *w = *h = *dy = 0;
    TTF_Font *latin = face_get(p, FACE_LATIN, font);
    if (!latin)
        return NULL;
    TextRun runs[TEXTRUN_MAX];
    size_t nruns = textrun_split(text, len, p->base_rtl, runs, TEXTRUN_MAX);
    Piece *pieces = mem_zalloc_array(PIECES_MAX, sizeof *pieces);
    if (!pieces)
        return NULL;
    size_t n = 0;
    for (size_t i = 0; i < nruns; i++)
        n = cut_run(p, font, text, &runs[i], pieces, n, PIECES_MAX);
    /* A common baseline: the tallest ascent and deepest descent of the faces used. */
    int ascent = TTF_FontAscent(latin), descent = -TTF_FontDescent(latin);
    int latin_ascent = ascent;
    for (size_t i = 0; i < n; i++) {
        Piece *pc = &pieces[i];
        if (pc->face == FACE_NONE) {
            pc->w = placeholder_width(p, font, pc->cp);
            if (!measure_only)
                p->placeholders++;
            continue;
        }
        TTF_Font *f = face_get(p, (PlatFace)pc->face, font);
        char *piece = mem_zalloc(pc->len + 1);
        if (!piece)
            continue;
        memcpy(piece, text + pc->start, pc->len);
        prepare(f, pc);
        int ph = 0;
        if (TTF_SizeUTF8(f, piece, &pc->w, &ph) != 0)
            pc->w = 0;
        mem_wipe(piece, pc->len);
        mem_free(piece);
        if (TTF_FontAscent(f) > ascent)
            ascent = TTF_FontAscent(f);
        if (-TTF_FontDescent(f) > descent)
            descent = -TTF_FontDescent(f);
    }
    for (size_t i = 0; i < n; i++)
        *w += pieces[i].w;
    *h = ascent + descent;
    /* Lines made taller for a tall script (Nastaliq) keep Latin text in their middle. */
    int extra = p->line_skip[font] - TTF_FontLineSkip(latin);
    *dy = latin_ascent - ascent + (extra > 0 ? extra / 2 : 0);
    SDL_Surface *out = NULL;
    if (measure_only || *w <= 0 || *h <= 0)
        goto done;
    out = SDL_CreateRGBSurfaceWithFormat(0, *w, *h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!out) {
        log_warn("text surface %dx%d: %s", *w, *h, SDL_GetError());
        goto done;
    }
    SDL_FillRect(out, NULL, SDL_MapRGBA(out->format, c.r, c.g, c.b, 0));
    int x = 0;
    for (size_t i = 0; i < n; i++) {
        Piece *pc = &pieces[i];
        if (pc->face == FACE_NONE) {
            int top = ascent - latin_ascent * 4 / 5;
            draw_placeholder(p, out, x, pc->w, top, ascent + descent / 3, pc->cp, c);
            x += pc->w;
            continue;
        }
        TTF_Font *f = face_get(p, (PlatFace)pc->face, font);
        char *piece = mem_zalloc(pc->len + 1);
        if (!piece)
            continue;
        memcpy(piece, text + pc->start, pc->len);
        prepare(f, pc);
        SDL_Surface *s = TTF_RenderUTF8_Blended(f, piece, c);
        mem_wipe(piece, pc->len);
        mem_free(piece);
        if (!s) {
            log_warn("text could not be rendered: %s", TTF_GetError());
            x += pc->w;
            continue;
        }
        SDL_Rect at = {x, ascent - TTF_FontAscent(f), s->w, s->h};
        SDL_SetSurfaceBlendMode(s, SDL_BLENDMODE_NONE);
        SDL_BlitSurface(s, NULL, out, &at);
        free_wiped(s);
        x += pc->w;
    }
done:
    mem_free(pieces);
    return out;
}
