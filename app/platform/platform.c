/* platform.c: SDL start-up, the window or headless surface, event translation
 * (finger and mouse become one pointer; synthetic mouse events from touch are off),
 * presenting frames and screenshots (see platform.h). */
#include "platform_internal.h"

#include "err.h"
#include "log.h"
#include "mem.h"

#include <SDL_image.h>
#include <stdlib.h>
#include <string.h>

static int start_sdl(const PlatformOptions *o)
{
    /* Software rendering without a GL framebuffer: 14 MiB instead of ~100 MiB on
     * machines with no GPU. An SDL_RENDER_DRIVER in the
     * environment still wins, so a device with a GPU can ask for opengles2. */
    SDL_SetHintWithPriority(SDL_HINT_RENDER_DRIVER, "software", SDL_HINT_DEFAULT);
    SDL_SetHintWithPriority(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0", SDL_HINT_DEFAULT);
    /* One pointer: touch must not also arrive as synthetic mouse events. */
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    /* Under cage (Wayland) without -d, cage asks for client-side decorations; SDL 2.26
     * then moves the window to libdecor, which unmaps it, and with no libdecor plugin
     * installed nothing maps it again: "video wayland, renderer opengl" and a black
     * screen. A kiosk never wants decorations. */
    SDL_SetHint(SDL_HINT_VIDEO_WAYLAND_ALLOW_LIBDECOR, "0");
    /* Joysticks and sensors make SDL poll; the kiosk needs neither. */
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    if (o->kiosk_mode) {
        SDL_SetHint(SDL_HINT_GRAB_KEYBOARD, "1");
        SDL_SetHint(SDL_HINT_ALLOW_ALT_TAB_WHILE_GRABBED, "0");
        SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    }
    Uint32 flags = o->headless ? SDL_INIT_EVENTS : SDL_INIT_VIDEO | SDL_INIT_EVENTS;
    if (SDL_Init(flags) != 0)
        return err_set("SDL could not start: %s", SDL_GetError());
    if (TTF_Init() != 0) {
        SDL_Quit();
        return err_set("SDL_ttf could not start: %s", TTF_GetError());
    }
    return 0;
}

static int open_window(Platform *p)
{
    const PlatformOptions *o = &p->opts;
    const char *driver = SDL_GetCurrentVideoDriver();
    if (!driver || strcmp(driver, "offscreen") == 0 || strcmp(driver, "dummy") == 0)
        return err_set("no display: SDL chose the '%s' video driver, so nothing would be "
                       "seen. Start Signpost inside a Wayland compositor (cage) or X11 "
                       "session, or use --headless for testing",
                       driver ? driver : "none");
    Uint32 wflags = SDL_WINDOW_SHOWN | SDL_WINDOW_ALLOW_HIGHDPI;
    int w = o->width, h = o->height;
    if (o->fullscreen) {
        wflags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
        /* Ask for the screen's own size from the start. Under cage (Wayland) a window
         * made at the configured size was resized to the output, but the GL drawable
         * kept the first size, so every frame went out at the wrong size: a black screen. */
        SDL_DisplayMode mode;
        if (SDL_GetDesktopDisplayMode(0, &mode) == 0 && mode.w > 0 && mode.h > 0) {
            w = mode.w;
            h = mode.h;
        }
    } else {
        wflags |= SDL_WINDOW_RESIZABLE;
    }
    p->window = SDL_CreateWindow("Signpost", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                 w, h, wflags);
    if (!p->window)
        return err_set("the window could not be opened: %s", SDL_GetError());
    p->renderer = SDL_CreateRenderer(p->window, -1, 0);
    if (!p->renderer)
        return err_set("no renderer for the window: %s", SDL_GetError());
    if (o->kiosk_mode)
        SDL_SetWindowKeyboardGrab(p->window, SDL_TRUE);
    SDL_ShowCursor(o->kiosk_mode ? SDL_DISABLE : SDL_ENABLE);
    SDL_GetRendererOutputSize(p->renderer, &p->width, &p->height);
    return 0;
}

static int open_headless(Platform *p)
{
    p->surface = SDL_CreateRGBSurfaceWithFormat(0, p->opts.width, p->opts.height, 32,
                                                SDL_PIXELFORMAT_ARGB8888);
    if (!p->surface)
        return err_set("headless surface %dx%d: %s", p->opts.width, p->opts.height,
                       SDL_GetError());
    p->renderer = SDL_CreateSoftwareRenderer(p->surface);
    if (!p->renderer)
        return err_set("headless renderer: %s", SDL_GetError());
    p->width = p->opts.width;
    p->height = p->opts.height;
    return 0;
}

Platform *plat_open(const PlatformOptions *o)
{
    if (start_sdl(o) != 0)
        return NULL;
    Platform *p = mem_zalloc(sizeof *p);
    if (!p) {
        TTF_Quit();
        SDL_Quit();
        return NULL;
    }
    p->opts = *o;
    p->ttf_ready = true;
    text_cache_init(&p->text);
    image_cache_init(&p->images);
    int rc = (!o->font_regular || !o->font_bold || faces_init(p) != 0 ||
              image_cache_set_dir(&p->images, o->assets_dir) != 0) ? -1
             : o->headless                      ? open_headless(p)
                                                : open_window(p);
    if (rc != 0) {
        char msg[1024];
        snprintf(msg, sizeof msg, "%s", err_msg());
        plat_close(p);
        err_set("%s", msg);
        return NULL;
    }
    SDL_StartTextInput();
    return p;
}

void plat_close(Platform *p)
{
    if (!p)
        return;
    text_cache_release(&p->text);
    image_cache_release(&p->images);
    faces_close(p);
    if (p->audio)
        SDL_CloseAudioDevice(p->audio);
    if (p->renderer)
        SDL_DestroyRenderer(p->renderer);
    if (p->surface)
        SDL_FreeSurface(p->surface);
    if (p->window)
        SDL_DestroyWindow(p->window);
    bool ttf = p->ttf_ready;
    mem_free(p);
    if (ttf)
        TTF_Quit();
    SDL_Quit();
}

void plat_size(const Platform *p, int *w, int *h)
{
    *w = p->width;
    *h = p->height;
}

const char *plat_video_driver(const Platform *p)
{
    return p->window ? SDL_GetCurrentVideoDriver() : "headless";
}

const char *plat_render_driver(const Platform *p)
{
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(p->renderer, &info) != 0)
        return "unknown";
    return info.name;
}

