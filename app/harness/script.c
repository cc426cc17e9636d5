/* script.c: parses and runs harness scripts (see script.h). Taps and typing go
 * through SDL's event queue and the platform's translation, exactly as a touch
 * screen's would. */
#include "script.h"

#include "err.h"
#include "osk.h"
#include "script_words.h"
#include "strbuf.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

typedef ScriptLine Line;

static int need(const Line *l, int n, const char *usage)
{
    if (l->argc != n)
        return err_set("usage: %s", usage);
    return 0;
}

static void settle(Runner *r)
{
    runner_drain(r);
    runner_present(r, false);
}

static int pointer(Runner *r, PlatEventKind kind, int x, int y)
{
    if (plat_push_pointer(r->plat, kind, x, y) != 0)
        return -1;
    settle(r);
    return 0;
}

static int tap_at(Runner *r, int x, int y)
{
    int w, h;
    plat_size(r->plat, &w, &h);
    if (x < 0 || y < 0 || x >= w || y >= h)
        return err_set("point %d,%d is off the %dx%d screen", x, y, w, h);
    if (pointer(r, PEV_POINTER_DOWN, x, y) != 0)
        return -1;
    return pointer(r, PEV_POINTER_UP, x, y);
}

/* Presses at (x, y), keeps the finger still for ms on the virtual clock (deadlines
 * fire on the way, as they would for a person), then lifts it. */
static int hold_at(Runner *r, int x, int y, long ms)
{
    int w, h;
    plat_size(r->plat, &w, &h);
    if (x < 0 || y < 0 || x >= w || y >= h)
        return err_set("point %d,%d is off the %dx%d screen", x, y, w, h);
    if (ms < 0)
        return err_set("hold needs a time of 0 ms or more");
    if (pointer(r, PEV_POINTER_DOWN, x, y) != 0)
        return -1;
    runner_advance(r, (uint64_t)ms);
    return pointer(r, PEV_POINTER_UP, x, y);
}

static int drag(Runner *r, int x1, int y1, int x2, int y2)
{
    if (pointer(r, PEV_POINTER_DOWN, x1, y1) != 0)
        return -1;
    for (int i = 1; i <= 4; i++)
        if (pointer(r, PEV_POINTER_MOVE, x1 + (x2 - x1) * i / 4, y1 + (y2 - y1) * i / 4) != 0)
            return -1;
    return pointer(r, PEV_POINTER_UP, x2, y2);
}

/* Drags a list by dy as a finger would: past the drag slop first (so even a small
 * scroll is a drag, never a tap on what is under the finger), then back to dy. */
static int drag_list(Runner *r, int x, int y, int dy)
{
    int over = r->ui->theme.drag_slop + 2;
    int past = dy + (dy < 0 ? -over : over);
    if (pointer(r, PEV_POINTER_DOWN, x, y) != 0 || pointer(r, PEV_POINTER_MOVE, x, y + past) != 0 ||
        pointer(r, PEV_POINTER_MOVE, x, y + dy) != 0)
        return -1;
    return pointer(r, PEV_POINTER_UP, x, y + dy);
}

/* Drags the element's list until the element is wholly in view (or it cannot move). */
static int scroll_into_view(Runner *r, const char *target)
{
    for (int attempt = 0; attempt < 400; attempt++) {
        const UiElement *e = ui_find_element(r->ui, target);
        if (!e)
            return err_set("'%s' went away while scrolling", target);
        if (e->scroll < 0)
            return 0;
        const UiScrollState *s = &r->ui->scrolls[e->scroll];
        Rect v = s->view;
        int need;
        if (e->rect.h > v.h) {
            /* Taller than the list's view: bring its top to the view's top. */
            need = v.y - e->rect.y;
            if (need == 0)
                return 0;
        } else {
            if (e->rect.y >= v.y && e->rect.y + e->rect.h <= v.y + v.h)
                return 0;
            need = e->rect.y < v.y ? v.y - e->rect.y : (v.y + v.h) - (e->rect.y + e->rect.h);
        }
        int step = v.h / 2;
        if (need > step)
            need = step;
        if (need < -step)
            need = -step;
        int before = s->offset;
        int cx = v.x + v.w / 2, cy = v.y + v.h / 2;
        if (drag_list(r, cx, cy - need / 2, need) != 0)
            return -1;
        if (r->ui->scrolls[e->scroll].offset == before)
            return 0;
    }
    return 0;
}

