/* widgets.c: buttons, switches, tabs, text fields and the QR view. Each widget keeps
 * behaviour (what the person did) apart from drawing (how it looks), as Nuklear does. */
#include "ui.h"

#include "i18n.h"
#include "textrun.h"
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
    bool may_claim = takes_input && ui->layer >= ui->press_layer;
    Rect clip = ui_current_clip(ui);
    /* hit is the drawn rect padded by touch_pad (see padded()). A press on the drawn
     * rect claims it even if a neighbour drawn earlier claimed it through its padding
     * (touching buttons, list rows); a press on the padding only claims an unclaimed
     * press. */
    Rect drawn = rect_intersect(rect_inset(hit, ui->theme.touch_pad), clip);
    hit = rect_intersect(hit, clip);
    if (may_claim && ui->ev_pressed &&
        (rect_contains(drawn, ui->press_x, ui->press_y) ||
         (ui->active == 0 && rect_contains(hit, ui->press_x, ui->press_y))))
        ui->active = id;
    bool inside = rect_contains(hit, ui->px, ui->py);
    *pressed = ui->active == id && ui->down && inside && !ui->dragging;
    bool tapped = takes_input && ui->ev_released && ui->active == id && inside && !ui->dragging;
    if (tapped)
        ui->nav = id; /* keys go on from what was last touched */
    return tapped || (takes_input && ui_key_activates(ui, id));
}

/* ==== buttons ==== */

/* How each style sets out its words: font, padding, and room kept for the chevron. */
typedef struct ButtonLook {
    int font, detail_font;
    int pad_x, pad_y; /* around the words */
    int start, end;   /* extra room at the start (accent bar) and end (chevron) */
} ButtonLook;

static ButtonLook button_look(const Ui *ui, UiButtonStyle style, int w)
{
    const Theme *t = &ui->theme;
    int u = t->unit;
    ButtonLook k = {FONT_BODY_BOLD, FONT_SMALL, u * 2, u, 0, 0};
    switch (style) {
    case UI_BUTTON_PRIMARY: k.font = FONT_LARGE_BOLD; k.pad_x = u * 3; break;
    case UI_BUTTON_SECONDARY:
    case UI_BUTTON_HEADER: break;
    case UI_BUTTON_KEY: k.font = FONT_LARGE; k.pad_x = u / 2; k.pad_y = 0; break;
    case UI_BUTTON_TILE:
        (void)w;
        k.font = FONT_LARGE_BOLD;
        k.detail_font = FONT_BODY;
        k.pad_x = u * 2;
        k.pad_y = u * 3 / 2;
        k.start = u * 3;
        k.end = u * 7;
        break;
    case UI_BUTTON_ROW:
        k.pad_x = u * 3;
        k.pad_y = u * 2;
        k.end = u * 6;
        break;
    }
    return k;
}

static int words_width(const ButtonLook *k, int w)
{
    int ww = w - 2 * k->pad_x - k->start - k->end;
    return ww > 1 ? ww : 1;
}

int ui_button_height(Ui *ui, UiButtonStyle style, int w, const char *label, const char *detail)
{
    ButtonLook k = button_look(ui, style, w);
    int ww = words_width(&k, w);
    int h = ui_text_height(ui, k.font, ww, label) + 2 * k.pad_y;
    if (detail && *detail)
        h += ui_text_height(ui, k.detail_font, ww, detail) + (style == UI_BUTTON_TILE ? ui->theme.unit : 0);
    return h > ui->theme.min_target ? h : ui->theme.min_target;
}

int ui_button_width(Ui *ui, UiButtonStyle style, const char *label)
{
    ButtonLook k = button_look(ui, style, 0);
    int w = ui_text_width(ui, k.font, label) + 2 * k.pad_x + k.start + k.end + 2;
    return w > ui->theme.min_target ? w : ui->theme.min_target;
}

/* Words centred in r, wrapped when they do not fit one line. Returns false when they
 * do not fit r at all (the caller marks its element clipped). */
