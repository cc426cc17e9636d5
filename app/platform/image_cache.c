/* image_cache.c: pictograms and illustrations for DRAW_IMAGE. An image is an SVG in
 * the assets folder (black silhouettes on a transparent background), rasterised by
 * SDL2_image (nanosvg) at exactly the size it is drawn, so it is sharp at any size.
 * Its pixels are turned into white "ink" (alpha = how black the pixel was) so that a
 * texture colour mod tints it with any colour. Textures are cached by (name, box
 * size) in a small table with a byte budget, evicting the least recently used; the
 * table is dropped when the fonts and theme are rebuilt. An unknown, refused or
 * unreadable name draws nothing and is logged once. */
#include "platform_internal.h"

#include "files.h"
#include "log.h"
#include "mem.h"

#include <SDL_image.h>
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    IMAGE_NAME_MAX = 96,            /* longest name accepted, in bytes */
    IMAGE_FILE_MAX = 1024 * 1024,   /* an SVG bigger than this is refused */
    IMAGE_SIDE_MAX = 4096,          /* largest side rasterised, in pixels */
    IMAGE_BYTES_BUDGET = 24 * 1024 * 1024,
};

void image_cache_init(ImageCache *ic)
{
    memset(ic, 0, sizeof *ic);
}

static void entry_free(ImageCache *ic, ImageEntry *e)
{
    if (e->texture) {
        SDL_DestroyTexture(e->texture);
        ic->texture_bytes -= (size_t)e->w * (size_t)e->h * 4;
    }
    mem_free(e->name);
    memset(e, 0, sizeof *e);
}

void image_cache_clear(ImageCache *ic)
{
    for (size_t i = 0; i < PICTURE_SLOTS; i++) {
        if (ic->pictures[i].texture)
            SDL_DestroyTexture(ic->pictures[i].texture);
        memset(&ic->pictures[i], 0, sizeof ic->pictures[i]);
    }
    for (size_t i = 0; i < IMAGE_CACHE_SLOTS; i++)
        if (ic->slots[i].name)
            entry_free(ic, &ic->slots[i]);
    ic->texture_bytes = 0;
}

void image_cache_release(ImageCache *ic)
{
    image_cache_clear(ic);
    for (size_t i = 0; i < IMAGE_FAILED_MAX; i++)
        mem_free(ic->failed[i]);
    mem_free(ic->assets_dir);
    memset(ic, 0, sizeof *ic);
}

int image_cache_set_dir(ImageCache *ic, const char *dir)
{
    char *copy = mem_strdup(dir && dir[0] ? dir : SIGNPOST_ASSETS_DIR);
    if (!copy)
        return -1;
    image_cache_clear(ic);
    mem_free(ic->assets_dir);
    ic->assets_dir = copy;
    return 0;
}

/* A name is parts of letters, digits, '-' and '_' joined by single '/': no dots (so
 * no ".."), no empty part, no absolute path, so it can only reach files under the
 * assets folder. */
bool image_name_ok(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > IMAGE_NAME_MAX || name[0] == '/' || name[n - 1] == '/')
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                     (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (c == '/' ? name[i + 1] == '/' : !plain)
            return false;
    }
    return true;
}

static bool failed_before(const ImageCache *ic, const char *name)
{
    for (size_t i = 0; i < IMAGE_FAILED_MAX; i++)
        if (ic->failed[i] && strcmp(ic->failed[i], name) == 0)
            return true;
    return false;
}

/* Logs why name cannot be drawn, once, and remembers it so it is not tried again
 * every frame (the oldest remembered name makes room when the list is full). */
static void note_failure(ImageCache *ic, const char *name, const char *why)
{
    log_warn("image '%.*s' is not drawn: %s", IMAGE_NAME_MAX, name, why);
    char *copy = mem_strdup(name);
    if (!copy)
        return;
    mem_free(ic->failed[ic->next_failed]);
    ic->failed[ic->next_failed] = copy;
    ic->next_failed = (ic->next_failed + 1) % IMAGE_FAILED_MAX;
    ic->failures++;
}

/* Turns black-on-transparent pixels into white ink whose alpha is how dark and how
 * opaque the pixel was; white parts become transparent. The texture's colour mod then
 * gives the ink its colour. Returns the number of pixels with any ink. */
