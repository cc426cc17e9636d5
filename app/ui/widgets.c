/* widgets.c: buttons, switches, tabs, text fields and the QR view. Each widget keeps
 * behaviour (what the person did) apart from drawing (how it looks), as Nuklear does. */
#include "ui.h"

#include "i18n.h"
#include "ui_internal.h"
#include "utf8.h"

#include <string.h>

/* ==== behaviour ==== */

static Rect padded(const Ui *ui, Rect r)
{
    int p = ui->theme.touch_pad;
    return rect_make(r.x - p, r.y - p, r.w + 2 * p, r.h + 2 * p);
}

bool ui_press_behavior(Ui *ui, uint32_t id, Rect hit, bool *pressed)
{
    bool takes_input = ui->layer >= ui->modal_layer;
    Rect clip = ui_current_clip(ui);
    /* hit is the drawn rect padded by touch_pad (see padded()). A press on the drawn
     * rect claims it even if a neighbour drawn earlier claimed it through its padding
     * (touching buttons, list rows); a press on the padding only claims an unclaimed
     * press. */
    Rect drawn = rect_intersect(rect_inset(hit, ui->theme.touch_pad), clip);
    hit = rect_intersect(hit, clip);
    if (takes_input && ui->ev_pressed &&
        (rect_contains(drawn, ui->press_x, ui->press_y) ||
         (ui->active == 0 && rect_contains(hit, ui->press_x, ui->press_y))))
        ui->active = id;
    bool inside = rect_contains(hit, ui->px, ui->py);
    *pressed = ui->active == id && ui->down && inside && !ui->dragging;
    return takes_input && ui->ev_released && ui->active == id && inside && !ui->dragging;
}

/* ==== buttons ==== */

static void draw_centered(Ui *ui, Rect r, int font, Color c, const char *text)
{
    int lh = ui_line_height(ui, font);
    int tw = ui_text_width(ui, font, text);
    if (tw <= r.w) {
        ui_draw_text_line(ui, r.x + (r.w - tw) / 2, r.y + (r.h - lh) / 2, font, c, text,
                          strlen(text));
        return;
    }
    /* Too wide for one line: wrap, centred as a block. */
    int h = ui_text_height(ui, font, r.w, text);
    Ui *u = ui;
    size_t before = u->nelements;
    ui_text(u, "wrap", rect_make(r.x, r.y + (r.h - h) / 2, r.w, h), font, c,
            UI_ALIGN_CENTER, text);
    u->nelements = before; /* the button registers itself; drop the text element */
}

static void draw_chevron(Ui *ui, Rect r, Color c)
{
    /* A ">" made of two thick lines, vertically centred at the right. */
    int s = ui->theme.unit * 2, t = ui->theme.unit / 2 + 1;
    int cx = r.x + r.w - ui->theme.unit * 4, cy = r.y + r.h / 2;
    ui_line(ui, cx - s / 2, cy - s, cx + s / 2, cy, c, t);
    ui_line(ui, cx + s / 2, cy, cx - s / 2, cy + s, c, t);
}

