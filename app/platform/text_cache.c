/* text_cache.c: fonts and the rendered-text cache. Whole strings are rendered once
 * (through text_shape.c: runs, fallback fonts) and kept as textures keyed by (font, colour, text), so
 * a frame with nothing new costs only texture copies (shaping runs on every TTF call,
 * and per-glyph atlases are wrong for complex scripts). Widths are
 * cached the same way without a texture. Entries unused for 120 frames are evicted
 * when the cache passes 3/4 full, and every entry not on the last two frames when its
 * textures pass 12 MiB (a search typed over a large directory draws thousands of new
 * strings: the cache must not keep them all). */
#include "platform_internal.h"

#include "err.h"
#include "log.h"
#include "mem.h"

#include "textrun.h"

#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <string.h>

enum { TEXT_CACHE_SLOTS = 4096, TEXT_MAX_BYTES = 4096, TEXT_STALE_FRAMES = 120 };
#define TEXT_CACHE_BUDGET ((size_t)12 << 20)

void text_cache_init(TextCache *tc)
{
    memset(tc, 0, sizeof *tc);
}

static void entry_free(TextCache *tc, TextEntry *e)
{
    if (e->texture && tc->wipe_on_free) {
        /* The pixels spell out what was drawn, perhaps what a person typed: clear them
         * before SDL frees the memory. */
        size_t bytes = (size_t)e->w * (size_t)e->h * 4;
        void *zero = mem_zalloc(bytes);
        if (zero) {
            SDL_UpdateTexture(e->texture, NULL, zero, e->w * 4);
            mem_free(zero);
        }
    }
    if (e->text)
        mem_wipe(e->text, strlen(e->text));
    if (e->texture) {
        SDL_DestroyTexture(e->texture);
        tc->texture_bytes -= (size_t)e->w * (size_t)e->h * 4;
    }
    mem_free(e->text);
    memset(e, 0, sizeof *e);
}

void text_cache_clear(TextCache *tc)
{
    for (size_t i = 0; i < tc->cap; i++)
        if (tc->slots[i].hash)
            entry_free(tc, &tc->slots[i]);
    tc->count = 0;
    tc->texture_bytes = 0;
}

void text_cache_release(TextCache *tc)
{
    text_cache_clear(tc);
    mem_free(tc->slots);
    memset(tc, 0, sizeof *tc);
}

static uint64_t key_hash(int font, uint32_t color, bool measure_only, const char *text,
                         size_t len)
{
    uint64_t h = 14695981039346656037ULL;
    const unsigned char head[8] = {(unsigned char)font, (unsigned char)(color >> 24),
                                   (unsigned char)(color >> 16), (unsigned char)(color >> 8),
                                   (unsigned char)color, measure_only, 0, 0};
    for (size_t i = 0; i < sizeof head; i++) {
        h ^= head[i];
        h *= 1099511628211ULL;
    }
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)text[i];
        h *= 1099511628211ULL;
    }
    return h ? h : 1;
}

/* Re-inserts every live entry into a fresh table, dropping those unused for `stale`
 * frames (0: none). */
static int rehash(TextCache *tc, size_t cap, uint64_t stale)
{
    TextEntry *old = tc->slots;
    size_t old_cap = tc->cap;
    TextEntry *slots = mem_zalloc_array(cap, sizeof *slots);
    if (!slots)
        return err_set("out of memory (text cache)");
    tc->slots = slots;
    tc->cap = cap;
    tc->count = 0;
    for (size_t i = 0; i < old_cap; i++) {
        TextEntry *e = &old[i];
        if (!e->hash)
            continue;
        if (stale && e->last_used + stale < tc->frame) {
            entry_free(tc, e);
            continue;
        }
        size_t j = e->hash & (cap - 1);
        while (slots[j].hash)
            j = (j + 1) & (cap - 1);
        slots[j] = *e;
        tc->count++;
    }
    mem_free(old);
    return 0;
}