static bool draw_centered(Ui *ui, Rect r, int font, Color c, const char *text)
{
    int lh = ui_line_height(ui, font);
    int tw = ui_text_width(ui, font, text);
    if (tw <= r.w) {
        ui_draw_text_line(ui, r.x + (r.w - tw) / 2, r.y + (r.h - lh) / 2, font, c, text,
                          strlen(text));
        return lh <= r.h;
    }
    int h = ui_text_height(ui, font, r.w, text);
    size_t before = ui->nelements;
    ui_text(ui, "wrap", rect_make(r.x, r.y + (r.h - h) / 2, r.w, h), font, c,
            UI_ALIGN_CENTER, text);
    ui->nelements = before; /* the button registers itself; drop the text element */
    return h <= r.h;
}

/* A chevron at the end side: ">" left to right, "<" right to left. */
static void draw_chevron(Ui *ui, Rect r, Color c)
{
    int s = ui->theme.unit * 2, t = ui->theme.unit / 2 + 1;
    int cy = r.y + r.h / 2;
    if (!ui->rtl) {
        int cx = r.x + r.w - ui->theme.unit * 4;
        ui_line(ui, cx - s / 2, cy - s, cx + s / 2, cy, c, t);
        ui_line(ui, cx + s / 2, cy, cx - s / 2, cy + s, c, t);
    } else {
        int cx = r.x + ui->theme.unit * 4;
        ui_line(ui, cx + s / 2, cy - s, cx - s / 2, cy, c, t);
        ui_line(ui, cx - s / 2, cy, cx + s / 2, cy + s, c, t);
    }
}

/* Title and detail stacked at the start side of a tile or list row. */
static bool draw_stacked(Ui *ui, Rect r, const ButtonLook *k, Color title_c, Color detail_c,
                         const char *label, const char *detail, int icon_w)
{
    int ww = words_width(k, r.w) - icon_w;
    int th = ui_text_height(ui, k->font, ww, label);
    int gap = detail && *detail && k->detail_font == FONT_BODY ? ui->theme.unit : 0;
    int dh = detail && *detail ? ui_text_height(ui, k->detail_font, ww, detail) : 0;
    int x = ui->rtl ? r.x + k->pad_x + k->end : r.x + k->pad_x + k->start + icon_w;
    int y = r.y + (r.h - th - gap - dh) / 2;
    size_t before = ui->nelements;
    ui_text(ui, "label", rect_make(x, y, ww, th), k->font, title_c, UI_ALIGN_LEFT, label);
    if (dh)
        ui_text(ui, "detail", rect_make(x, y + th + gap, ww, dh), k->detail_font, detail_c,
                UI_ALIGN_LEFT, detail);
    ui->nelements = before;
    return th + gap + dh + 2 * k->pad_y <= r.h;
}

