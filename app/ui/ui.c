/* ui.c: the Ui context: input events, frames, elements, clipping and scroll regions
 * (see ui.h). Widgets live in widgets.c and keyboard.c, text layout in text.c. */
#include "ui.h"

#include "textrun.h"
#include "ui_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void ui_init(Ui *ui, const UiMeasure *m)
{
    memset(ui, 0, sizeof *ui);
    ui->measure = *m;
    drawlist_init(&ui->draw);
    arena_init(&ui->frame);
    ui->frame.wipe = true; /* frame strings include what people type */
    ui->cur_scroll = -1;
    theme_init(&ui->theme, 1920, 1080, 1.0, false, 4.0);
    snprintf(ui->language, sizeof ui->language, "en");
}

void ui_release(Ui *ui)
{
    drawlist_release(&ui->draw);
    arena_release(&ui->frame);
    free(ui->elements);
    ui->elements = NULL;
    ui->nelements = ui->elements_cap = 0;
}

void ui_reset_state(Ui *ui)
{
    ui->active = 0;
    ui->scroll_candidate = 0;
    ui->dragging = false;
    ui->focus = 0;
    memset(ui->scrolls, 0, sizeof ui->scrolls);
    ui->modal_layer = 0;
    ui->press_layer = 0;
    ui->overlay_was_up = false;
    ui->kbd_shift = false;
    ui->kbd_caps = false;
    ui->kbd_layer = ui_keyboard_first_layer(ui);
    ui->kbd_mode = 0;
    ui->nav = ui->nav_saved = 0;
    ui->nav_shown = false;
}

void ui_set_personal(Ui *ui, bool on)
{
    ui->personal = on;
}

void ui_set_text_lang(Ui *ui, const char *bcp47)
{
    ui->text_lang = bcp47 && *bcp47 && strcmp(bcp47, ui->language) != 0 ? bcp47 : NULL;
}

void ui_set_rtl(Ui *ui, bool rtl)
{
    ui->rtl = rtl;
}

void ui_set_language(Ui *ui, const char *bcp47)
{
    if (!bcp47 || !bcp47[0])
        bcp47 = "en";
    snprintf(ui->language, sizeof ui->language, "%s", bcp47);
    ui->rtl = textrun_language_rtl(bcp47);
    ui->kbd_layer = ui_keyboard_first_layer(ui);
    ui->kbd_shift = ui->kbd_caps = false;
    if (ui->measure.set_language)
        ui->measure.set_language(ui->measure.user, bcp47);
}

UiKey ui_key_parse(const char *name)
{
    static const struct { const char *name; UiKey key; } keys[] = {
        {"return", UI_KEY_RETURN}, {"enter", UI_KEY_RETURN},
        {"backspace", UI_KEY_BACKSPACE}, {"tab", UI_KEY_TAB},
        {"escape", UI_KEY_ESCAPE}, {"esc", UI_KEY_ESCAPE}, {"left", UI_KEY_LEFT},
        {"right", UI_KEY_RIGHT}, {"up", UI_KEY_UP}, {"down", UI_KEY_DOWN},
        {"shift+tab", UI_KEY_BACKTAB}, {"backtab", UI_KEY_BACKTAB}, {"help", UI_KEY_HELP},
        {"f1", UI_KEY_HELP},
    };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (strcasecmp(name, keys[i].name) == 0)
            return keys[i].key;
    return UI_KEY_NONE;
}

/* ==== input ==== */

void ui_input_pointer_down(Ui *ui, int x, int y)
{
    ui->px = ui->press_x = x;
    ui->py = ui->press_y = y;
    ui->down = true;
    ui->ev_pressed = true;
    ui->nav_shown = false; /* touch users do not see the focus ring */
    ui->dragging = false;
    ui->scroll_candidate = 0;
    /* A press that starts while an overlay is up is the overlay's alone. */
    ui->press_layer = ui->overlay_was_up ? 1 : 0;
}

void ui_input_pointer_move(Ui *ui, int x, int y)
{
    ui->px = x;
    ui->py = y;
    ui->ev_moved = true;
}

void ui_input_pointer_up(Ui *ui, int x, int y)
{
    ui->px = x;
    ui->py = y;
    ui->down = false;
    ui->ev_released = true;
}