uint64_t plat_ticks_ms(void)
{
    return SDL_GetTicks64();
}

/* ==== events ==== */

/* Keys to the kiosk's keys. Ordinary keyboards: Tab, Shift+Tab, the arrows, Return or
 * Enter, Escape, Backspace. Audio keypads (EZ-Access style) present as USB keyboards:
 * up and down send the arrows, select sends Return (or keypad Enter, or Select), back
 * sends Escape (or the AC Back key), help sends F1 (or the Help key). */
static UiKey map_key(SDL_Keycode k, Uint16 mod)
{
    switch (k) {
    case SDLK_RETURN: case SDLK_KP_ENTER: case SDLK_RETURN2: case SDLK_SELECT:
        return UI_KEY_RETURN;
    case SDLK_BACKSPACE: return UI_KEY_BACKSPACE;
    case SDLK_TAB: return (mod & KMOD_SHIFT) ? UI_KEY_BACKTAB : UI_KEY_TAB;
    case SDLK_AC_BACK: return UI_KEY_ESCAPE;
    case SDLK_F1: case SDLK_HELP: return UI_KEY_HELP;
    case SDLK_ESCAPE: return UI_KEY_ESCAPE;
    case SDLK_LEFT: return UI_KEY_LEFT;
    case SDLK_RIGHT: return UI_KEY_RIGHT;
    case SDLK_UP: return UI_KEY_UP;
    case SDLK_DOWN: return UI_KEY_DOWN;
    default: return UI_KEY_NONE;
    }
}

static SDL_Keycode unmap_key(UiKey k)
{
    switch (k) {
    case UI_KEY_RETURN: return SDLK_RETURN;
    case UI_KEY_BACKSPACE: return SDLK_BACKSPACE;
    case UI_KEY_TAB: return SDLK_TAB;
    case UI_KEY_ESCAPE: return SDLK_ESCAPE;
    case UI_KEY_LEFT: return SDLK_LEFT;
    case UI_KEY_RIGHT: return SDLK_RIGHT;
    case UI_KEY_UP: return SDLK_UP;
    case UI_KEY_DOWN: return SDLK_DOWN;
    case UI_KEY_BACKTAB: return SDLK_TAB;
    case UI_KEY_HELP: return SDLK_F1;
    case UI_KEY_NONE: break;
    }
    return SDLK_UNKNOWN;
}

