/* text_cache.c: fonts and the rendered-text cache. Whole strings are rendered once
 * with TTF_RenderUTF8_Blended and kept as textures keyed by (font, colour, text), so
 * a frame with nothing new costs only texture copies (shaping runs on every TTF call,
 * and per-glyph atlases are wrong for complex scripts). Widths are
 * cached the same way without a texture. Entries unused for 120 frames are evicted
 * when the cache passes 3/4 full. */
#include "platform_internal.h"

#include "err.h"
#include "log.h"
#include "mem.h"

#include <stdlib.h>
#include <string.h>

enum { TEXT_CACHE_SLOTS = 4096, TEXT_MAX_BYTES = 4096, TEXT_STALE_FRAMES = 120 };

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

/* Re-inserts every live entry into a fresh table, dropping stale ones when asked. */
static int rehash(TextCache *tc, size_t cap, bool drop_stale)
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
        if (drop_stale && e->last_used + TEXT_STALE_FRAMES < tc->frame) {
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

static TTF_Font *font_for(Platform *p, int font)
{
    if (font < 0 || font >= FONT_COUNT)
        font = FONT_BODY;
    return p->fonts[font];
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
    if (tc->cap == 0 && rehash(tc, TEXT_CACHE_SLOTS, false) != 0)
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
        if (rehash(tc, ncap, true) != 0)
            return NULL;
        if ((tc->count + 1) * 4 > tc->cap * 3 && rehash(tc, tc->cap * 2, false) != 0)
            return NULL;
        return text_cache_get(p, font, c, text, len, measure_only);
    }
    TTF_Font *f = font_for(p, font);
    char *copy = mem_alloc(len + 1);
    if (!copy || !f) {
        mem_free(copy);
        return NULL;
    }
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
    if (measure_only) {
        if (TTF_SizeUTF8(f, copy, &e->w, &e->h) != 0)
            e->w = e->h = 0;
        return e;
    }
    SDL_Color sc = {c.r, c.g, c.b, c.a};
    SDL_Surface *s = TTF_RenderUTF8_Blended(f, copy, sc);
    if (!s) {
        log_warn("text could not be rendered: %s", TTF_GetError());
        return e;
    }
    e->texture = SDL_CreateTextureFromSurface(p->renderer, s);
    e->w = s->w;
    e->h = s->h;
    SDL_FreeSurface(s);
    if (e->texture)
        tc->texture_bytes += (size_t)e->w * (size_t)e->h * 4;
    return e;
}

void text_cache_frame(Platform *p)
{
    p->text.frame++;
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

UiMeasure plat_measure(Platform *p)
{
    UiMeasure m = {p, measure_width, measure_line};
    return m;
}

int plat_set_fonts(Platform *p, const Theme *t)
{
    TTF_Font *opened[FONT_COUNT] = {0};
    for (int i = 0; i < FONT_COUNT; i++) {
        const char *path = t->fonts[i].bold ? p->font_bold : p->font_regular;
        opened[i] = TTF_OpenFont(path, t->fonts[i].px);
        if (!opened[i]) {
            for (int k = 0; k < i; k++)
                TTF_CloseFont(opened[k]);
            return err_set("font %s could not be opened: %s", path, TTF_GetError());
        }
        TTF_SetFontHinting(opened[i], TTF_HINTING_LIGHT);
    }
    text_cache_clear(&p->text);
    image_cache_clear(&p->images);
    for (int i = 0; i < FONT_COUNT; i++) {
        if (p->fonts[i])
            TTF_CloseFont(p->fonts[i]);
        p->fonts[i] = opened[i];
        p->line_skip[i] = TTF_FontLineSkip(opened[i]);
    }
    return 0;
}