void ui_input_text(Ui *ui, const char *utf8)
{
    size_t have = strlen(ui->text_in), add = strlen(utf8);
    if (have + add + 1 > sizeof ui->text_in)
        add = sizeof ui->text_in - have - 1;
    memcpy(ui->text_in + have, utf8, add);
    ui->text_in[have + add] = '\0';
}

void ui_input_key(Ui *ui, UiKey key)
{
    ui->key_in = key;
    /* The first moving key after a touch only shows where the focus is; so does Return,
     * unless it goes to the text field being typed in. */
    bool moves = key == UI_KEY_TAB || key == UI_KEY_BACKTAB || key == UI_KEY_UP ||
                 key == UI_KEY_DOWN || key == UI_KEY_LEFT || key == UI_KEY_RIGHT;
    bool to_field = key == UI_KEY_RETURN && ui->focus != 0 && ui->focus == ui->nav;
    ui->key_reveal = !ui->nav_shown && (moves || (key == UI_KEY_RETURN && !to_field));
    if (moves || key == UI_KEY_RETURN)
        ui->nav_shown = true;
}

/* ==== frame ==== */

void ui_begin(Ui *ui, int width, int height)
{
    ui->width = width;
    ui->height = height;
    drawlist_clear(&ui->draw);
    arena_reset(&ui->frame);
    ui->nelements = 0;
    ui->personal = false;
    ui->text_lang = NULL;
    ui->nclip = 0;
    ui->cur_scroll = -1;
    ui->layer = 0;
    ui->want_frame = false;
    ui->ngroups = 0;
    ui->overlay_drawn = false;
    ui->overlay_depth = 0;
    ui->nav_start = 0;
    /* An overlay drawn last frame keeps everything under it deaf this frame. */
    if (ui->overlay_was_up && ui->modal_layer < 1)
        ui->modal_layer = 1;
    for (int i = 0; i < UI_MAX_SCROLLS; i++)
        ui->scrolls[i].used = false;
    /* A press that moved beyond the slop inside a scroll region becomes a drag. */
    if (ui->down && ui->scroll_candidate && !ui->dragging) {
        int dy = ui->py - ui->press_y, dx = ui->px - ui->press_x;
        if (abs(dy) > ui->theme.drag_slop || abs(dx) > ui->theme.drag_slop * 3) {
            ui->dragging = true;
            ui->active = 0;
        }
    }
}

/* Reading and focus order, and text cut off by a clip that is not a scroll region
 * (the person could not scroll to see it). */
static void finish_tree(Ui *ui)
{
    int order = 0, focus = 0;
    for (size_t i = 0; i < ui->nelements; i++) {
        UiElement *e = &ui->elements[i];
        bool shown = !rect_empty(e->visible);
        e->order = shown ? order++ : -1;
        /* A control scrolled out of view can still be reached: focus scrolls to it. */
        bool reachable = shown || (e->scroll >= 0 && !e->hidden);
        e->focus_order = reachable && e->interactive && !e->disabled ? focus++ : -1;
        bool is_text = strcmp(e->role, "text") == 0 || strcmp(e->role, "heading") == 0;
        if (is_text && shown && e->scroll < 0 &&
            (e->visible.w < e->rect.w || e->visible.h < e->rect.h))
            e->clipped = true;
    }
}

void ui_end(Ui *ui)
{
    finish_tree(ui);
    ui_keys_end_frame(ui);
    ui->overlay_was_up = ui->overlay_drawn;
    if (!ui->overlay_drawn)
        ui->modal_layer = 0;
    /* Scroll positions outlive the frame so Back returns to the same place in a list;
     * screens reset theirs on enter, and ui_reset_state() forgets them all. */
    ui->had_input = ui->ev_pressed || ui->ev_released || ui->ev_moved || ui->text_in[0] ||
                    ui->key_in != UI_KEY_NONE;
    if (ui->ev_released) {
        ui->active = 0;
        ui->scroll_candidate = 0;
        ui->dragging = false;
    }
    ui->ev_pressed = ui->ev_released = ui->ev_moved = false;
    ui->text_in[0] = '\0';
    ui->key_in = UI_KEY_NONE;
    ui->key_reveal = false;
}

/* ==== ids and elements ==== */

uint32_t ui_id(const char *id)
{
    uint32_t h = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)id; *p; p++) {
        h ^= *p;
        h *= 16777619u;
    }
    return h ? h : 1;
}

