/* keys.c: keyboard and keypad use of the UI (see "keyboard focus" in ui.h): the
 * focus moves through the accessibility tree's focus order, Return activates the
 * focused control, a scroll region follows the focus, an overlay keeps the focus
 * inside it, and a two-tone ring (a band of theme.focus between two of
 * theme.focus_edge) shows where the focus is once a key has been used. */
#include "ui.h"

#include "ui_internal.h"

#include <string.h>

void ui_focus_start(Ui *ui, const char *id)
{
    ui->nav_start = id ? ui_id(id) : 0;
}

void ui_focus_restart(Ui *ui)
{
    ui->nav = 0;
    ui->nav_saved = 0;
}

uint32_t ui_focus_nav(const Ui *ui)
{
    return ui->nav;
}

void ui_focus_set_nav(Ui *ui, uint32_t nav)
{
    ui->nav = nav;
    ui->nav_saved = 0;
}

UiKey ui_key(const Ui *ui)
{
    return ui->key_in;
}

bool ui_key_activates(const Ui *ui, uint32_t id)
{
    return ui->key_in == UI_KEY_RETURN && !ui->key_reveal && ui->nav != 0 && ui->nav == id;
}

static bool focusable(const UiElement *e)
{
    return e->focus_order >= 0;
}

/* Index of the focusable element with id hash h, or -1. */
static int find_focusable(const Ui *ui, uint32_t h)
{
    if (h == 0)
        return -1;
    for (size_t i = 0; i < ui->nelements; i++)
        if (focusable(&ui->elements[i]) && ui_id(ui->elements[i].id) == h)
            return (int)i;
    return -1;
}

/* True when element i is the group `g` or inside it. */
static bool inside_group(const Ui *ui, int i, int g)
{
    for (int k = i, depth = 0; k >= 0 && depth < 64; k = ui->elements[k].parent, depth++)
        if (k == g)
            return true;
    return false;
}

/* Where focus starts: the text field being typed in, else the first control in the
 * element or group named by ui_focus_start, else the first control. */
static int initial_focus(const Ui *ui)
{
    int i = find_focusable(ui, ui->focus);
    if (i >= 0)
        return i;
    int g = -1;
    for (size_t k = 0; ui->nav_start && k < ui->nelements; k++)
        if (!ui->elements[k].hidden && ui_id(ui->elements[k].id) == ui->nav_start) {
            g = (int)k;
            break;
        }
    /* One in view: focus never starts by scrolling away from the top of a page. */
    for (size_t k = 0; g >= 0 && k < ui->nelements; k++)
        if (focusable(&ui->elements[k]) && !rect_empty(ui->elements[k].visible) &&
            inside_group(ui, (int)k, g))
            return (int)k;
    int any = -1;
    for (size_t k = 0; k < ui->nelements; k++)
        if (focusable(&ui->elements[k])) {
            if (!rect_empty(ui->elements[k].visible))
                return (int)k;
            if (any < 0)
                any = (int)k;
        }
    return any;
}

/* The next (dir 1) or previous (dir -1) focusable element after i, wrapping round. */
static int step_focus(const Ui *ui, int i, int dir)
{
    int n = (int)ui->nelements;
    for (int k = 1; k <= n; k++) {
        int j = ((i + dir * k) % n + n) % n;
        if (focusable(&ui->elements[j]))
            return j;
    }
    return i;
}

/* The offset nearest the current one that shows e (with margin) in s's view; unclamped.
 * In content coordinates: e->rect.y is where it is drawn at the current offset. */
static int offset_showing(const UiScrollState *s, const UiElement *e, int margin)
{
    int top = e->rect.y - s->view.y + s->offset - margin;
    int bottom = top + e->rect.h + 2 * margin;
    int off = s->offset;
    if (bottom > off + s->view_h)
        off = bottom - s->view_h;
    if (top < off)
        off = top;
    return off;
}

/* Scrolls e's region so e (with room for the ring) is wholly in view. */
static void scroll_to_element(Ui *ui, const UiElement *e, int margin)
{
    if (e->scroll < 0 || e->scroll >= UI_MAX_SCROLLS)
        return;
    UiScrollState *s = &ui->scrolls[e->scroll];
    int off = offset_showing(s, e, margin);
    int max = s->content_h - s->view_h;
    if (off > max)
        off = max;
    if (off < 0)
        off = 0;
    if (off != s->offset) {
        s->offset = off;
        ui->want_frame = true;
    }
}

/* The arrows never skip what a person has not seen: when Up or Down would leave a scroll
 * region that has more to show that way, or jump further in it than most of a view
 * (past a long stretch of text), the region scrolls by most of a view instead and the
 * focus stays. Returns whether it scrolled. A page of text with no control in it is
 * read this way too: its region lies between two stops in the focus order. */