bool ui_button(Ui *ui, const char *id, Rect r, UiButtonStyle style, const char *label,
               const char *detail)
{
    const Theme *t = &ui->theme;
    bool pressed;
    bool fired = ui_press_behavior(ui, ui_id(id), padded(ui, r), &pressed);
    ui_register(ui, id, style == UI_BUTTON_KEY ? "key" : "button", label, r, true);
    if (!ui_visible(ui, r))
        return fired;
    int u = t->unit;
    switch (style) {
    case UI_BUTTON_PRIMARY:
        ui_fill(ui, r, pressed ? t->primary_pressed : t->primary, t->radius);
        draw_centered(ui, rect_inset(r, u), FONT_LARGE_BOLD, t->primary_text, label);
        break;
    case UI_BUTTON_SECONDARY:
        ui_fill(ui, r, pressed ? t->surface_alt : t->surface, t->radius);
        ui_border(ui, r, t->primary, u / 2 + 1, t->radius);
        draw_centered(ui, rect_inset(r, u), FONT_BODY_BOLD, t->primary, label);
        break;
    case UI_BUTTON_HEADER:
        ui_fill(ui, r, pressed ? t->primary_pressed : t->header_bg, t->radius);
        ui_border(ui, r, t->header_text, u / 4 + 1, t->radius);
        draw_centered(ui, rect_inset(r, u), FONT_BODY_BOLD, t->header_text, label);
        break;
    case UI_BUTTON_KEY:
        ui_fill(ui, r, pressed ? t->primary : t->key_bg, t->radius / 2);
        ui_border(ui, r, t->border, 2, t->radius / 2);
        draw_centered(ui, r, FONT_LARGE, pressed ? t->primary_text : t->text, label);
        break;
    case UI_BUTTON_TILE: {
        ui_fill(ui, r, pressed ? t->surface_alt : t->surface, t->radius);
        ui_border(ui, r, t->primary, u / 2 + 1, t->radius);
        ui_fill(ui, rect_make(r.x, r.y, u * 2, r.h), t->primary, 0);
        Rect in = rect_make(r.x + u * 5, r.y + u * 2, r.w - u * 14, r.h - u * 4);
        /* Title size by tile height, so tiles side by side look alike. */
        int title_font = r.h >= t->min_target * 5 / 2 ? FONT_TITLE : FONT_LARGE_BOLD;
        int th = ui_text_height(ui, title_font, in.w, label);
        int dh = detail ? ui_text_height(ui, FONT_BODY, in.w, detail) : 0;
        int y = r.y + (r.h - th - dh - u) / 2;
        size_t before = ui->nelements;
        ui_push_clip(ui, rect_inset(r, u / 2 + 1));
        ui_text(ui, "tile-title", rect_make(in.x, y, in.w, th), title_font, t->primary,
                UI_ALIGN_LEFT, label);
        if (detail)
            ui_text(ui, "tile-detail", rect_make(in.x, y + th + u, in.w, dh), FONT_BODY,
                    t->text_muted, UI_ALIGN_LEFT, detail);
        ui_pop_clip(ui);
        ui->nelements = before;
        draw_chevron(ui, r, t->primary);
        break;
    }
    case UI_BUTTON_ROW: {
        ui_fill(ui, r, pressed ? t->surface_alt : t->surface, 0);
        ui_fill(ui, rect_make(r.x, r.y + r.h - 2, r.w, 2), t->border, 0);
        int lh1 = ui_line_height(ui, FONT_BODY_BOLD);
        int lh2 = detail ? ui_line_height(ui, FONT_SMALL) : 0;
        int y = r.y + (r.h - lh1 - lh2) / 2;
        ui_draw_text_line(ui, r.x + u * 3, y, FONT_BODY_BOLD, t->primary, label,
                          strlen(label));
        if (detail)
            ui_draw_text_line(ui, r.x + u * 3, y + lh1, FONT_SMALL, t->text_muted, detail,
                              strlen(detail));
        draw_chevron(ui, r, t->primary);
        break;
    }
    }
    return fired;
}

/* ==== switch and tab ==== */

/* Width left for a switch's label once the pill and the On/Off word are placed. */
static int switch_label_width(Ui *ui, int w)
{
    const Theme *t = &ui->theme;
    int sw = ui_text_width(ui, FONT_BODY_BOLD, tr(S_SWITCH_OFF));
    return w - t->unit * 12 - t->unit * 2 - sw - t->unit * 6 - t->unit * 3;
}

int ui_switch_height(Ui *ui, int w, const char *label)
{
    int h = ui_text_height(ui, FONT_BODY_BOLD, switch_label_width(ui, w), label) +
            ui->theme.unit * 3;
    return h > ui->theme.min_target ? h : ui->theme.min_target;
}

int ui_tab_height(Ui *ui, int w, const char *label)
{
    int h = ui_text_height(ui, FONT_BODY_BOLD, w - ui->theme.unit * 2, label) +
            ui->theme.unit * 3;
    return h > ui->theme.min_target ? h : ui->theme.min_target;
}

