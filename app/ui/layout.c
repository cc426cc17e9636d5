/* layout.c: the layout engine (see layout.h): columns, rows, panels, scroll regions and
 * overlays, one pass, sizes from the theme's Space tokens and measured words. */
#include "layout.h"

#include "ui_internal.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

static int space_px(const Ui *ui, Space s)
{
    assert(s >= 0 && s < SPACE_COUNT);
    return ui->theme.space[s];
}

/* ==== columns ==== */

static void column_init(Lay *l, Ui *ui, Rect r, int pad, int gap)
{
    memset(l, 0, sizeof *l);
    l->ui = ui;
    l->outer = r;
    l->pad = pad;
    l->gap = gap;
    int h = r.h >= LAY_UNBOUNDED ? LAY_UNBOUNDED : r.h - 2 * pad;
    l->box = rect_make(r.x + pad, r.y + pad, r.w - 2 * pad, h < 0 ? 0 : h);
    if (l->box.w < 0)
        l->box.w = 0;
    l->y = l->box.y;
    l->bottom = h >= LAY_UNBOUNDED ? LAY_UNBOUNDED : l->box.y + l->box.h;
    l->group = l->bg = l->border = l->accent = -1;
}

void lay_column(Lay *l, Ui *ui, Rect r, Space pad, Space gap, const char *id,
                const char *role)
{
    column_init(l, ui, r, space_px(ui, pad), space_px(ui, gap));
    if (id)
        l->group = ui_group_begin(ui, id, role ? role : "group", NULL, r);
}

int lay_used(const Lay *l)
{
    return l->y - l->outer.y + l->pad;
}

int lay_width(const Lay *l)
{
    return l->box.w;
}

int lay_end(Lay *l)
{
    int used = lay_used(l);
    if (l->group >= 0) {
        Rect r = l->outer;
        if (r.h >= LAY_UNBOUNDED)
            r.h = used;
        ui_group_end(l->ui, l->group, r);
        l->group = -1;
    }
    return used;
}

/* Where the next child starts: after the gap, once something is placed. */
static int next_top(const Lay *l)
{
    return l->started ? l->y + l->gap : l->y;
}

int lay_remaining(const Lay *l)
{
    if (l->bottom >= LAY_UNBOUNDED)
        return LAY_UNBOUNDED;
    int r = l->bottom - next_top(l);
    return r > 0 ? r : 0;
}

Rect lay_next_w(Lay *l, int w, int h, LayAlign align)
{
    if (w > l->box.w || align == LAY_STRETCH)
        w = l->box.w;
    if (w < 0)
        w = 0;
    if (h < 0)
        h = 0;
    int top = next_top(l);
    int x = l->box.x;
    bool end = (align == LAY_END) != l->ui->rtl;
    if (align == LAY_CENTER)
        x += (l->box.w - w) / 2;
    else if (align != LAY_STRETCH && end)
        x += l->box.w - w;
    l->y = top + h;
    l->started = true;
    return rect_make(x, top, w, h);
}

Rect lay_next(Lay *l, int h)
{
    return lay_next_w(l, l->box.w, h, LAY_STRETCH);
}

Rect lay_next_centered(Lay *l, int slot_h, int h)
{
    Rect slot = lay_next(l, slot_h > h ? slot_h : h);
    slot.y += (slot.h - h) / 2;
    slot.h = h;
    return slot;
}

Rect lay_bottom(Lay *l, int h)
{
    assert(l->bottom < LAY_UNBOUNDED); /* a growing column has no bottom to cut */
    if (h < 0)
        h = 0;
    l->bottom -= h;
    Rect r = rect_make(l->box.x, l->bottom, l->box.w, h);
    l->bottom -= l->gap;
    return r;
}

Rect lay_rest(Lay *l)
{
    int h = lay_remaining(l);
    if (h >= LAY_UNBOUNDED)
        h = 0;
    return lay_next(l, h);
}

void lay_space(Lay *l, Space s)
{
    l->y += space_px(l->ui, s);
}

/* ==== widgets in a column ==== */