static size_t to_ink(SDL_Surface *s)
{
    size_t inked = 0;
    for (int y = 0; y < s->h; y++) {
        Uint32 *row = (Uint32 *)((Uint8 *)s->pixels + (size_t)y * (size_t)s->pitch);
        for (int x = 0; x < s->w; x++) {
            Uint32 px = row[x];
            unsigned a = px >> 24, r = (px >> 16) & 0xFF, g = (px >> 8) & 0xFF, b = px & 0xFF;
            unsigned lum = (r * 299 + g * 587 + b * 114) / 1000;
            unsigned ink = a * (255 - lum) / 255;
            row[x] = (Uint32)ink << 24 | 0x00FFFFFFu;
            inked += ink > 0;
        }
    }
    return inked;
}

/* The value of attribute `name` in the tag [tag, end), or NULL. */
static const char *tag_attr(const char *tag, const char *end, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = tag; p + n + 2 < end; p++) {
        if ((p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\n' || p[-1] == '\r') &&
            strncmp(p, name, n) == 0 && p[n] == '=' && (p[n + 1] == '"' || p[n + 1] == '\''))
            return p + n + 2;
    }
    return NULL;
}

/* True when the root <svg> tag gives the picture a size nanosvg will take: a viewBox
 * with a positive width and height, or positive width and height attributes, and no
 * width or height that is zero or negative. SDL2_image 2.6 leaks the parsed image when
 * the size comes out zero, so such files are refused before they reach it. */
static bool svg_has_size(const char *data)
{
    const char *tag = strstr(data, "<svg");
    const char *end = tag ? strchr(tag, '>') : NULL;
    if (!end)
        return false;
    tag += 4;
    const char *w = tag_attr(tag, end, "width"), *h = tag_attr(tag, end, "height");
    const char *vb = tag_attr(tag, end, "viewBox");
    double wv = w ? strtod(w, NULL) : 0, hv = h ? strtod(h, NULL) : 0;
    if ((w && !(wv > 0)) || (h && !(hv > 0)))
        return false;
    if (vb) {
        double v[4];
        char *next = NULL;
        const char *q = vb;
        for (int i = 0; i < 4; i++) {
            while (*q == ' ' || *q == ',')
                q++;
            v[i] = strtod(q, &next);
            if (next == q)
                return false;
            q = next;
        }
        return v[2] > 0 && v[3] > 0;
    }
    return w && h;
}

/* Whether text at p starts with word, ignoring ASCII case. */
static bool starts_with_ci(const char *p, const char *word)
{
    for (; *word; p++, word++)
        if (tolower((unsigned char)*p) != *word)
            return false;
    return true;
}

/* The first thing in the SVG that points outside it, or NULL: an ENTITY declaration
 * (entities can name other files), an href to anything but "#id" in this file (<image>, <use>, <a>,
 * <feImage>, in any namespace), a url(...) to anything but "#id", a CSS @import, or an
 * XInclude. nanosvg follows none of them, but a picture that relies on one is broken,
 * and a file that tries to reach out is refused rather than half drawn. */
static const char *svg_outside_ref(const char *data)
{
    for (const char *p = data; *p; p++) {
        if (*p == '<' && starts_with_ci(p + 1, "!entity"))
            return "the SVG declares an ENTITY, which can name other files; pictures must be "
                   "self-contained";
        if (*p == '<' && starts_with_ci(p + 1, "!doctype")) {
            /* The usual DOCTYPE naming SVG 1.1's DTD is harmless (nothing fetches it);
             * one with declarations of its own ("[...]") is not. */
            const char *end = strchr(p, '>'), *open = strchr(p, '[');
            if (open && (!end || open < end))
                return "the SVG's DOCTYPE declares entities, which can name other files; "
                       "pictures must be self-contained";
        }
        if (*p == '<' && starts_with_ci(p + 1, "xi:include"))
            return "the SVG includes another file (XInclude); pictures must be self-contained";
        if (*p == '@' && starts_with_ci(p + 1, "import"))
            return "the SVG imports a style sheet (@import); pictures must be self-contained";
        if (starts_with_ci(p, "href") &&
            (p == data || p[-1] == ':' || isspace((unsigned char)p[-1]))) {
            const char *q = p + 4;
            while (isspace((unsigned char)*q))
                q++;
            if (*q != '=')
                continue;
            q++;
            while (isspace((unsigned char)*q))
                q++;
            if (*q == '"' || *q == '\'')
                q++;
            if (*q != '#')
                return "the SVG links to another file or address (href); pictures must be "
                       "self-contained";
        }
        if (starts_with_ci(p, "url(")) {
            const char *q = p + 4;
            while (isspace((unsigned char)*q) || *q == '"' || *q == '\'')
                q++;
            if (*q != '#')
                return "the SVG refers to another file or address (url); pictures must be "
                       "self-contained";
        }
    }
    return NULL;
}

