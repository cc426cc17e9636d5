/* platform.h: the only door to SDL. Opens the window (or, headless, an offscreen
 * software surface), turns SDL's finger and mouse events into one pointer, runs draw
 * lists on the SDL renderer, measures and caches text through SDL_ttf (every script:
 * FriBidi runs, a font per script with fallback, HarfBuzz shaping; text_shape.c), and
 * saves screenshots. Nothing outside app/platform includes SDL headers.
 *
 * The Platform owns the window, renderer, fonts and every texture. UiMeasure
 * callbacks it hands out stay valid until plat_close(). */
#ifndef SIGNPOST_PLATFORM_H
#define SIGNPOST_PLATFORM_H

#include "draw.h"
#include "theme.h"
#include "ui.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct Platform Platform;

typedef struct PlatformOptions {
    bool headless;    /* no display: software renderer on a memory surface */
    bool fullscreen;  /* full screen (desktop size); otherwise a window of width x height */
    bool kiosk_mode;  /* ignore quit and close requests; grab the keyboard */
    int width, height;
    const char *font_regular, *font_bold; /* TrueType files (Latin, Greek, Cyrillic) */
    /* Regular fonts for other scripts; the bold face is the same file name with "Bold"
     * for "Regular" when that file exists. NULL or "" = the Debian fonts-noto-core file. */
    const char *font_arabic, *font_urdu, *font_bengali, *font_gurmukhi;
    const char *assets_dir; /* pictograms/ and illustrations/ for DRAW_IMAGE;
                               NULL or "" = the compiled SIGNPOST_ASSETS_DIR */
} PlatformOptions;

typedef enum PlatEventKind {
    PEV_NONE,
    PEV_POINTER_DOWN,
    PEV_POINTER_MOVE,
    PEV_POINTER_UP,
    PEV_TEXT,
    PEV_KEY,
    PEV_QUIT,    /* only outside kiosk mode */
    PEV_RESIZE,  /* size changed: re-layout */
    PEV_EXPOSE   /* window needs repainting */
} PlatEventKind;

typedef struct PlatEvent {
    PlatEventKind kind;
    int x, y;      /* pointer position in pixels */
    char text[32]; /* PEV_TEXT: UTF-8 */
    UiKey key;     /* PEV_KEY */
} PlatEvent;

/* Opens SDL, the window or surface, the renderer and the fonts. Refuses (NULL, err_msg
 * set) to run on SDL's offscreen or dummy video driver unless headless was asked for:
 * such a kiosk would "run" with nothing on screen. */
Platform *plat_open(const PlatformOptions *o);
void plat_close(Platform *p);

/* Current drawable size in pixels. */
void plat_size(const Platform *p, int *w, int *h);
/* Video and render driver names, for the log. */
const char *plat_video_driver(const Platform *p);
const char *plat_render_driver(const Platform *p);

/* (Re)opens the fonts at the theme's sizes; drops cached text. 0 or -1. */
int plat_set_fonts(Platform *p, const Theme *t);
/* Text measurement for the UI toolkit (its set_language callback is
 * plat_set_language). */
UiMeasure plat_measure(Platform *p);
/* The language of the UI (BCP 47): sets the paragraph direction (ar, ur... right to
 * left), which Arabic-script font comes first (Urdu: Nastaliq; others: Naskh) and the
 * line height; drops cached text. */
void plat_set_language(Platform *p, const char *bcp47);

/* Waits for the next event, up to timeout_ms (-1 = no limit). Returns 1 with *ev
 * filled, 0 when the time ran out. Events the kiosk does not use are skipped. */
int plat_wait_event(Platform *p, int timeout_ms, PlatEvent *ev);

/* Draws the list and shows it. */
void plat_present(Platform *p, const DrawList *dl, Color bg);
/* Draws the list and saves it as a PNG (the window is not updated). 0 or -1. */
int plat_save_png(Platform *p, const DrawList *dl, Color bg, const char *path);
/* Draws the list and returns it as 8-bit grey pixels (w*h bytes; release them with
 * mem_free()). Used by the pictogram test. */
int plat_read_gray(Platform *p, const DrawList *dl, Color bg, unsigned char **pixels,
                   int *w, int *h);

/* Draws the list and returns it as 0xRRGGBB pixels, row by row (w*h of them; release
 * them with mem_free()). Used by the contrast and focus ring tests. */
int plat_read_rgb(Platform *p, const DrawList *dl, Color bg, uint32_t **pixels, int *w,
                  int *h);

/* Puts pointer, text or key events in SDL's queue, as a touch screen or keyboard
 * would; the harness drives the kiosk this way. */
int plat_push_pointer(Platform *p, PlatEventKind kind, int x, int y);
int plat_push_text(Platform *p, const char *utf8);
int plat_push_key(Platform *p, UiKey key);

/* Milliseconds since start (monotonic). */
uint64_t plat_ticks_ms(void);

/* Drops every cached text and its pixels, wiping both: after a person leaves, nothing
 * they typed may stay in memory for the next. */
void plat_forget_text(Platform *p);

/* Statistics for the benchmark: cached text entries and their pixel bytes. */
void plat_text_cache_stats(const Platform *p, size_t *entries, size_t *bytes);

/* For tests: how many code points drawn since plat_open() no font could draw (shown
 * as a placeholder with the code point, never an empty box). */
size_t plat_text_placeholders(const Platform *p);

/* Text for printed slips, drawn off screen (never on the window) in the UI language's
 * direction and fonts, at fixed sizes for a 203 dpi printer: style 0 body (26 dots),
 * 1 bold, 2 title (40 dots). The width of one line in dots; and the line itself as
 * coverage, 0 paper to 255 ink, w*h bytes the caller frees with mem_free(). 0 or -1. */
int plat_print_text_width(Platform *p, int style, const char *text, size_t len);
int plat_print_text_ink(Platform *p, int style, const char *text, size_t len,
                        unsigned char **ink, int *w, int *h);

/* DRAW_IMAGE names: "toilets" is <assets>/pictograms/toilets.svg; a name with a '/'
 * is a path under the assets folder without ".svg" ("illustrations/out-of-order").
 * Parts are letters, digits, '-' and '_'; dots, empty parts and absolute paths are
 * refused. A name that is refused, missing or not a readable SVG draws nothing and
 * is logged once. */
bool plat_image_name_ok(const char *name);
/* Statistics for tests: cached image textures, their pixel bytes, and how many
 * image names were refused or could not be read (each logged once). Any may be NULL. */
void plat_image_stats(const Platform *p, size_t *entries, size_t *bytes, size_t *failures);

/* ==== audio: read aloud ====
 * Opens the default output device for 16-bit mono PCM at rate_hz (what the speech
 * engine makes). 0, or -1 with err_msg() set (no sound card: the kiosk runs on, and
 * says so in its log). */
int plat_audio_open(Platform *p, int rate_hz);
/* Queues PCM for playing (any thread: SDL locks the device), and drops what is queued
 * but not yet heard (an utterance was interrupted). Both do nothing before
 * plat_audio_open. They fit SpeechSink (speech.h) with the Platform as user. */
void plat_audio_queue(void *platform, const int16_t *samples, size_t n);
void plat_audio_clear(void *platform);
/* Whether a headset is listening rather than the room's speaker. SDL 2 does not tell
 * when a jack is plugged in; a USB or Bluetooth headset shows as an output device whose
 * name says "headset", and that is what this looks for. Unknown counts as no headset. */
bool plat_audio_headset(const Platform *p);

#endif