/* Translates one SDL event; returns true when it means something to the kiosk. */
static bool translate(Platform *p, const SDL_Event *e, PlatEvent *ev)
{
    memset(ev, 0, sizeof *ev);
    switch (e->type) {
    case SDL_QUIT:
        if (p->opts.kiosk_mode)
            return false;
        ev->kind = PEV_QUIT;
        return true;
    case SDL_WINDOWEVENT:
        switch (e->window.event) {
        case SDL_WINDOWEVENT_SIZE_CHANGED:
        case SDL_WINDOWEVENT_SHOWN:
            /* Wayland shows a window only once the compositor has configured it, after
             * the first frame was drawn; that frame is dropped, and SDL sends no
             * EXPOSED then, so SHOWN repaints (with the size it now has). */
            SDL_GetRendererOutputSize(p->renderer, &p->width, &p->height);
            ev->kind = PEV_RESIZE;
            return true;
        case SDL_WINDOWEVENT_EXPOSED:
            ev->kind = PEV_EXPOSE;
            return true;
        case SDL_WINDOWEVENT_CLOSE:
            if (p->opts.kiosk_mode)
                return false;
            ev->kind = PEV_QUIT;
            return true;
        default:
            return false;
        }
    case SDL_FINGERDOWN:
    case SDL_FINGERMOTION:
    case SDL_FINGERUP: {
        /* Only the first finger down drives the pointer; a second is ignored. */
        if (e->type == SDL_FINGERDOWN) {
            if (p->touch_down || p->mouse_down)
                return false;
            p->touch_down = true;
            p->finger = e->tfinger.fingerId;
            ev->kind = PEV_POINTER_DOWN;
        } else {
            if (!p->touch_down || e->tfinger.fingerId != p->finger)
                return false;
            if (e->type == SDL_FINGERUP) {
                p->touch_down = false;
                ev->kind = PEV_POINTER_UP;
            } else {
                ev->kind = PEV_POINTER_MOVE;
            }
        }
        ev->x = (int)(e->tfinger.x * (float)p->width);
        ev->y = (int)(e->tfinger.y * (float)p->height);
        return true;
    }
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        if (e->button.which == SDL_TOUCH_MOUSEID || e->button.button != SDL_BUTTON_LEFT)
            return false;
        if (e->type == SDL_MOUSEBUTTONDOWN) {
            if (p->touch_down)
                return false;
            p->mouse_down = true;
            ev->kind = PEV_POINTER_DOWN;
        } else {
            if (!p->mouse_down)
                return false;
            p->mouse_down = false;
            ev->kind = PEV_POINTER_UP;
        }
        ev->x = e->button.x;
        ev->y = e->button.y;
        return true;
    case SDL_MOUSEMOTION:
        if (e->motion.which == SDL_TOUCH_MOUSEID || !p->mouse_down)
            return false;
        ev->kind = PEV_POINTER_MOVE;
        ev->x = e->motion.x;
        ev->y = e->motion.y;
        return true;
    case SDL_TEXTINPUT:
        ev->kind = PEV_TEXT;
        snprintf(ev->text, sizeof ev->text, "%s", e->text.text);
        return true;
    case SDL_KEYDOWN:
        ev->key = map_key(e->key.keysym.sym, e->key.keysym.mod);
        if (ev->key == UI_KEY_NONE)
            return false;
        ev->kind = PEV_KEY;
        return true;
    default:
        return false;
    }
}

int plat_wait_event(Platform *p, int timeout_ms, PlatEvent *ev)
{
    Uint64 start = SDL_GetTicks64();
    for (;;) {
        SDL_Event e;
        int left = -1;
        if (timeout_ms >= 0) {
            Uint64 spent = SDL_GetTicks64() - start;
            left = spent >= (Uint64)timeout_ms ? 0 : timeout_ms - (int)spent;
        }
        int got = left < 0 ? SDL_WaitEvent(&e) : SDL_WaitEventTimeout(&e, left);
        if (!got)
            return 0;
        if (translate(p, &e, ev))
            return 1;
        if (left == 0)
            return 0;
    }
}

int plat_push_pointer(Platform *p, PlatEventKind kind, int x, int y)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = kind == PEV_POINTER_DOWN ? SDL_FINGERDOWN
             : kind == PEV_POINTER_UP ? SDL_FINGERUP
                                      : SDL_FINGERMOTION;
    e.tfinger.touchId = 1;
    e.tfinger.fingerId = 1;
    e.tfinger.x = (float)(x + 0.5) / (float)p->width;
    e.tfinger.y = (float)(y + 0.5) / (float)p->height;
    e.tfinger.pressure = 1.0f;
    e.tfinger.timestamp = SDL_GetTicks();
    return SDL_PushEvent(&e) == 1 ? 0 : err_set("event queue: %s", SDL_GetError());
}