static bool button_draw(Ui *ui, Rect r, UiButtonStyle style, const char *label,
                        const char *detail, const char *icon, bool pressed)
{
    const Theme *t = &ui->theme;
    int u = t->unit;
    ButtonLook k = button_look(ui, style, r.w);
    Rect words = rect_make(r.x + k.pad_x, r.y + k.pad_y, r.w - 2 * k.pad_x, r.h - 2 * k.pad_y);
    switch (style) {
    case UI_BUTTON_PRIMARY:
        ui_fill(ui, r, pressed ? t->primary_pressed : t->primary, t->radius);
        return draw_centered(ui, words, k.font, t->primary_text, label);
    case UI_BUTTON_SECONDARY:
        ui_fill(ui, r, pressed ? t->surface_alt : t->surface, t->radius);
        ui_border(ui, r, t->primary, u / 2 + 1, t->radius);
        if (icon) { /* the pictogram at the start, the words centred in what is left */
            int side = ui_line_height(ui, k.font);
            int ix = ui->rtl ? words.x + words.w - side : words.x;
            ui_image(ui, NULL, rect_make(ix, r.y + (r.h - side) / 2, side, side), icon,
                     t->primary, NULL);
            words.w -= side + u;
            if (!ui->rtl)
                words.x += side + u;
        }
        return draw_centered(ui, words, k.font, t->primary, label);
    case UI_BUTTON_HEADER:
        ui_fill(ui, r, pressed ? t->primary_pressed : t->header_bg, t->radius);
        ui_border(ui, r, t->header_text, u / 4 + 1, t->radius);
        return draw_centered(ui, words, k.font, t->header_text, label);
    case UI_BUTTON_KEY:
        ui_fill(ui, r, pressed ? t->primary : t->key_bg, t->radius / 2);
        ui_border(ui, r, t->border, 2, t->radius / 2);
        return draw_centered(ui, words, k.font, pressed ? t->primary_text : t->text, label);
    case UI_BUTTON_TILE: {
        ui_fill(ui, r, pressed ? t->surface_alt : t->surface, t->radius);
        ui_border(ui, r, t->primary, u / 2 + 1, t->radius);
        ui_fill(ui, rect_make(ui->rtl ? r.x + r.w - u * 2 : r.x, r.y, u * 2, r.h), t->primary, 0);
        int icon_w = 0;
        if (icon) {
            int side = ui_line_height(ui, k.font) * 5 / 4;
            icon_w = side + u * 2;
            int ix = ui->rtl ? r.x + r.w - k.pad_x - k.start - side : r.x + k.pad_x + k.start;
            ui_image(ui, NULL, rect_make(ix, r.y + (r.h - side) / 2, side, side), icon,
                     t->primary, NULL);
        }
        bool fits = draw_stacked(ui, r, &k, t->primary, t->text_muted, label, detail, icon_w);
        draw_chevron(ui, r, t->primary);
        return fits;
    }
    case UI_BUTTON_ROW: {
        ui_fill(ui, r, pressed ? t->surface_alt : t->surface, 0);
        ui_fill(ui, rect_make(r.x, r.y + r.h - 2, r.w, 2), t->border, 0);
        bool fits = draw_stacked(ui, r, &k, t->primary, t->text_muted, label, detail, 0);
        draw_chevron(ui, r, t->primary);
        return fits;
    }
    }
    return true;
}

static bool button_with_icon(Ui *ui, const char *id, Rect r, UiButtonStyle style,
                             const char *label, const char *detail, const char *icon)
{
    bool pressed;
    bool fired = ui_press_behavior(ui, ui_id(id), padded(ui, r), &pressed);
    UiElement *e = ui_register(ui, id, style == UI_BUTTON_KEY ? "key" : "button", label, r, true);
    size_t idx = e ? (size_t)(e - ui->elements) : 0;
    if (!ui_visible(ui, r))
        return fired;
    bool fits = button_draw(ui, r, style, label, detail, icon, pressed);
    if (e && !fits)
        ui->elements[idx].clipped = true;
    return fired;
}

bool ui_button(Ui *ui, const char *id, Rect r, UiButtonStyle style, const char *label,
               const char *detail)
{
    return button_with_icon(ui, id, r, style, label, detail, NULL);
}

bool ui_button_icon(Ui *ui, const char *id, Rect r, const char *icon, const char *label)
{
    return button_with_icon(ui, id, r, UI_BUTTON_SECONDARY, label, NULL, icon);
}

int ui_button_icon_width(Ui *ui, const char *label)
{
    ButtonLook k = button_look(ui, UI_BUTTON_SECONDARY, 0);
    return ui_button_width(ui, UI_BUTTON_SECONDARY, label) + ui_line_height(ui, k.font) +
           ui->theme.unit;
}

int ui_button_icon_height(Ui *ui, int w, const char *label)
{
    ButtonLook k = button_look(ui, UI_BUTTON_SECONDARY, w);
    return ui_button_height(ui, UI_BUTTON_SECONDARY, w - ui_line_height(ui, k.font) - ui->theme.unit,
                            label, NULL);
}

int ui_tile_height(Ui *ui, int w, const char *icon, const char *title, const char *hint)
{
    ButtonLook k = button_look(ui, UI_BUTTON_TILE, w);
    int icon_w = icon ? ui_line_height(ui, k.font) * 5 / 4 + ui->theme.unit * 2 : 0;
    return ui_button_height(ui, UI_BUTTON_TILE, w - icon_w, title, hint);
}