TextEntry *text_cache_get(Platform *p, int font, Color c, const char *text, size_t len,
                          bool measure_only)
{
    TextCache *tc = &p->text;
    if (len > TEXT_MAX_BYTES)
        len = TEXT_MAX_BYTES;
    uint32_t color = measure_only ? 0
                                  : ((uint32_t)c.r << 24 | (uint32_t)c.g << 16 |
                                     (uint32_t)c.b << 8 | c.a);
    if (tc->cap == 0 && rehash(tc, TEXT_CACHE_SLOTS, 0) != 0)
        return NULL;
    uint64_t h = key_hash(font, color, measure_only, text, len);
    size_t j = h & (tc->cap - 1);
    while (tc->slots[j].hash) {
        TextEntry *e = &tc->slots[j];
        if (e->hash == h && e->font == font && e->color == color &&
            e->measure_only == measure_only &&
            strncmp(e->text, text, len) == 0 && e->text[len] == '\0') {
            e->last_used = tc->frame;
            return e;
        }
        j = (j + 1) & (tc->cap - 1);
    }
    if ((tc->count + 1) * 4 > tc->cap * 3) {
        size_t ncap = tc->cap;
        if (rehash(tc, ncap, TEXT_STALE_FRAMES) != 0)
            return NULL;
        if ((tc->count + 1) * 4 > tc->cap * 3 && rehash(tc, tc->cap * 2, 0) != 0)
            return NULL;
        return text_cache_get(p, font, c, text, len, measure_only);
    }
    char *copy = mem_alloc(len + 1);
    if (!copy)
        return NULL;
    memcpy(copy, text, len);
    copy[len] = '\0';
    TextEntry *e = &tc->slots[j];
    e->hash = h;
    e->font = font;
    e->color = color;
    e->measure_only = measure_only;
    e->text = copy;
    e->last_used = tc->frame;
    tc->count++;
    SDL_Color sc = {c.r, c.g, c.b, c.a};
    SDL_Surface *s = text_shape(p, font, sc, copy, len, measure_only, &e->w, &e->h, &e->dy);
    if (!s)
        return e;
    e->texture = SDL_CreateTextureFromSurface(p->renderer, s);
    if (e->texture)
        SDL_SetTextureBlendMode(e->texture, SDL_BLENDMODE_BLEND);
    /* The surface spells out the text: clear it before SDL frees it. */
    if (SDL_LockSurface(s) == 0) {
        memset(s->pixels, 0, (size_t)s->pitch * (size_t)s->h);
        SDL_UnlockSurface(s);
    }
    SDL_FreeSurface(s);
    if (e->texture)
        tc->texture_bytes += (size_t)e->w * (size_t)e->h * 4;
    return e;
}

void text_cache_frame(Platform *p)
{
    TextCache *tc = &p->text;
    tc->frame++;
    if (tc->texture_bytes > TEXT_CACHE_BUDGET && tc->cap)
        rehash(tc, tc->cap, 2); /* out of memory: it stays as it is, and tries next frame */
}

void plat_forget_text(Platform *p)
{
    p->text.wipe_on_free = true;
    text_cache_clear(&p->text);
    p->text.wipe_on_free = false;
}

void plat_text_cache_stats(const Platform *p, size_t *entries, size_t *bytes)
{
    *entries = p->text.count;
    *bytes = p->text.texture_bytes;
}

/* ==== fonts ==== */

static int measure_width(void *user, int font, const char *text, size_t len)
{
    Platform *p = user;
    Color none = {0, 0, 0, 0};
    TextEntry *e = text_cache_get(p, font, none, text, len, true);
    return e ? e->w : 0;
}

static int measure_line(void *user, int font)
{
    Platform *p = user;
    if (font < 0 || font >= FONT_COUNT)
        font = FONT_BODY;
    return p->line_skip[font];
}

static void measure_language(void *user, const char *bcp47)
{
    plat_set_language(user, bcp47);
}

UiMeasure plat_measure(Platform *p)
{
    UiMeasure m = {p, measure_width, measure_line, measure_language};
    return m;
}

/* Debian fonts-noto-core files for the other scripts. */
static const char *const default_face[FACE_COUNT] = {
    [FACE_NASKH] = "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf",
    [FACE_NASTALIQ] = "/usr/share/fonts/truetype/noto/NotoNastaliqUrdu-Regular.ttf",
    [FACE_BENGALI] = "/usr/share/fonts/truetype/noto/NotoSansBengali-Regular.ttf",
    [FACE_GURMUKHI] = "/usr/share/fonts/truetype/noto/NotoSansGurmukhi-Regular.ttf",
};