int lay_text_align(Lay *l, const char *id, int font, Color c, UiAlign align, const char *text)
{
    if (!text || !*text)
        return 0;
    int h = ui_text_height(l->ui, font, l->box.w, text);
    Rect r = lay_next(l, h);
    ui_text(l->ui, id, r, font, c, align, text);
    return h;
}

int lay_text(Lay *l, const char *id, int font, Color c, const char *text)
{
    return lay_text_align(l, id, font, c, UI_ALIGN_LEFT, text);
}

void lay_section(Lay *l, const char *id, const char *heading, const char *body)
{
    lay_section_lang(l, id, heading, body, NULL);
}

void lay_section_lang(Lay *l, const char *id, const char *heading, const char *body,
                      const char *body_lang)
{
    const Theme *t = &l->ui->theme;
    char hid[96];
    snprintf(hid, sizeof hid, "%s-heading", id);
    Lay sec;
    lay_column(&sec, l->ui, rect_make(l->box.x, next_top(l), l->box.w, LAY_UNBOUNDED),
               SPACE_NONE, SPACE_XS, NULL, NULL);
    lay_text(&sec, hid, FONT_BODY_BOLD, t->text_muted, heading);
    const char *was = l->ui->text_lang;
    if (body_lang)
        ui_set_text_lang(l->ui, body_lang);
    lay_text(&sec, id, FONT_LARGE, t->text, body);
    l->ui->text_lang = was;
    lay_next(l, lay_end(&sec));
}

bool lay_button(Lay *l, const char *id, UiButtonStyle style, const char *label,
                const char *detail, LayAlign align)
{
    Ui *ui = l->ui;
    int w = align == LAY_STRETCH ? l->box.w : ui_button_width(ui, style, label);
    if (w > l->box.w)
        w = l->box.w;
    int h = ui_button_height(ui, style, w, label, detail);
    Rect r = lay_next_w(l, w, h, align);
    return ui_button(ui, id, r, style, label, detail);
}

bool lay_tab(Lay *l, const char *id, const char *label, bool selected)
{
    Rect r = lay_next(l, ui_tab_height(l->ui, l->box.w, label));
    return ui_tab(l->ui, id, r, label, selected);
}

bool lay_switch(Lay *l, const char *id, const char *label, bool *on)
{
    Rect r = lay_next(l, ui_switch_height(l->ui, l->box.w, label));
    return ui_switch(l->ui, id, r, label, on);
}

bool lay_field(Lay *l, const char *id, StrBuf *text, const char *placeholder)
{
    const Theme *t = &l->ui->theme;
    int h = ui_line_height(l->ui, FONT_LARGE) + t->unit * 3;
    Rect r = lay_next(l, h > t->min_target ? h : t->min_target);
    return ui_field(l->ui, id, r, text, placeholder);
}

/* ==== rows ==== */

void lay_row(Lay *parent, Lay *row, int n, const LayLen *lens, Space gap)
{
    assert(n > 0 && n <= LAY_MAX_CELLS);
    Ui *ui = parent->ui;
    int top = next_top(parent);
    column_init(row, ui, rect_make(parent->box.x, top, parent->box.w, LAY_UNBOUNDED), 0,
                space_px(ui, gap));
    row->ncells = n;
    int avail = parent->box.w - row->gap * (n - 1);
    int fixed = 0, weights = 0;
    for (int i = 0; i < n; i++) {
        if (lens[i].kind == LAY_LEN_PX)
            fixed += lens[i].value > 0 ? lens[i].value : 0;
        else
            weights += lens[i].value > 0 ? lens[i].value : 0;
    }
    int left = avail - fixed;
    if (left < 0)
        left = 0;
    int x = 0, used = 0;
    for (int i = 0; i < n; i++) {
        int w;
        if (lens[i].kind == LAY_LEN_PX) {
            w = lens[i].value > 0 ? lens[i].value : 0;
            if (w > avail - used)
                w = avail - used > 0 ? avail - used : 0;
        } else {
            w = weights ? (int)((long long)left * (lens[i].value > 0 ? lens[i].value : 0) /
                                weights)
                        : 0;
        }
        row->cell_x[i] = x;
        row->cell_w[i] = w;
        x += w + row->gap;
        used += w;
    }
    /* The last weighted cell takes what rounding left, so rows end flush. */
    for (int i = n - 1; i >= 0; i--) {
        if (lens[i].kind == LAY_LEN_FR) {
            int end = row->cell_x[n - 1] + row->cell_w[n - 1];
            int slack = parent->box.w - end;
            if (slack > 0) {
                row->cell_w[i] += slack;
                for (int j = i + 1; j < n; j++)
                    row->cell_x[j] += slack;
            }
            break;
        }
    }
    row->row_h = 0;
}