bool ui_switch(Ui *ui, const char *id, Rect r, const char *label, bool *on)
{
    const Theme *t = &ui->theme;
    bool pressed;
    bool fired = ui_press_behavior(ui, ui_id(id), padded(ui, r), &pressed);
    if (fired)
        *on = !*on;
    UiElement *e = ui_register(ui, id, "switch", label, r, true);
    if (e)
        e->checked = *on;
    int u = t->unit;
    ui_fill(ui, r, pressed ? t->surface_alt : t->surface, t->radius);
    ui_border(ui, r, *on ? t->switch_on : t->border, 3, t->radius);
    int pill_w = u * 12, pill_h = u * 6;
    Rect pill = rect_make(r.x + r.w - pill_w - u * 2, r.y + (r.h - pill_h) / 2, pill_w, pill_h);
    ui_fill(ui, pill, *on ? t->switch_on : t->switch_off, pill_h / 2);
    int knob = pill_h - u;
    Rect k = rect_make(*on ? pill.x + pill.w - knob - u / 2 : pill.x + u / 2,
                       pill.y + u / 2, knob, knob);
    ui_disc(ui, k, t->surface.r == 0 ? t->text : t->surface);
    const char *state = tr(*on ? S_SWITCH_ON : S_SWITCH_OFF);
    int sw = ui_text_width(ui, FONT_BODY_BOLD, state);
    int lh = ui_line_height(ui, FONT_BODY_BOLD);
    ui_draw_text_line(ui, pill.x - sw - u * 2, r.y + (r.h - lh) / 2, FONT_BODY_BOLD,
                      *on ? t->switch_on : t->text_muted, state, strlen(state));
    Rect lab = rect_make(r.x + u * 3, r.y, switch_label_width(ui, r.w), r.h);
    int h = ui_text_height(ui, FONT_BODY_BOLD, lab.w, label);
    size_t before = ui->nelements;
    ui_text(ui, "switch-label", rect_make(lab.x, r.y + (r.h - h) / 2, lab.w, h),
            FONT_BODY_BOLD, t->text, UI_ALIGN_LEFT, label);
    ui->nelements = before;
    return fired;
}

bool ui_tab(Ui *ui, const char *id, Rect r, const char *label, bool selected)
{
    const Theme *t = &ui->theme;
    bool pressed;
    bool fired = ui_press_behavior(ui, ui_id(id), padded(ui, r), &pressed);
    UiElement *e = ui_register(ui, id, "tab", label, r, true);
    if (e)
        e->checked = selected;
    Color bg = selected ? t->primary : (pressed ? t->surface_alt : t->surface);
    ui_fill(ui, r, bg, t->radius);
    if (!selected)
        ui_border(ui, r, t->primary, 3, t->radius);
    draw_centered(ui, rect_inset(r, t->unit), FONT_BODY_BOLD,
                  selected ? t->primary_text : t->primary, label);
    return fired;
}

/* ==== text field ==== */

void ui_text_backspace(StrBuf *text)
{
    if (text->len == 0)
        return;
    strbuf_truncate(text, utf8_prev(text->buf, text->len));
}

/* Appends typed UTF-8, dropping control characters and what would pass the limit. */
static bool insert_text(StrBuf *text, const char *in)
{
    bool changed = false;
    size_t len = strlen(in);
    for (size_t i = 0; i < len;) {
        size_t n;
        uint32_t cp = utf8_decode(in + i, len - i, &n);
        bool bad = cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) ||
                   (cp == 0xFFFD && n == 1);
        if (!bad) {
            /* Over the limit: stop, rather than let later characters in out of order. */
            if (strbuf_add(text, in + i, n) != 0)
                break;
            changed = true;
        }
        i += n;
    }
    return changed;
}

/* Editing behaviour and frame shared by fields and text areas: a tap focuses; typed
 * text and Backspace (and Return, when multiline) edit the focused one. Registers the
 * element and draws the box; returns whether the text changed. */