/* Reads and rasterises one SVG to fit box_w x box_h; NULL with *why set on failure.
 * The file is read with file_read(): only a regular file (or a link to one) of at most
 * IMAGE_FILE_MAX bytes, and a named pipe in its place is refused, never waited on. */
static SDL_Surface *load_svg(const char *path, int box_w, int box_h, const char **why)
{
    char *data = NULL;
    size_t len = 0;
    switch (file_read(path, IMAGE_FILE_MAX, &data, &len)) {
    case FILE_READ_OK:
        break;
    case FILE_READ_MISSING:
        *why = "no such file";
        return NULL;
    case FILE_READ_TOO_LARGE:
        *why = "the file is too large (over 1 MiB)";
        return NULL;
    case FILE_READ_FAILED:
        *why = "the file could not be read: not a regular file, a broken link, or unreadable";
        return NULL;
    }
    const char *outside = NULL;
    SDL_Surface *svg = NULL;
    SDL_RWops *mem = NULL;
    if (len == 0 || !strstr(data, "<svg")) /* file_read ends the data with a NUL */
        *why = "the file is not SVG";
    else if ((outside = svg_outside_ref(data)) != NULL)
        *why = outside;
    else if (!svg_has_size(data))
        *why = "the SVG has no size (a viewBox, or width and height)";
    else if (!(mem = SDL_RWFromConstMem(data, (int)len)))
        *why = "out of memory";
    else if (!(svg = IMG_LoadSizedSVG_RW(mem, box_w, box_h)))
        *why = "the SVG could not be read";
    if (mem)
        SDL_RWclose(mem);
    mem_free(data);
    if (!svg)
        return NULL;
    SDL_Surface *argb = NULL;
    if (svg->w <= 0 || svg->h <= 0 || svg->w > IMAGE_SIDE_MAX || svg->h > IMAGE_SIDE_MAX)
        *why = "the SVG has no usable size";
    else if (!(argb = SDL_ConvertSurfaceFormat(svg, SDL_PIXELFORMAT_ARGB8888, 0)))
        *why = "out of memory";
    SDL_FreeSurface(svg);
    return argb;
}

/* The least recently used entry, or a free one; makes room within the byte budget. */
static ImageEntry *make_room(ImageCache *ic, size_t bytes)
{
    for (;;) {
        ImageEntry *free_slot = NULL, *oldest = NULL;
        for (size_t i = 0; i < IMAGE_CACHE_SLOTS; i++) {
            ImageEntry *e = &ic->slots[i];
            if (!e->name) {
                if (!free_slot)
                    free_slot = e;
            } else if (!oldest || e->last_used < oldest->last_used) {
                oldest = e;
            }
        }
        if (free_slot && (ic->texture_bytes + bytes <= IMAGE_BYTES_BUDGET || !oldest))
            return free_slot;
        entry_free(ic, oldest);
    }
}

SDL_Texture *image_cache_get(Platform *p, const char *name, int box_w, int box_h, int *w,
                             int *h)
{
    ImageCache *ic = &p->images;
    if (!name || box_w <= 0 || box_h <= 0)
        return NULL;
    if (box_w > IMAGE_SIDE_MAX)
        box_w = IMAGE_SIDE_MAX;
    if (box_h > IMAGE_SIDE_MAX)
        box_h = IMAGE_SIDE_MAX;
    ic->stamp++;
    for (size_t i = 0; i < IMAGE_CACHE_SLOTS; i++) {
        ImageEntry *e = &ic->slots[i];
        if (e->name && e->box_w == box_w && e->box_h == box_h && strcmp(e->name, name) == 0) {
            e->last_used = ic->stamp;
            *w = e->w;
            *h = e->h;
            return e->texture;
        }
    }
    if (failed_before(ic, name))
        return NULL;
    if (!image_name_ok(name)) {
        note_failure(ic, name, "names are letters, digits, '-' and '_', with '/' for a "
                               "subfolder of the assets folder; no '..' or absolute paths");
        return NULL;
    }
    if (!ic->assets_dir && image_cache_set_dir(ic, NULL) != 0)
        return NULL;
    char path[4096];
    int n = snprintf(path, sizeof path, "%s/%s%s.svg", ic->assets_dir,
                     strchr(name, '/') ? "" : "pictograms/", name);
    if (n < 0 || (size_t)n >= sizeof path) {
        note_failure(ic, name, "the path is too long");
        return NULL;
    }
    const char *why = "unknown";
    SDL_Surface *s = load_svg(path, box_w, box_h, &why);
    if (!s) {
        char msg[4400];
        snprintf(msg, sizeof msg, "%s (%s)", why, path);
        note_failure(ic, name, msg);
        return NULL;
    }
    if (to_ink(s) == 0) {
        log_debug("image '%s' has nothing to draw at %dx%d", name, box_w, box_h);
    }
    SDL_Texture *t = SDL_CreateTextureFromSurface(p->renderer, s);
    int tw = s->w, th = s->h;
    SDL_FreeSurface(s);
    char *copy = mem_strdup(name);
    if (!t || !copy) {
        if (t)
            SDL_DestroyTexture(t);
        mem_free(copy);
        return NULL; /* out of memory: try again next frame */
    }
    SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
    size_t bytes = (size_t)tw * (size_t)th * 4;
    ImageEntry *e = make_room(ic, bytes);
    *e = (ImageEntry){.name = copy, .box_w = box_w, .box_h = box_h, .w = tw, .h = th,
                      .texture = t, .last_used = ic->stamp};
    ic->texture_bytes += bytes;
    *w = tw;
    *h = th;
    return t;
}