Rect lay_cell_rect(const Lay *row, int i, int h)
{
    assert(i >= 0 && i < row->ncells);
    int x = row->box.x + row->cell_x[i];
    if (row->ui->rtl)
        x = row->box.x + row->box.w - row->cell_x[i] - row->cell_w[i];
    return rect_make(x, row->box.y, row->cell_w[i], h);
}

void lay_cell(Lay *row, Lay *cell, int i, Space pad)
{
    Rect r = lay_cell_rect(row, i, LAY_UNBOUNDED);
    column_init(cell, row->ui, r, space_px(row->ui, pad), row->gap);
}

void lay_cell_end(Lay *row, Lay *cell)
{
    int h = lay_end(cell);
    if (h > row->row_h)
        row->row_h = h;
}

void lay_row_end(Lay *parent, Lay *row)
{
    lay_next(parent, row->row_h);
}

/* ==== panels ==== */

LayPanelStyle lay_style_card(const Ui *ui)
{
    const Theme *t = &ui->theme;
    LayPanelStyle s = {t->surface, t->border, 2, t->primary, 0, t->radius};
    return s;
}

LayPanelStyle lay_style_notice(const Ui *ui)
{
    const Theme *t = &ui->theme;
    LayPanelStyle s = {t->notice_bg, t->notice_text, t->high_contrast ? 3 : 0, t->end_marker,
                       t->unit, t->radius};
    return s;
}

/* Reserves a draw command to be given its rectangle later; returns its index or -1. */
static int reserve(Ui *ui, DrawKind kind, Color c, int thickness, int radius)
{
    DrawCmd *d = drawlist_push(&ui->draw, kind);
    if (!d)
        return -1;
    d->color = c;
    d->thickness = thickness;
    d->radius = radius;
    d->rect = rect_make(0, 0, 0, 0);
    return (int)(d - ui->draw.cmds);
}

static void place(Ui *ui, int cmd, Rect r)
{
    if (cmd < 0 || (size_t)cmd >= ui->draw.len)
        return;
    ui->draw.cmds[cmd].rect = ui_visible(ui, r) ? r : rect_make(0, 0, 0, 0);
}

void lay_panel(Lay *parent, Lay *panel, const LayPanelStyle *style, Space pad, Space gap,
               const char *id)
{
    Ui *ui = parent->ui;
    int top = next_top(parent);
    Rect r = rect_make(parent->box.x, top, parent->box.w, LAY_UNBOUNDED);
    int bg = reserve(ui, DRAW_FILL, style->bg, 0, style->radius);
    int border = style->border_w > 0
                     ? reserve(ui, DRAW_BORDER, style->border, style->border_w, style->radius)
                     : -1;
    int accent = style->accent_w > 0 ? reserve(ui, DRAW_FILL, style->accent, 0, 0) : -1;
    int p = space_px(ui, pad);
    column_init(panel, ui, r, p, space_px(ui, gap));
    /* Words keep clear of the accent bar. */
    if (style->accent_w > 0) {
        panel->box.w -= style->accent_w;
        if (!ui->rtl)
            panel->box.x += style->accent_w;
        panel->cell_w[0] = style->accent_w; /* remembered for lay_panel_end */
    }
    panel->bg = bg;
    panel->border = border;
    panel->accent = accent;
    if (id)
        panel->group = ui_group_begin(ui, id, "group", NULL, r);
}