static bool edit_box(Ui *ui, const char *id, Rect r, StrBuf *text, bool multiline,
                     bool *focused_out)
{
    const Theme *t = &ui->theme;
    uint32_t h = ui_id(id);
    bool pressed;
    if (ui_press_behavior(ui, h, padded(ui, r), &pressed))
        ui->focus = h;
    bool focused = ui->focus == h;
    bool changed = false;
    if (focused && ui->layer >= ui->modal_layer) {
        if (ui->text_in[0])
            changed |= insert_text(text, ui->text_in);
        if (ui->key_in == UI_KEY_BACKSPACE && text->len) {
            ui_text_backspace(text);
            changed = true;
        }
        if (multiline && ui->key_in == UI_KEY_RETURN && strbuf_addc(text, '\n') == 0)
            changed = true;
    }
    UiElement *e = ui_register(ui, id, "field", text->len ? text->buf : "", r, true);
    if (e)
        e->checked = focused;
    int u = t->unit;
    ui_fill(ui, r, t->surface, t->radius / 2);
    ui_border(ui, r, focused ? t->text : t->border, focused ? u / 2 + 2 : 3, t->radius / 2);
    *focused_out = focused;
    return changed;
}

bool ui_field(Ui *ui, const char *id, Rect r, StrBuf *text, const char *placeholder)
{
    const Theme *t = &ui->theme;
    int u = t->unit;
    bool focused;
    bool changed = edit_box(ui, id, r, text, false, &focused);
    int lh = ui_line_height(ui, FONT_LARGE);
    int y = r.y + (r.h - lh) / 2;
    Rect inner = rect_inset(r, u * 2);
    ui_push_clip(ui, inner);
    if (text->len) {
        /* Keep the end of long text (where the caret is) in view. */
        int tw = ui_text_width(ui, FONT_LARGE, text->buf);
        int x = inner.x + (tw > inner.w - u ? inner.w - u - tw : 0);
        ui_draw_text_line(ui, x, y, FONT_LARGE, t->text, text->buf, text->len);
        if (focused)
            ui_fill(ui, rect_make(x + tw + 2, y + lh / 8, 3, lh * 3 / 4), t->text, 0);
    } else {
        if (placeholder)
            ui_draw_text_line(ui, inner.x + u, y, FONT_LARGE, t->text_muted, placeholder,
                              strlen(placeholder));
        if (focused)
            ui_fill(ui, rect_make(inner.x, y + lh / 8, 3, lh * 3 / 4), t->text, 0);
    }
    ui_pop_clip(ui);
    return changed;
}

bool ui_textarea(Ui *ui, const char *id, Rect r, StrBuf *text, const char *placeholder)
{
    const Theme *t = &ui->theme;
    int u = t->unit;
    bool focused;
    bool changed = edit_box(ui, id, r, text, true, &focused);
    Rect inner = rect_inset(r, u * 2);
    ui_push_clip(ui, inner);
    size_t before = ui->nelements;
    if (text->len) {
        int th = ui_text_height(ui, FONT_LARGE, inner.w, text->buf);
        int y = th > inner.h ? inner.y + inner.h - th : inner.y;
        ui_text(ui, "textarea-text", rect_make(inner.x, y, inner.w, th), FONT_LARGE, t->text,
                UI_ALIGN_LEFT, text->buf);
    } else if (placeholder) {
        ui_text(ui, "textarea-placeholder", inner, FONT_LARGE, t->text_muted, UI_ALIGN_LEFT,
                placeholder);
    }
    ui->nelements = before;
    ui_pop_clip(ui);
    return changed;
}

void ui_focus(Ui *ui, const char *id)
{
    ui->focus = id ? ui_id(id) : 0;
}

/* ==== QR ==== */

void ui_qr(Ui *ui, const char *id, Rect r, const QrMatrix *qr)
{
    if (!qr || qr->width == 0)
        return;
    int modules = qr->width + 8; /* 4-module quiet zone each side */
    int side = r.w < r.h ? r.w : r.h;
    int px = side / modules;
    if (px < 1)
        px = 1;
    int size = px * modules;
    Rect box = rect_make(r.x + (r.w - size) / 2, r.y + (r.h - size) / 2, size, size);
    ui_register(ui, id, "qr", qr->payload ? qr->payload : "", box, false);
    if (!ui_visible(ui, box))
        return;
    DrawCmd *d = drawlist_push(&ui->draw, DRAW_QR);
    if (d) {
        d->rect = box;
        d->qr = qr;
        d->thickness = px;
    }
}