static bool arrow_scrolls(Ui *ui, int cur, int nxt, int dir, int margin)
{
    int n = (int)ui->nelements, sc = -1;
    if (ui->elements[cur].scroll >= 0)
        sc = ui->elements[cur].scroll;
    for (int k = ((cur + dir) % n + n) % n; sc < 0 && k != nxt; k = ((k + dir) % n + n) % n)
        if (ui->elements[k].scroll >= 0 && !ui->elements[k].hidden)
            sc = ui->elements[k].scroll;
    if (sc < 0 || sc >= UI_MAX_SCROLLS)
        return false;
    UiScrollState *s = &ui->scrolls[sc];
    int max = s->content_h - s->view_h;
    if (max <= 0 || (dir > 0 && s->offset >= max) || (dir < 0 && s->offset <= 0))
        return false;
    int step = s->view_h * 3 / 4 > 1 ? s->view_h * 3 / 4 : 1;
    const UiElement *e = &ui->elements[nxt];
    if (e->scroll == sc) {
        int want = offset_showing(s, e, margin);
        if ((dir > 0 && want - s->offset <= step) || (dir < 0 && s->offset - want <= step))
            return false;
    }
    int off = s->offset + dir * step;
    s->offset = off < 0 ? 0 : off > max ? max : off;
    ui->want_frame = true;
    return true;
}

static int ring_width(const Ui *ui)
{
    int edge = ui->theme.unit / 4 > 2 ? ui->theme.unit / 4 : 2;
    int band = ui->theme.unit / 2 > 3 ? ui->theme.unit / 2 : 3;
    return 2 * edge + band;
}

/* The ring around e, outside it, kept inside its scroll region or the screen (a side
 * that would be cut is drawn over the control's edge instead). */
static void draw_ring(Ui *ui, const UiElement *e)
{
    const Theme *t = &ui->theme;
    int w = ring_width(ui);
    int edge = ui->theme.unit / 4 > 2 ? ui->theme.unit / 4 : 2;
    Rect limit = rect_make(0, 0, ui->width, ui->height);
    if (e->scroll >= 0 && e->scroll < UI_MAX_SCROLLS)
        limit = rect_intersect(limit, ui->scrolls[e->scroll].view);
    Rect r = rect_intersect(rect_make(e->rect.x - w, e->rect.y - w, e->rect.w + 2 * w,
                                      e->rect.h + 2 * w),
                            limit);
    if (r.w < 3 * w || r.h < 3 * w)
        return;
    ui->ring = r;
    ui->ring_w = w;
    DrawCmd *c = drawlist_push(&ui->draw, DRAW_CLIP); /* no clip: the ring is on top */
    if (c)
        c->rect = rect_make(0, 0, 0, 0);
    int radius = t->radius + w;
    ui_border(ui, r, t->focus_edge, w, radius);
    ui_border(ui, rect_inset(r, edge), t->focus, w - 2 * edge, radius - edge);
}

void ui_keys_end_frame(Ui *ui)
{
    ui->ring = rect_make(0, 0, 0, 0);
    ui->ring_w = 0;
    for (size_t i = 0; i < ui->nelements; i++)
        ui->elements[i].focused = false;
    int cur = find_focusable(ui, ui->nav);
    bool moved = false;
    if (cur < 0) {
        /* Lost: under an overlay (keep it for later), back from one, or a new screen. */
        int under = -1;
        for (size_t i = 0; ui->nav && i < ui->nelements; i++)
            if (ui->elements[i].hidden && ui_id(ui->elements[i].id) == ui->nav)
                under = (int)i;
        if (under >= 0)
            ui->nav_saved = ui->nav;
        int saved = under < 0 ? find_focusable(ui, ui->nav_saved) : -1;
        cur = saved >= 0 ? saved : initial_focus(ui);
        if (saved >= 0)
            ui->nav_saved = 0;
        moved = true;
    }
    /* Typing goes to the text field: the focus goes there too. */
    if (ui->text_in[0] && ui->focus) {
        int f = find_focusable(ui, ui->focus);
        if (f >= 0)
            cur = f;
    }
    UiKey k = ui->key_in;
    if (cur >= 0 && !ui->key_reveal) {
        int dir = 0;
        if (k == UI_KEY_TAB || k == UI_KEY_DOWN)
            dir = 1;
        else if (k == UI_KEY_BACKTAB || k == UI_KEY_UP)
            dir = -1;
        else if (k == UI_KEY_RIGHT || k == UI_KEY_LEFT)
            dir = (k == UI_KEY_RIGHT) != ui->rtl ? 1 : -1;
        if (dir) {
            int nxt = step_focus(ui, cur, dir);
            bool arrow = k == UI_KEY_DOWN || k == UI_KEY_UP;
            if (!arrow || !arrow_scrolls(ui, cur, nxt, dir, ring_width(ui))) {
                cur = nxt;
                moved = true;
            }
        }
    }
    if (cur < 0) {
        ui->nav = 0;
        return;
    }
    UiElement *e = &ui->elements[cur];
    ui->nav = ui_id(e->id);
    e->focused = true;
    /* A text field that gets the focus by key is the one typed into. */
    if (moved && k != UI_KEY_NONE && strcmp(e->role, "field") == 0 && ui->focus != ui->nav) {
        ui->focus = ui->nav;
        ui->want_frame = true;
    }
    if ((moved || ui->key_reveal) && ui->nav_shown)
        scroll_to_element(ui, e, ring_width(ui));
    if (ui->nav_shown && !rect_empty(e->visible))
        draw_ring(ui, e);
}