void lay_panel_end(Lay *parent, Lay *panel)
{
    Ui *ui = panel->ui;
    int h = lay_used(panel);
    Rect r = rect_make(panel->outer.x, panel->outer.y, panel->outer.w, h);
    place(ui, panel->bg, r);
    place(ui, panel->border, r);
    if (panel->accent >= 0) {
        int aw = panel->cell_w[0];
        place(ui, panel->accent, rect_make(ui->rtl ? r.x + r.w - aw : r.x, r.y, aw, r.h));
    }
    if (panel->group >= 0) {
        ui_group_end(ui, panel->group, r);
        panel->group = -1;
    }
    lay_next(parent, h);
}

/* ==== scroll regions ==== */

void lay_scroll(Lay *parent, Lay *inner, const char *id, int h, Space pad, Space gap)
{
    Ui *ui = parent->ui;
    Rect view = h > 0 ? lay_next(parent, h) : lay_rest(parent);
    int g = ui_group_begin(ui, id, "scroll", NULL, view);
    int y0 = ui_scroll_begin(ui, id, view);
    /* Room for the scroll bar (one unit) and a gap before it, at the end side. */
    int bar = ui->theme.unit * 3;
    column_init(inner, ui, rect_make(view.x, y0, view.w - bar, LAY_UNBOUNDED),
                space_px(ui, pad), space_px(ui, gap));
    if (ui->rtl)
        inner->box.x += bar;
    inner->scroll = true;
    inner->scroll_y0 = y0;
    inner->group = g;
    inner->outer = view;
}

void lay_scroll_end(Lay *parent, Lay *inner)
{
    (void)parent;
    Ui *ui = inner->ui;
    int content_h = inner->y - inner->scroll_y0 + inner->pad;
    ui_scroll_end(ui, content_h);
    if (inner->group >= 0)
        ui_group_end(ui, inner->group, inner->outer);
    inner->group = -1;
}

/* ==== overlays ==== */

void ui_overlay_begin(Ui *ui, Lay *dlg, const char *id, const char *name, int max_w)
{
    const Theme *t = &ui->theme;
    ui->layer++;
    ui->overlay_drawn = true;
    ui_occlude_all(ui);
    ui->ngroups = 0; /* the dialog is not inside anything under it */
    ui_fill(ui, rect_make(0, 0, ui->width, ui->height), t->backdrop, 0);
    int margin = t->space[SPACE_XL];
    int w = max_w > 0 ? max_w : ui->width * 2 / 3;
    if (w < t->min_target * 8)
        w = t->min_target * 8;
    if (w > ui->width - 2 * margin)
        w = ui->width - 2 * margin;
    /* Centred by last frame's height; a change asks for one more frame. */
    int depth = ui->overlay_depth < 4 ? ui->overlay_depth : 3;
    int last_h = ui->overlay_h[depth];
    int y = (ui->height - last_h) / 2;
    if (y < margin)
        y = margin;
    Lay screen;
    column_init(&screen, ui, rect_make((ui->width - w) / 2, y, w, LAY_UNBOUNDED), 0, 0);
    LayPanelStyle style = lay_style_card(ui);
    style.border = t->high_contrast ? t->text : t->border;
    style.border_w = t->high_contrast ? 3 : 0;
    lay_panel(&screen, dlg, &style, SPACE_XL, SPACE_L, NULL);
    dlg->group = ui_group_begin(ui, id, "dialog", name, dlg->outer);
    ui->overlay_depth++;
}

void ui_overlay_end(Ui *ui, Lay *dlg)
{
    Lay screen;
    column_init(&screen, ui, rect_make(0, 0, ui->width, LAY_UNBOUNDED), 0, 0);
    int h = lay_used(dlg);
    lay_panel_end(&screen, dlg);
    if (ui->overlay_depth > 0)
        ui->overlay_depth--;
    int depth = ui->overlay_depth < 4 ? ui->overlay_depth : 3;
    if (ui->overlay_h[depth] != h) {
        ui->overlay_h[depth] = h;
        ui->want_frame = true;
    }
    ui->layer--;
}

/* ==== grids ==== */

int lay_grid_columns(int w, int min_w, int gap, int max_cols)
{
    int cols = max_cols > 0 ? max_cols : 1;
    while (cols > 1 && (w - gap * (cols - 1)) / cols < min_w)
        cols--;
    return cols;
}