static int tap_target(Runner *r, const char *target)
{
    const UiElement *e = ui_find_element(r->ui, target);
    if (!e)
        return err_set("no element '%s' on the '%s' screen", target, app_screen_name(r->app));
    if (!e->interactive)
        return err_set("'%s' is on screen but cannot be tapped (it is %s)", target, e->role);
    if (scroll_into_view(r, target) != 0)
        return -1;
    e = ui_find_element(r->ui, target);
    if (!e || rect_empty(e->visible))
        return err_set("'%s' is not visible and could not be scrolled into view", target);
    return tap_at(r, e->visible.x + e->visible.w / 2, e->visible.y + e->visible.h / 2);
}

static const UiElement *focused_element(const Ui *ui)
{
    for (size_t i = 0; i < ui->nelements; i++)
        if (ui->elements[i].focused)
            return &ui->elements[i];
    return NULL;
}

static bool is_target(const UiElement *e, const char *target)
{
    return e && (strcmp(e->id, target) == 0 || strcmp(e->label, target) == 0);
}

/* Presses `key` (Tab, Shift+Tab, Up or Down) until TARGET has the keyboard focus, as a
 * person moving through the screen would; fails when it comes round without it. */
static int key_to(Runner *r, UiKey key, const char *target)
{
    size_t limit = r->ui->nelements + 66; /* the arrows also scroll long text on the way */
    for (size_t i = 0; i <= limit; i++) {
        const UiElement *f = focused_element(r->ui);
        if (r->ui->nav_shown && is_target(f, target))
            return 0;
        if (plat_push_key(r->plat, key) != 0)
            return -1;
        settle(r);
    }
    const UiElement *f = focused_element(r->ui);
    return err_set("'%s' cannot be reached with keys on the '%s' screen (focus is on '%s')",
                   target, app_screen_name(r->app), f ? f->id : "nothing");
}

static bool visible_text(const Ui *ui, const char *text)
{
    for (size_t i = 0; i < ui->nelements; i++) {
        const UiElement *e = &ui->elements[i];
        if (!rect_empty(e->visible) && (strstr(e->label, text) || strcmp(e->id, text) == 0))
            return true;
    }
    return false;
}