static const char *option_face(const PlatformOptions *o, int face)
{
    const char *set[FACE_COUNT] = {o->font_regular, o->font_arabic, o->font_urdu,
                                   o->font_bengali, o->font_gurmukhi};
    return set[face] && set[face][0] ? set[face] : default_face[face];
}

/* The bold file next to a regular one ("...-Regular.ttf" -> "...-Bold.ttf"), into out;
 * false when there is none. */
static bool bold_of(const char *regular, char *out, size_t cap)
{
    const char *at = strstr(regular, "Regular");
    if (!at || strlen(regular) + 1 > cap)
        return false;
    snprintf(out, cap, "%.*sBold%s", (int)(at - regular), regular, at + 7);
    SDL_RWops *rw = SDL_RWFromFile(out, "rb");
    if (!rw)
        return false;
    SDL_RWclose(rw);
    return true;
}

int faces_init(Platform *p)
{
    p->face_path[FACE_LATIN][0] = mem_strdup(p->opts.font_regular);
    p->face_path[FACE_LATIN][1] = mem_strdup(p->opts.font_bold);
    if (!p->face_path[FACE_LATIN][0] || !p->face_path[FACE_LATIN][1])
        return err_set("out of memory (fonts)");
    for (int f = FACE_NASKH; f < FACE_COUNT; f++) {
        const char *reg = option_face(&p->opts, f);
        char bold[1024];
        p->face_path[f][0] = mem_strdup(reg);
        p->face_path[f][1] = mem_strdup(bold_of(reg, bold, sizeof bold) ? bold : reg);
        if (!p->face_path[f][0] || !p->face_path[f][1])
            return err_set("out of memory (fonts)");
    }
    p->arabic_face = FACE_NASKH;
    p->lang_face = FACE_LATIN;
    return 0;
}

static void close_sizes(Platform *p)
{
    for (int f = 0; f < FACE_COUNT; f++)
        for (int i = 0; i < PLAT_FONT_SLOTS; i++) {
            if (p->faces[f][i])
                TTF_CloseFont(p->faces[f][i]);
            p->faces[f][i] = NULL;
            p->face_failed[f][i] = false;
        }
}

void faces_close(Platform *p)
{
    close_sizes(p);
    for (int f = 0; f < FACE_COUNT; f++)
        for (int b = 0; b < 2; b++) {
            mem_free(p->face_path[f][b]);
            p->face_path[f][b] = NULL;
        }
}

TTF_Font *face_get(Platform *p, PlatFace face, int font)
{
    if (font < 0 || font >= PLAT_FONT_SLOTS)
        font = FONT_BODY;
    if ((int)face < 0 || face >= FACE_COUNT)
        face = FACE_LATIN;
    if (p->faces[face][font] || p->face_failed[face][font] || p->font_px[font] <= 0)
        return p->faces[face][font];
    const char *path = p->face_path[face][p->font_bold[font] ? 1 : 0];
    TTF_Font *f = path ? TTF_OpenFont(path, p->font_px[font]) : NULL;
    if (!f) {
        p->face_failed[face][font] = true;
        log_warn("font %s could not be opened: %s", path ? path : "(none)", TTF_GetError());
        return NULL;
    }
    TTF_SetFontHinting(f, TTF_HINTING_LIGHT);
    p->faces[face][font] = f;
    return f;
}

static void update_line_skips(Platform *p)
{
    for (int i = 0; i < PLAT_FONT_SLOTS; i++) {
        TTF_Font *latin = face_get(p, FACE_LATIN, i);
        int skip = latin ? TTF_FontLineSkip(latin) : 0;
        TTF_Font *own = p->lang_face != FACE_LATIN ? face_get(p, p->lang_face, i) : NULL;
        /* Tall scripts (Nastaliq) get more room, though not all their font asks for:
         * its height allows for stacked marks that words rarely reach (NotoNastaliqUrdu
         * at 28 px: 70 px against NotoSans' 39; 8/10 of it keeps the keyboard and a
         * list on a portrait screen at the largest text). */
        if (own && TTF_FontLineSkip(own) * 8 / 10 > skip)
            skip = TTF_FontLineSkip(own) * 8 / 10;
        p->line_skip[i] = skip;
    }
}