UiElement *ui_register(Ui *ui, const char *id, const char *role, const char *label,
                       Rect r, bool interactive)
{
    if (mem_grow((void **)&ui->elements, &ui->elements_cap, ui->nelements + 1,
                 sizeof(UiElement)) != 0)
        return NULL;
    UiElement *e = &ui->elements[ui->nelements++];
    memset(e, 0, sizeof *e);
    e->id = arena_strdup(&ui->frame, id);
    e->role = role;
    e->label = arena_strdup(&ui->frame, label ? label : "");
    e->rect = r;
    e->visible = rect_intersect(r, ui_current_clip(ui));
    e->scroll = ui->cur_scroll;
    e->parent = ui->ngroups > 0 ? ui->groups[ui->ngroups - 1] : -1;
    e->order = e->focus_order = -1;
    e->interactive = interactive;
    e->focused = interactive && ui->focus != 0 && ui->focus == ui_id(id);
    e->personal = ui->personal;
    e->lang = ui->text_lang;
    if (!e->id || !e->label) {
        ui->nelements--;
        return NULL;
    }
    return e;
}

void ui_occlude_all(Ui *ui)
{
    for (size_t i = 0; i < ui->nelements; i++) {
        ui->elements[i].visible = rect_make(0, 0, 0, 0);
        ui->elements[i].hidden = true;
    }
}

int ui_group_begin(Ui *ui, const char *id, const char *role, const char *name, Rect r)
{
    UiElement *e = ui_register(ui, id, role, name, r, false);
    int idx = e ? (int)(e - ui->elements) : -1;
    if (ui->ngroups < UI_GROUP_DEPTH)
        ui->groups[ui->ngroups++] = idx;
    return idx;
}

void ui_group_end(Ui *ui, int group, Rect r)
{
    if (ui->ngroups > 0)
        ui->ngroups--;
    if (group < 0 || (size_t)group >= ui->nelements)
        return;
    UiElement *e = &ui->elements[group];
    e->rect = r;
    if (!rect_empty(e->visible) || e->rect.h > 0)
        e->visible = rect_intersect(r, ui_current_clip(ui));
}

const UiElement *ui_find_element(const Ui *ui, const char *target)
{
    for (size_t i = 0; i < ui->nelements; i++)
        if (strcmp(ui->elements[i].id, target) == 0)
            return &ui->elements[i];
    /* Prefer an interactive element when labels repeat (a heading and its button). */
    const UiElement *any = NULL;
    for (size_t i = 0; i < ui->nelements; i++) {
        if (strcmp(ui->elements[i].label, target) == 0) {
            if (ui->elements[i].interactive)
                return &ui->elements[i];
            if (!any)
                any = &ui->elements[i];
        }
    }
    return any;
}

/* ==== clipping ==== */

Rect ui_current_clip(const Ui *ui)
{
    if (ui->nclip == 0)
        return rect_make(0, 0, ui->width, ui->height);
    return ui->clip[ui->nclip - 1];
}

static void emit_clip(Ui *ui)
{
    DrawCmd *c = drawlist_push(&ui->draw, DRAW_CLIP);
    if (c && ui->nclip > 0)
        c->rect = ui->clip[ui->nclip - 1];
}

void ui_push_clip(Ui *ui, Rect r)
{
    if (ui->nclip >= UI_CLIP_DEPTH)
        return;
    ui->clip[ui->nclip] = rect_intersect(r, ui_current_clip(ui));
    ui->nclip++;
    emit_clip(ui);
}

void ui_pop_clip(Ui *ui)
{
    if (ui->nclip > 0)
        ui->nclip--;
    emit_clip(ui);
}

bool ui_visible(const Ui *ui, Rect r)
{
    return !rect_empty(rect_intersect(r, ui_current_clip(ui)));
}

/* ==== scrolling ==== */

UiScrollState *ui_scroll_state(Ui *ui, const char *id)
{
    uint32_t h = ui_id(id);
    int free_slot = -1;
    for (int i = 0; i < UI_MAX_SCROLLS; i++) {
        if (ui->scrolls[i].id == h)
            return &ui->scrolls[i];
        if (ui->scrolls[i].id == 0 && free_slot < 0)
            free_slot = i;
    }
    if (free_slot < 0) {
        /* All slots taken: reuse one not drawn this frame. */
        for (int i = 0; i < UI_MAX_SCROLLS && free_slot < 0; i++)
            if (!ui->scrolls[i].used)
                free_slot = i;
        if (free_slot < 0)
            return NULL;
    }
    UiScrollState *s = &ui->scrolls[free_slot];
    memset(s, 0, sizeof *s);
    s->id = h;
    strncpy(s->name, id, sizeof s->name - 1);
    return s;
}

