/* platform_internal.h: the Platform struct and the pieces shared by platform.c,
 * text_cache.c, image_cache.c and render_sdl.c. Private to app/platform. */
#ifndef SIGNPOST_PLATFORM_INTERNAL_H
#define SIGNPOST_PLATFORM_INTERNAL_H

#include "platform.h"

#include <SDL.h>
#include <SDL_ttf.h>

typedef struct TextEntry {
    uint64_t hash;         /* of font, colour and text; 0 = free slot */
    int font;
    uint32_t color;        /* RGBA packed */
    bool measure_only;     /* width only, never drawn (no texture) */
    char *text;            /* owned copy, to rule out hash collisions */
    int w, h;
    int dy;                /* where the texture's top sits from the line's top (tall
                              scripts reach above it) */
    SDL_Texture *texture;  /* NULL until drawn */
    uint64_t last_used;    /* frame stamp */
} TextEntry;

typedef struct TextCache {
    TextEntry *slots;      /* open addressing, power-of-two size */
    size_t cap, count;
    size_t texture_bytes;
    uint64_t frame;
    bool wipe_on_free;     /* clear text and pixels when entries go (plat_forget_text) */
} TextCache;

enum { IMAGE_CACHE_SLOTS = 64, IMAGE_FAILED_MAX = 32 };

typedef struct ImageEntry {
    char *name;            /* owned; NULL = free slot */
    int box_w, box_h;      /* the box it was rasterised to fit */
    int w, h;              /* texture size */
    SDL_Texture *texture;  /* white ink with alpha; tinted by colour mod */
    uint64_t last_used;    /* lookup stamp */
} ImageEntry;

/* A picture from PNG bytes (DRAW_PICTURE), keyed by the bytes' address and length. */
enum { PICTURE_SLOTS = 4 };
typedef struct PictureEntry {
    const void *blob;      /* NULL = free slot */
    size_t len;
    int w, h;
    SDL_Texture *texture;
    uint64_t last_used;
} PictureEntry;

typedef struct ImageCache {
    ImageEntry slots[IMAGE_CACHE_SLOTS];
    PictureEntry pictures[PICTURE_SLOTS];
    size_t texture_bytes;
    uint64_t stamp;
    char *assets_dir;                  /* owned; NULL until set (then the default) */
    char *failed[IMAGE_FAILED_MAX];    /* names already warned about, a ring */
    size_t next_failed;
    size_t failures;                   /* warnings logged, for tests */
} ImageCache;

/* Font slots: the theme's roles, then three fixed sizes for printed slips (text drawn
 * off screen at the printer's 8 dots a millimetre; see plat_print_text_ink). */
enum { PLAT_FONT_PRINT = FONT_COUNT, PLAT_FONT_SLOTS = FONT_COUNT + 3 };

/* Font faces: one per script, each opened lazily at every theme size. */
typedef enum PlatFace {
    FACE_LATIN,
    FACE_NASKH,
    FACE_NASTALIQ,
    FACE_BENGALI,
    FACE_GURMUKHI,
    FACE_COUNT
} PlatFace;

struct Platform {
    PlatformOptions opts;
    SDL_Window *window;      /* NULL when headless */
    SDL_Surface *surface;    /* headless target */
    SDL_Renderer *renderer;
    TTF_Font *faces[FACE_COUNT][PLAT_FONT_SLOTS]; /* NULL until first needed */
    bool face_failed[FACE_COUNT][PLAT_FONT_SLOTS]; /* could not be opened: do not retry */
    char *face_path[FACE_COUNT][2];          /* regular, bold (NULL: none) */
    int font_px[PLAT_FONT_SLOTS];
    bool font_bold[PLAT_FONT_SLOTS];
    int line_skip[PLAT_FONT_SLOTS];
    bool base_rtl;                           /* the UI language is right to left */
    PlatFace arabic_face;                    /* Naskh, or Nastaliq for Urdu */
    PlatFace lang_face;                      /* the UI language's own script */
    size_t placeholders;                     /* code points no font could draw */
    TextCache text;
    ImageCache images;
    int width, height;
    bool touch_down;          /* a finger is down: ignore other fingers and the mouse */
    SDL_FingerID finger;
    bool mouse_down;
    bool ttf_ready;
    SDL_AudioDeviceID audio;  /* read-aloud output, 0 until plat_audio_open */
};

/* The face at a theme size, opened on first use; NULL when it cannot be. */
TTF_Font *face_get(Platform *p, PlatFace face, int font);
void faces_close(Platform *p);
/* Works out every face's regular and bold file from the options. 0 or -1. */
int faces_init(Platform *p);

/* Measures (measure_only) or renders one line through text runs and fallback fonts.
 * Returns a new surface (render) or NULL; fills *w, *h, *dy. */
SDL_Surface *text_shape(Platform *p, int font, SDL_Color c, const char *text, size_t len,
                        bool measure_only, int *w, int *h, int *dy);

void text_cache_init(TextCache *tc);
void text_cache_clear(TextCache *tc);
void text_cache_release(TextCache *tc);
/* The entry for (font, color, text), created if missing; NULL on failure. A measure
 * lookup passes measure_only and never creates a texture. */
TextEntry *text_cache_get(Platform *p, int font, Color c, const char *text, size_t len,
                          bool measure_only);
/* Ends a frame: evicts entries unused for a while when the cache is large. */
void text_cache_frame(Platform *p);

void image_cache_init(ImageCache *ic);
/* Drops every texture (the fonts or theme changed); remembered failures stay. */
void image_cache_clear(ImageCache *ic);
void image_cache_release(ImageCache *ic);
/* Sets the assets folder (NULL or "" = SIGNPOST_ASSETS_DIR) and drops the textures. */
int image_cache_set_dir(ImageCache *ic, const char *dir);
/* True when name may be looked up: see plat_image_name_ok() in platform.h. */
bool image_name_ok(const char *name);
/* The tintable texture for name rasterised to fit box_w x box_h (its size in *w, *h),
 * or NULL when it cannot be drawn (logged once per name). */
SDL_Texture *image_cache_get(Platform *p, const char *name, int box_w, int box_h, int *w,
                             int *h);
/* Runs one DRAW_IMAGE command. */
void render_image(Platform *p, const DrawCmd *c);
/* Runs DRAW_PICTURE: decodes the PNG once (SDL2_image) and caches its texture. */
void render_picture(Platform *p, const DrawCmd *c);

/* Runs the draw list on the renderer (no present). */
void render_drawlist(Platform *p, const DrawList *dl, Color bg);

#endif