void render_image(Platform *p, const DrawCmd *c)
{
    int w = 0, h = 0;
    SDL_Texture *t = image_cache_get(p, c->text, c->rect.w, c->rect.h, &w, &h);
    if (!t)
        return;
    SDL_SetTextureColorMod(t, c->color.r, c->color.g, c->color.b);
    SDL_SetTextureAlphaMod(t, c->color.a);
    /* Centred in the box; the SVG was rasterised to fit it keeping its aspect (SDL2_image
     * rounds the size up, so a pixel too many is squeezed back in). */
    if (w > c->rect.w)
        w = c->rect.w;
    if (h > c->rect.h)
        h = c->rect.h;
    SDL_Rect dst = {c->rect.x + (c->rect.w - w) / 2, c->rect.y + (c->rect.h - h) / 2, w, h};
    SDL_RenderCopy(p->renderer, t, NULL, &dst);
}

void plat_image_stats(const Platform *p, size_t *entries, size_t *bytes, size_t *failures)
{
    size_t n = 0;
    for (size_t i = 0; i < IMAGE_CACHE_SLOTS; i++)
        n += p->images.slots[i].name != NULL;
    if (entries)
        *entries = n;
    if (bytes)
        *bytes = p->images.texture_bytes;
    if (failures)
        *failures = p->images.failures;
}

bool plat_image_name_ok(const char *name)
{
    return name && image_name_ok(name);
}

/* A picture's texture: the PNG decoded once, kept in one of a few slots (the least
 * recently used goes). A PNG that does not decode draws nothing and is logged once. */
static SDL_Texture *picture_get(Platform *p, const void *blob, size_t len, int *w, int *h)
{
    ImageCache *ic = &p->images;
    ic->stamp++;
    PictureEntry *slot = NULL;
    for (size_t i = 0; i < PICTURE_SLOTS; i++) {
        PictureEntry *e = &ic->pictures[i];
        if (e->blob == blob && e->len == len) {
            e->last_used = ic->stamp;
            *w = e->w;
            *h = e->h;
            return e->texture;
        }
        if (!slot || !e->blob || (slot->blob && e->last_used < slot->last_used))
            slot = e;
    }
    if (len > INT32_MAX)
        return NULL;
    if (slot->texture)
        SDL_DestroyTexture(slot->texture);
    *slot = (PictureEntry){.blob = blob, .len = len, .last_used = ic->stamp};
    SDL_RWops *rw = SDL_RWFromConstMem(blob, (int)len);
    SDL_Surface *s = rw ? IMG_LoadPNG_RW(rw) : NULL;
    if (rw)
        SDL_RWclose(rw);
    if (!s) {
        log_warn("a floor plan picture could not be decoded: %s", IMG_GetError());
        return NULL; /* the slot remembers the failure until the cache is cleared */
    }
    slot->texture = SDL_CreateTextureFromSurface(p->renderer, s);
    slot->w = s->w;
    slot->h = s->h;
    SDL_FreeSurface(s);
    if (slot->texture)
        SDL_SetTextureScaleMode(slot->texture, SDL_ScaleModeLinear);
    *w = slot->w;
    *h = slot->h;
    return slot->texture;
}

void render_picture(Platform *p, const DrawCmd *c)
{
    int w = 0, h = 0;
    SDL_Texture *t = picture_get(p, c->blob, c->blob_len, &w, &h);
    if (!t)
        return;
    SDL_Rect dst = {c->rect.x, c->rect.y, c->rect.w, c->rect.h};
    SDL_RenderCopy(p->renderer, t, NULL, &dst);
}