static void clamp_offset(UiScrollState *s)
{
    int max = s->content_h - s->view_h;
    if (max < 0)
        max = 0;
    if (s->offset > max)
        s->offset = max;
    if (s->offset < 0)
        s->offset = 0;
}

int ui_scroll_begin(Ui *ui, const char *id, Rect view)
{
    UiScrollState *s = ui_scroll_state(ui, id);
    if (!s)
        return view.y;
    s->used = true;
    s->view = view;
    s->view_h = view.h;
    bool takes_input = ui->layer >= ui->modal_layer && ui->layer >= ui->press_layer;
    if (takes_input && ui->ev_pressed && rect_contains(view, ui->press_x, ui->press_y) &&
        rect_contains(ui_current_clip(ui), ui->press_x, ui->press_y)) {
        ui->scroll_candidate = s->id;
        ui->scroll_start_offset = s->offset;
    }
    if (ui->dragging && ui->scroll_candidate == s->id) {
        s->offset = ui->scroll_start_offset - (ui->py - ui->press_y);
        clamp_offset(s);
    }
    ui->cur_scroll = (int)(s - ui->scrolls);
    ui_push_clip(ui, view);
    ui->scroll_base_y = view.y - s->offset;
    return ui->scroll_base_y;
}

void ui_scroll_end(Ui *ui, int content_h)
{
    if (ui->cur_scroll < 0)
        return;
    UiScrollState *s = &ui->scrolls[ui->cur_scroll];
    s->content_h = content_h;
    clamp_offset(s);
    ui_pop_clip(ui);
    ui->cur_scroll = -1;
    /* Scroll bar: shows there is more, and where the person is in the list. */
    if (content_h > s->view_h && s->view_h > 0) {
        int bar_w = ui->theme.unit;
        int track_h = s->view.h;
        int thumb_h = (int)((long long)track_h * s->view_h / content_h);
        if (thumb_h < ui->theme.unit * 6)
            thumb_h = ui->theme.unit * 6;
        int range = content_h - s->view_h;
        int thumb_y = s->view.y + (int)((long long)(track_h - thumb_h) * s->offset / range);
        int track_x = ui->rtl ? s->view.x : s->view.x + s->view.w - bar_w; /* end side */
        Rect track = {track_x, s->view.y, bar_w, track_h};
        ui_fill(ui, track, ui->theme.surface_alt, bar_w / 2);
        ui_fill(ui, rect_make(track.x, thumb_y, bar_w, thumb_h), ui->theme.text_muted,
                bar_w / 2);
    }
}

void ui_scroll_to(Ui *ui, const char *id, int offset)
{
    UiScrollState *s = ui_scroll_state(ui, id);
    if (!s)
        return;
    s->offset = offset;
    clamp_offset(s);
}

/* ==== primitives ==== */

void ui_fill(Ui *ui, Rect r, Color c, int radius)
{
    if (!ui_visible(ui, r))
        return;
    DrawCmd *d = drawlist_push(&ui->draw, DRAW_FILL);
    if (d) {
        d->rect = r;
        d->color = c;
        d->radius = radius;
    }
}

void ui_border(Ui *ui, Rect r, Color c, int thickness, int radius)
{
    if (!ui_visible(ui, r))
        return;
    DrawCmd *d = drawlist_push(&ui->draw, DRAW_BORDER);
    if (d) {
        d->rect = r;
        d->color = c;
        d->thickness = thickness;
        d->radius = radius;
    }
}

void ui_line(Ui *ui, int x1, int y1, int x2, int y2, Color c, int thickness)
{
    DrawCmd *d = drawlist_push(&ui->draw, DRAW_LINE);
    if (d) {
        d->x1 = x1;
        d->y1 = y1;
        d->x2 = x2;
        d->y2 = y2;
        d->color = c;
        d->thickness = thickness;
    }
}

void ui_disc(Ui *ui, Rect r, Color c)
{
    if (!ui_visible(ui, r))
        return;
    DrawCmd *d = drawlist_push(&ui->draw, DRAW_DISC);
    if (d) {
        d->rect = r;
        d->color = c;
    }
}