void plat_set_language(Platform *p, const char *bcp47)
{
    const char *lang = bcp47 ? bcp47 : "en";
    size_t n = strcspn(lang, "-_");
    bool urdu = n == 2 && strncasecmp(lang, "ur", 2) == 0;
    p->base_rtl = textrun_language_rtl(lang);
    p->arabic_face = urdu ? FACE_NASTALIQ : FACE_NASKH;
    struct { const char *code; PlatFace face; } own[] = {
        {"ur", FACE_NASTALIQ}, {"ar", FACE_NASKH}, {"fa", FACE_NASKH}, {"ps", FACE_NASKH},
        {"bn", FACE_BENGALI}, {"pa", FACE_GURMUKHI},
    };
    p->lang_face = FACE_LATIN;
    for (size_t i = 0; i < sizeof own / sizeof own[0]; i++)
        if (n == strlen(own[i].code) && strncasecmp(lang, own[i].code, n) == 0)
            p->lang_face = own[i].face;
    text_cache_clear(&p->text);
    update_line_skips(p);
}

size_t plat_text_placeholders(const Platform *p)
{
    return p->placeholders;
}

int plat_set_fonts(Platform *p, const Theme *t)
{
    /* Check the Latin faces open before dropping anything. */
    for (int b = 0; b < 2; b++) {
        TTF_Font *f = TTF_OpenFont(p->face_path[FACE_LATIN][b], 12);
        if (!f)
            return err_set("font %s could not be opened: %s", p->face_path[FACE_LATIN][b],
                           TTF_GetError());
        /* SDL_ttf built without HarfBuzz cannot shape Arabic or Bengali: refuse. */
        int rc = TTF_SetFontScriptName(f, "Latn");
        TTF_CloseFont(f);
        if (rc != 0)
            return err_set("SDL_ttf has no HarfBuzz: text in Arabic, Urdu, Bengali and "
                           "Gurmukhi could not be shaped");
    }
    text_cache_clear(&p->text);
    image_cache_clear(&p->images);
    close_sizes(p);
    for (int i = 0; i < FONT_COUNT; i++) {
        p->font_px[i] = t->fonts[i].px;
        p->font_bold[i] = t->fonts[i].bold;
    }
    /* Printed slips: 26-dot body text (about 3.3 mm, a little larger than the
     * printer's own 24-dot font, for older eyes), bold, and a 40-dot title. */
    static const struct { int px; bool bold; } print_fonts[PLAT_FONT_SLOTS - FONT_COUNT] = {
        {26, false}, {26, true}, {40, true}};
    for (int i = FONT_COUNT; i < PLAT_FONT_SLOTS; i++) {
        p->font_px[i] = print_fonts[i - FONT_COUNT].px;
        p->font_bold[i] = print_fonts[i - FONT_COUNT].bold;
    }
    update_line_skips(p);
    return 0;
}

/* ==== text for printed slips ==== */

static int print_slot(int style)
{
    return PLAT_FONT_PRINT + (style < 0 ? 0 : style > 2 ? 2 : style);
}

int plat_print_text_width(Platform *p, int style, const char *text, size_t len)
{
    int w = 0, h = 0, dy = 0;
    SDL_Color ink = {0, 0, 0, 255};
    text_shape(p, print_slot(style), ink, text, len, true, &w, &h, &dy);
    return w;
}

int plat_print_text_ink(Platform *p, int style, const char *text, size_t len,
                        unsigned char **ink, int *w, int *h)
{
    int dy = 0;
    *ink = NULL;
    SDL_Color black = {0, 0, 0, 255};
    SDL_Surface *s = text_shape(p, print_slot(style), black, text, len, false, w, h, &dy);
    if (!s)
        return err_set("text for the printer could not be drawn");
    unsigned char *out = mem_zalloc_array((size_t)s->w, (size_t)s->h);
    if (!out) {
        SDL_FreeSurface(s);
        return -1;
    }
    SDL_LockSurface(s);
    for (int y = 0; y < s->h; y++) {
        const Uint32 *row = (const Uint32 *)((const Uint8 *)s->pixels + y * s->pitch);
        for (int x = 0; x < s->w; x++)
            out[(size_t)y * (size_t)s->w + (size_t)x] = (unsigned char)(row[x] >> 24);
    }
    SDL_UnlockSurface(s);
    *w = s->w;
    *h = s->h;
    SDL_FreeSurface(s);
    *ink = out;
    return 0;
}