bool ui_tile(Ui *ui, const char *id, Rect r, const char *icon, const char *title,
             const char *hint)
{
    return button_with_icon(ui, id, r, UI_BUTTON_TILE, title, hint, icon);
}

void ui_picture(Ui *ui, Rect r, const void *png, size_t len)
{
    if (!png || len == 0 || !ui_visible(ui, r))
        return;
    DrawCmd *d = drawlist_push(&ui->draw, DRAW_PICTURE);
    if (!d)
        return;
    d->rect = r;
    d->color = color_rgb(255, 255, 255);
    d->blob = png;
    d->blob_len = len;
}

void ui_image(Ui *ui, const char *id, Rect r, const char *name, Color c, const char *alt)
{
    if (alt && *alt)
        ui_register(ui, id ? id : name, "image", alt, r, false);
    if (!name || !ui_visible(ui, r))
        return;
    DrawCmd *d = drawlist_push(&ui->draw, DRAW_IMAGE);
    if (!d)
        return;
    d->rect = r;
    d->color = c;
    d->text = arena_strdup(&ui->frame, name);
    if (!d->text)
        ui->draw.len--;
}

/* ==== switch and tab ==== */

/* Width left for a switch's label once the pill and the On/Off word are placed. */
static int switch_label_width(Ui *ui, int w)
{
    const Theme *t = &ui->theme;
    int sw = ui_text_width(ui, FONT_BODY_BOLD, tr(S_SWITCH_OFF));
    return w - t->unit * 12 - t->unit * 2 - sw - t->unit * 6 - t->unit * 3;
}

int ui_switch_width(Ui *ui, const char *label)
{
    /* The label on one line, plus the room switch_label_width() keeps around it. */
    int around = -switch_label_width(ui, 0);
    return ui_text_width(ui, FONT_BODY_BOLD, label) + around + 2;
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
    size_t idx = e ? (size_t)(e - ui->elements) : 0;
    if (e)
        e->checked = *on;
    int u = t->unit;
    ui_fill(ui, r, pressed ? t->surface_alt : t->surface, t->radius);
    ui_border(ui, r, *on ? t->switch_on : t->border, 3, t->radius);
    /* Left to right: label ... On/Off [pill]; right to left, the mirror image. */
    int pill_w = u * 12, pill_h = u * 6;
    int pill_x = ui->rtl ? r.x + u * 2 : r.x + r.w - pill_w - u * 2;
    Rect pill = rect_make(pill_x, r.y + (r.h - pill_h) / 2, pill_w, pill_h);
    ui_fill(ui, pill, *on ? t->switch_on : t->switch_off, pill_h / 2);
    int knob = pill_h - u;
    bool knob_end = *on != ui->rtl;
    Rect k = rect_make(knob_end ? pill.x + pill.w - knob - u / 2 : pill.x + u / 2,
                       pill.y + u / 2, knob, knob);
    ui_disc(ui, k, t->surface.r == 0 ? t->text : t->surface);
    const char *state = tr(*on ? S_SWITCH_ON : S_SWITCH_OFF);
    int sw = ui_text_width(ui, FONT_BODY_BOLD, state);
    int lh = ui_line_height(ui, FONT_BODY_BOLD);
    int state_x = ui->rtl ? pill.x + pill.w + u * 2 : pill.x - sw - u * 2;
    ui_draw_text_line(ui, state_x, r.y + (r.h - lh) / 2, FONT_BODY_BOLD,
                      *on ? t->switch_on : t->text_muted, state, strlen(state));
    int lw = switch_label_width(ui, r.w);
    int lx = ui->rtl ? r.x + r.w - u * 3 - lw : r.x + u * 3;
    int h = ui_text_height(ui, FONT_BODY_BOLD, lw, label);
    size_t before = ui->nelements;
    ui_text(ui, "switch-label", rect_make(lx, r.y + (r.h - h) / 2, lw, h), FONT_BODY_BOLD,
            t->text, UI_ALIGN_LEFT, label);
    ui->nelements = before;
    if (e && h > r.h)
        ui->elements[idx].clipped = true;
    return fired;
}

