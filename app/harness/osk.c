/* osk.c: types text on the on-screen keyboard by tapping its keys (see osk.h). For each
 * character it looks for a visible key whose name is that character; if there is none
 * it tries Shift, then Caps lock, then each layer key in turn, as a person hunting for
 * a character would. Taps go through the platform's event queue like `tap`'s. */
#include "osk.h"

#include "err.h"
#include "utf8.h"

#include <stdio.h>
#include <string.h>

enum { OSK_MAX_LAYERS = 4 };

static bool has_prefix(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* A visible, tappable element with exactly this id, or NULL. */
static const UiElement *visible_id(const Ui *ui, const char *id)
{
    for (size_t i = 0; i < ui->nelements; i++) {
        const UiElement *e = &ui->elements[i];
        if (e->interactive && !e->disabled && !rect_empty(e->visible) && strcmp(e->id, id) == 0)
            return e;
    }
    return NULL;
}

/* The visible key of the keyboard that types exactly ch, or NULL. */
static const UiElement *key_for(const Ui *ui, const char *ch)
{
    char prefix[32];
    snprintf(prefix, sizeof prefix, "%s-key-", OSK_KEYBOARD_ID);
    for (size_t i = 0; i < ui->nelements; i++) {
        const UiElement *e = &ui->elements[i];
        if (e->interactive && !e->disabled && !rect_empty(e->visible) &&
            has_prefix(e->id, prefix) && strcmp(e->label, ch) == 0)
            return e;
    }
    return NULL;
}

static int push(Runner *r, PlatEventKind kind, int x, int y)
{
    if (plat_push_pointer(r->plat, kind, x, y) != 0)
        return -1;
    runner_drain(r);
    runner_present(r, false);
    return 0;
}

/* Presses and lifts a finger in the middle of the part of e that can be seen. */
static int tap(Runner *r, const UiElement *e)
{
    int x = e->visible.x + e->visible.w / 2, y = e->visible.y + e->visible.h / 2;
    if (push(r, PEV_POINTER_DOWN, x, y) != 0)
        return -1;
    return push(r, PEV_POINTER_UP, x, y);
}

/* Taps the control "<kbd>-<suffix>" when it is on screen; 1 tapped, 0 not there. */
static int tap_control(Runner *r, const char *suffix)
{
    char id[64];
    snprintf(id, sizeof id, "%s-%s", OSK_KEYBOARD_ID, suffix);
    const UiElement *e = visible_id(r->ui, id);
    if (!e)
        return 0;
    return tap(r, e) != 0 ? -1 : 1;
}

/* Taps ch's key if it is showing: 1 typed, 0 not showing, -1 error. */
static int try_key(Runner *r, const char *ch)
{
    const UiElement *e = key_for(r->ui, ch);
    if (!e)
        return 0;
    return tap(r, e) != 0 ? -1 : 1;
}

/* Tries lock key `suffix` (shift or caps): taps it, types ch if that showed its key
 * (Caps lock then stays on for the next capitals, as a person leaves it), else taps it
 * again to put it back. 1 typed, 0 not, -1 error. */
static int try_with(Runner *r, const char *suffix, const char *ch)
{
    int t = tap_control(r, suffix);
    if (t <= 0)
        return t;
    int k = try_key(r, ch);
    if (k != 0)
        return k;
    return tap_control(r, suffix) < 0 ? -1 : 0;
}

/* Types one character (ch, its UTF-8 bytes): 1 typed, 0 unreachable, -1 error. */
static int type_char(Runner *r, const char *ch)
{
    if (strcmp(ch, " ") == 0)
        return tap_control(r, "space");
    char tried[OSK_MAX_LAYERS][64];
    int ntried = 0;
    for (int round = 0; round <= OSK_MAX_LAYERS; round++) {
        int k = try_key(r, ch);
        if (k == 0)
            k = try_with(r, "shift", ch);
        if (k == 0)
            k = try_with(r, "caps", ch);
        if (k != 0)
            return k;
        /* Another layer: the first layer key not tried yet. */
        char prefix[32];
        snprintf(prefix, sizeof prefix, "%s-layer-", OSK_KEYBOARD_ID);
        const UiElement *next = NULL;
        for (size_t i = 0; i < r->ui->nelements && !next; i++) {
            const UiElement *e = &r->ui->elements[i];
            if (!e->interactive || rect_empty(e->visible) || !has_prefix(e->id, prefix))
                continue;
            bool seen = false;
            for (int t = 0; t < ntried; t++)
                seen |= strcmp(tried[t], e->id) == 0;
            if (!seen)
                next = e;
        }
        if (!next || ntried == OSK_MAX_LAYERS)
            return 0;
        snprintf(tried[ntried++], sizeof tried[0], "%s", next->id);
        if (tap(r, next) != 0)
            return -1;
    }
    return 0;
}

int osk_type(Runner *r, const char *text)
{
    const UiElement *g = ui_find_element(r->ui, OSK_KEYBOARD_ID);
    if (!g || rect_empty(g->visible))
        return err_set("no on-screen keyboard on the '%s' screen", app_screen_name(r->app));
    size_t len = strlen(text);
    if (!utf8_valid(text, len))
        return err_set("osk: the text is not valid UTF-8");
    int nth = 0;
    for (size_t i = 0; i < len;) {
        size_t n = 1;
        (void)utf8_decode(text + i, len - i, &n);
        if (n == 0 || n > 4)
            n = 1;
        nth++;
        char ch[8] = {0};
        memcpy(ch, text + i, n);
        int k = type_char(r, ch);
        if (k < 0)
            return -1;
        if (k == 0)
            return err_set("osk: cannot reach '%s' (character %d of \"%s\") on the '%s' "
                           "screen's on-screen keyboard: no key types it on any layer",
                           ch, nth, text, app_screen_name(r->app));
        i += n;
    }
    return 0;
}