int plat_push_text(Platform *p, const char *utf8)
{
    (void)p;
    /* SDL_TEXTINPUT carries at most 31 bytes: send whole code points in pieces. */
    size_t len = strlen(utf8), i = 0;
    while (i < len) {
        size_t n = len - i > 31 ? 31 : len - i;
        while (n > 0 && i + n < len && ((unsigned char)utf8[i + n] & 0xC0) == 0x80)
            n--;
        SDL_Event e;
        memset(&e, 0, sizeof e);
        e.type = SDL_TEXTINPUT;
        memcpy(e.text.text, utf8 + i, n);
        if (SDL_PushEvent(&e) != 1)
            return err_set("event queue: %s", SDL_GetError());
        i += n;
    }
    return 0;
}

int plat_push_key(Platform *p, UiKey key)
{
    (void)p;
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_KEYDOWN;
    e.key.state = SDL_PRESSED;
    e.key.keysym.sym = unmap_key(key);
    if (key == UI_KEY_BACKTAB)
        e.key.keysym.mod = KMOD_LSHIFT;
    return SDL_PushEvent(&e) == 1 ? 0 : err_set("event queue: %s", SDL_GetError());
}

/* ==== frames and screenshots ==== */

void plat_present(Platform *p, const DrawList *dl, Color bg)
{
    render_drawlist(p, dl, bg);
    SDL_RenderPresent(p->renderer);
}

static SDL_Surface *read_back(Platform *p, const DrawList *dl, Color bg)
{
    render_drawlist(p, dl, bg);
    /* Read before presenting: after SDL_RenderPresent() the back buffer's contents
     * are undefined. */
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, p->width, p->height, 32,
                                                    SDL_PIXELFORMAT_ARGB8888);
    if (!s) {
        err_set("screenshot: %s", SDL_GetError());
        return NULL;
    }
    if (SDL_RenderReadPixels(p->renderer, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels,
                             s->pitch) != 0) {
        err_set("screenshot: %s", SDL_GetError());
        SDL_FreeSurface(s);
        return NULL;
    }
    return s;
}

int plat_save_png(Platform *p, const DrawList *dl, Color bg, const char *path)
{
    SDL_Surface *s = read_back(p, dl, bg);
    if (!s)
        return -1;
    int rc = IMG_SavePNG(s, path);
    SDL_FreeSurface(s);
    if (rc != 0)
        return err_set("screenshot %s could not be written: %s", path, IMG_GetError());
    return 0;
}

int plat_read_gray(Platform *p, const DrawList *dl, Color bg, unsigned char **pixels,
                   int *w, int *h)
{
    SDL_Surface *s = read_back(p, dl, bg);
    if (!s)
        return -1;
    unsigned char *g = mem_zalloc_array((size_t)s->w, (size_t)s->h);
    if (!g) {
        SDL_FreeSurface(s);
        return -1;
    }
    for (int y = 0; y < s->h; y++) {
        const Uint32 *row = (const Uint32 *)((const Uint8 *)s->pixels + y * s->pitch);
        for (int x = 0; x < s->w; x++) {
            Uint32 px = row[x];
            unsigned r = (px >> 16) & 0xFF, gg = (px >> 8) & 0xFF, b = px & 0xFF;
            g[(size_t)y * (size_t)s->w + (size_t)x] = (unsigned char)((r * 299 + gg * 587 + b * 114) / 1000);
        }
    }
    *pixels = g;
    *w = s->w;
    *h = s->h;
    SDL_FreeSurface(s);
    return 0;
}

int plat_read_rgb(Platform *p, const DrawList *dl, Color bg, uint32_t **pixels, int *w,
                  int *h)
{
    SDL_Surface *s = read_back(p, dl, bg);
    if (!s)
        return -1;
    uint32_t *out = mem_zalloc_array((size_t)s->w * (size_t)s->h, sizeof(uint32_t));
    if (!out) {
        SDL_FreeSurface(s);
        return -1;
    }
    for (int y = 0; y < s->h; y++) {
        const Uint32 *row = (const Uint32 *)((const Uint8 *)s->pixels + y * s->pitch);
        for (int x = 0; x < s->w; x++)
            out[(size_t)y * (size_t)s->w + (size_t)x] = row[x] & 0xFFFFFFu;
    }
    *pixels = out;
    *w = s->w;
    *h = s->h;
    SDL_FreeSurface(s);
    return 0;
}