bool ui_tab(Ui *ui, const char *id, Rect r, const char *label, bool selected)
{
    const Theme *t = &ui->theme;
    bool pressed;
    bool fired = ui_press_behavior(ui, ui_id(id), padded(ui, r), &pressed);
    UiElement *e = ui_register(ui, id, "tab", label, r, true);
    size_t idx = e ? (size_t)(e - ui->elements) : 0;
    if (e)
        e->checked = selected;
    Color bg = selected ? t->primary : (pressed ? t->surface_alt : t->surface);
    ui_fill(ui, r, bg, t->radius);
    if (!selected)
        ui_border(ui, r, t->primary, 3, t->radius);
    Rect words = rect_make(r.x + t->unit, r.y + t->unit / 2, r.w - t->unit * 2, r.h - t->unit);
    if (!draw_centered(ui, words, FONT_BODY_BOLD, selected ? t->primary_text : t->primary,
                       label) && e)
        ui->elements[idx].clipped = true;
    return fired;
}

bool ui_press_area(Ui *ui, const char *id, Rect r, const char *label, bool selected)
{
    const Theme *t = &ui->theme;
    bool pressed;
    bool fired = ui_press_behavior(ui, ui_id(id), r, &pressed);
    UiElement *e = ui_register(ui, id, "button", label, r, true);
    if (e)
        e->checked = selected;
    if (pressed || selected)
        ui_fill(ui, r, t->surface_alt, t->radius / 2);
    if (selected)
        ui_border(ui, r, t->primary, t->unit / 2 + 1, t->radius / 2);
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
        /* Return is a new line only when the keyboard focus is on the box itself (on
         * a control, it activates that control). */
        if (multiline && ui->key_in == UI_KEY_RETURN && (ui->nav == h || ui->nav == 0) &&
            strbuf_addc(text, '\n') == 0)
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
        /* Keep the end of long text (where the caret is) in view. In a right-to-left
         * layout the text sits at the right; right-to-left text ends at its left. */
        int tw = ui_text_width(ui, FONT_LARGE, text->buf);
        bool ends_left = textrun_is_rtl(text->buf, text->len, ui->rtl);
        int x = ui->rtl ? inner.x + inner.w - tw : inner.x;
        if (tw > inner.w - u)
            x = ends_left ? inner.x + u : inner.x + inner.w - u - tw;
        ui_draw_text_line(ui, x, y, FONT_LARGE, t->text, text->buf, text->len);
        if (focused)
            ui_fill(ui, rect_make(ends_left ? x - 5 : x + tw + 2, y + lh / 8, 3, lh * 3 / 4),
                    t->text, 0);
    } else {
        if (placeholder) {
            int pw = ui_text_width(ui, FONT_LARGE, placeholder);
            ui_draw_text_line(ui, ui->rtl ? inner.x + inner.w - u - pw : inner.x + u, y,
                              FONT_LARGE, t->text_muted, placeholder, strlen(placeholder));
        }
        if (focused)
            ui_fill(ui, rect_make(ui->rtl ? inner.x + inner.w - 3 : inner.x, y + lh / 8, 3,
                                  lh * 3 / 4), t->text, 0);
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

bool ui_is_focused(const Ui *ui, const char *id)
{
    return ui->focus != 0 && ui->focus == ui_id(id);
}

bool ui_has_focus(const Ui *ui)
{
    return ui->focus != 0;
}

uint32_t ui_focused(const Ui *ui)
{
    return ui->focus;
}

void ui_request_frame(Ui *ui)
{
    ui->want_frame = true;
}

bool ui_overlay_up(const Ui *ui)
{
    return ui->overlay_drawn;
}

bool ui_needs_another_frame(const Ui *ui)
{
    return ui->had_input || ui->want_frame;
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