static int run_line(Runner *r, Line *l)
{
    const char *verb = l->argv[0];
    long a, b, c, d;
    if (strcmp(verb, "tap") == 0) {
        if (l->argc == 3) {
            if (script_parse_int(l->argv[1], &a) != 0 || script_parse_int(l->argv[2], &b) != 0)
                return -1;
            return tap_at(r, (int)a, (int)b);
        }
        if (need(l, 2, "tap TARGET  or  tap X Y") != 0)
            return -1;
        return tap_target(r, l->argv[1]);
    }
    if (strcmp(verb, "show") == 0) {
        /* Scrolls TARGET's list until it is in view, touching nothing else (what a
         * person reading down a page does). */
        if (need(l, 2, "show TARGET") != 0)
            return -1;
        if (!ui_find_element(r->ui, l->argv[1]))
            return err_set("no element '%s' on the '%s' screen", l->argv[1],
                           app_screen_name(r->app));
        return scroll_into_view(r, l->argv[1]);
    }
    if (strcmp(verb, "touch") == 0) {
        /* Where TARGET is laid out, even under an overlay: what a person touching that
         * spot through a prompt does (the prompt must take the touch). */
        if (need(l, 2, "touch TARGET") != 0)
            return -1;
        const UiElement *e = ui_find_element(r->ui, l->argv[1]);
        if (!e)
            return err_set("no element '%s' on the '%s' screen", l->argv[1],
                           app_screen_name(r->app));
        return tap_at(r, e->rect.x + e->rect.w / 2, e->rect.y + e->rect.h / 2);
    }
    if (strcmp(verb, "hold") == 0) {
        /* hold TARGET MS  or  hold X Y MS: press, keep still, release. */
        if (l->argc == 4) {
            if (script_parse_int(l->argv[1], &a) != 0 || script_parse_int(l->argv[2], &b) != 0 ||
                script_parse_int(l->argv[3], &c) != 0)
                return -1;
            return hold_at(r, (int)a, (int)b, c);
        }
        if (need(l, 3, "hold TARGET MS  or  hold X Y MS") != 0 ||
            script_parse_int(l->argv[2], &c) != 0)
            return -1;
        const UiElement *e = ui_find_element(r->ui, l->argv[1]);
        if (!e || rect_empty(e->visible))
            return err_set("no visible element '%s' on the '%s' screen to hold", l->argv[1],
                           app_screen_name(r->app));
        return hold_at(r, e->visible.x + e->visible.w / 2, e->visible.y + e->visible.h / 2, c);
    }
    if (strcmp(verb, "drag") == 0) {
        if (need(l, 5, "drag X1 Y1 X2 Y2") != 0 || script_parse_int(l->argv[1], &a) != 0 ||
            script_parse_int(l->argv[2], &b) != 0 || script_parse_int(l->argv[3], &c) != 0 ||
            script_parse_int(l->argv[4], &d) != 0)
            return -1;
        return drag(r, (int)a, (int)b, (int)c, (int)d);
    }
    if (strcmp(verb, "type") == 0) {
        if (need(l, 2, "type TEXT") != 0)
            return -1;
        if (r->ui->focus == 0)
            return err_set("nothing to type into: no field has focus (tap one first)");
        if (plat_push_text(r->plat, l->argv[1]) != 0)
            return -1;
        settle(r);
        return 0;
    }
    if (strcmp(verb, "osk") == 0) {
        if (need(l, 2, "osk TEXT") != 0)
            return -1;
        return osk_type(r, l->argv[1]);
    }
    if (strcmp(verb, "key") == 0) {
        if (need(l, 2, "key NAME") != 0)
            return -1;
        UiKey k = ui_key_parse(l->argv[1]);
        if (k == UI_KEY_NONE)
            return err_set("'%s' is not a key (Return, Backspace, Tab, Shift+Tab, Escape, "
                           "Left, Right, Up, Down, Help)", l->argv[1]);
        if (plat_push_key(r->plat, k) != 0)
            return -1;
        settle(r);
        return 0;
    }
    if (strcmp(verb, "tab-to") == 0 || strcmp(verb, "down-to") == 0 ||
        strcmp(verb, "up-to") == 0) {
        if (need(l, 2, "tab-to TARGET") != 0)
            return -1;
        UiKey k = verb[0] == 't' ? UI_KEY_TAB : verb[0] == 'd' ? UI_KEY_DOWN : UI_KEY_UP;
        return key_to(r, k, l->argv[1]);
    }
    if (strcmp(verb, "expect-focus") == 0) {
        if (need(l, 2, "expect-focus TARGET") != 0)
            return -1;
        const UiElement *f = focused_element(r->ui);
        if (!r->ui->nav_shown || !is_target(f, l->argv[1]))
            return err_set("expected the focus on '%s' on the '%s' screen, but it is on '%s'%s",
                           l->argv[1], app_screen_name(r->app), f ? f->id : "nothing",
                           r->ui->nav_shown ? "" : " (and not shown)");
        return 0;
    }
    if (strcmp(verb, "wait") == 0) {
        if (need(l, 2, "wait MS") != 0 || script_parse_int(l->argv[1], &a) != 0)
            return -1;
        if (a < 0)
            return err_set("wait needs a time of 0 ms or more");
        runner_advance(r, (uint64_t)a);
        settle(r);
        return 0;
    }
    if (strcmp(verb, "shot") == 0) {
        if (need(l, 2, "shot FILE.png") != 0)
            return -1;
        return plat_save_png(r->plat, &r->ui->draw, r->ui->theme.bg, l->argv[1]);
    }
    if (strcmp(verb, "dump") == 0) {
        if (need(l, 2, "dump FILE.json") != 0)
            return -1;
        return dump_write(r, l->argv[1]);
    }
    if (strcmp(verb, "expect") == 0) {
        if (need(l, 2, "expect TEXT") != 0)
            return -1;
        if (!visible_text(r->ui, l->argv[1]))
            return err_set("expected '%s' on the '%s' screen, but it is not there", l->argv[1],
                           app_screen_name(r->app));
        return 0;
    }
    if (strcmp(verb, "expect-not") == 0) {
        if (need(l, 2, "expect-not TEXT") != 0)
            return -1;
        if (visible_text(r->ui, l->argv[1]))
            return err_set("'%s' is on the '%s' screen, but should not be", l->argv[1],
                           app_screen_name(r->app));
        return 0;
    }
    if (strcmp(verb, "expect-lang") == 0) {
        /* The visible words TEXT are marked as being in language LANG ("en": English in
         * place of a missing translation), or, for "-", in the UI's language. */
        if (need(l, 3, "expect-lang TEXT LANG") != 0)
            return -1;
        bool any = false;
        for (size_t i = 0; i < r->ui->nelements; i++) {
            const UiElement *e = &r->ui->elements[i];
            if (rect_empty(e->visible) || !(strstr(e->label, l->argv[1]) ||
                                            strcmp(e->id, l->argv[1]) == 0))
                continue;
            any = true;
            const char *want = strcmp(l->argv[2], "-") == 0 ? NULL : l->argv[2];
            if (want ? e->lang && strcmp(e->lang, want) == 0 : !e->lang)
                return 0;
        }
        if (!any)
            return err_set("expected '%s' on the '%s' screen, but it is not there", l->argv[1],
                           app_screen_name(r->app));
        return err_set("'%s' is on the '%s' screen, but not marked as language '%s'",
                       l->argv[1], app_screen_name(r->app), l->argv[2]);
    }
    if (strcmp(verb, "expect-screen") == 0) {
        if (need(l, 2, "expect-screen NAME") != 0)
            return -1;
        if (strcmp(app_screen_name(r->app), l->argv[1]) != 0)
            return err_set("expected the '%s' screen, but the '%s' screen is showing",
                           l->argv[1], app_screen_name(r->app));
        return 0;
    }
    if (strcmp(verb, "language") == 0) {
        /* This person's language, as the picker sets it: strings, direction, fonts,
         * keyboard letters, speech. */
        if (need(l, 2, "language CODE") != 0)
            return -1;
        app_set_language(r->app, l->argv[1]);
        runner_frame(r);
        settle(r);
        return 0;
    }
    if (strcmp(verb, "headset") == 0) {
        /* A headset plugged in or out (SDL cannot tell headless runs): read aloud may
         * then read personal answers, or must not. */
        if (need(l, 2, "headset on|off") != 0)
            return -1;
        bool on = strcmp(l->argv[1], "on") == 0;
        if (!on && strcmp(l->argv[1], "off") != 0)
            return err_set("headset takes on or off, not '%s'", l->argv[1]);
        r->app->read.headset = on;
        runner_frame(r);
        settle(r);
        return 0;
    }
    if (strcmp(verb, "wait-print") == 0) {
        if (need(l, 1, "wait-print") != 0)
            return -1;
        if (runner_wait_print(r, 15000) != 0)
            return err_set("the slip was still printing after 15 s");
        return 0;
    }
    if (strcmp(verb, "reload") == 0) {
        if (need(l, 1, "reload") != 0)
            return -1;
        runner_reload(r);
        settle(r);
        return 0;
    }
    return err_set("'%s' is not a command (tap, show, drag, type, osk, key, wait, shot, dump, expect, "
                   "expect-not, expect-lang, expect-screen, reload, touch, hold, language, headset, wait-print, tab-to, down-to, "
                   "up-to, expect-focus)", verb);
}

int script_run(Runner *r, const char *path, FILE *errout)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(errout, "%s: cannot read the script: %s\n", path, strerror(errno));
        return 2;
    }
    runner_frame(r);
    runner_present(r, true);
    char buf[SCRIPT_LINE_MAX];
    int lineno = 0, rc = 0;
    while (fgets(buf, sizeof buf, f)) {
        lineno++;
        if (!strchr(buf, '\n') && !feof(f)) {
            fprintf(errout, "%s:%d: line too long (at most %d bytes)\n", path, lineno,
                    SCRIPT_LINE_MAX - 2);
            rc = 1;
            break;
        }
        Line l;
        if (script_split(buf, &l) != 0) {
            fprintf(errout, "%s:%d: %s\n", path, lineno, err_msg());
            rc = 1;
            break;
        }
        if (l.argc == 0)
            continue;
        if (run_line(r, &l) != 0) {
            fprintf(errout, "%s:%d: %s\n", path, lineno, err_msg());
            rc = 1;
            break;
        }
    }
    fclose(f);
    return rc;
}
