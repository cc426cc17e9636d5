/* screen_common.c: pieces several screens share, placed with the layout engine: list
 * rows for places, services and pages, the "take it with you" QR panel, notices. */
#include "screens.h"

#include <stdio.h>

bool screen_did_you_mean(Lay *l, const char *id, const char *typed, const char *suggest)
{
    const Theme *t = &l->ui->theme;
    char buf[512], note_id[64];
    i18n_format(buf, sizeof buf, S_SEARCH_NO_EXACT, typed, NULL, NULL);
    snprintf(note_id, sizeof note_id, "%s-note", id);
    lay_text(l, note_id, FONT_BODY, t->text, buf);
    lay_space(l, SPACE_S);
    i18n_format(buf, sizeof buf, S_SEARCH_DID_YOU_MEAN, suggest, NULL, NULL);
    bool tapped = lay_button(l, id, UI_BUTTON_SECONDARY, buf, NULL, LAY_START);
    lay_space(l, SPACE_S);
    mem_wipe(buf, sizeof buf);
    return tapped;
}

const char *screen_text(const App *app, TrTable t, TrColumn c, int index,
                        const char *english, bool *fallback)
{
    return site_text(app->site, app_language(app), t, c, index, english, fallback);
}

const char *screen_lang_en(bool fallback)
{
    return fallback ? "en" : NULL;
}

void screen_fallback_note(Lay *l)
{
    const Theme *t = &l->ui->theme;
    char buf[256];
    snprintf(buf, sizeof buf, "EN \xc2\xb7 %s", tr(S_CONTENT_NOT_TRANSLATED));
    lay_text(l, "fallback-note", FONT_BODY, t->text_muted, buf);
}

/* A list row whose name is English in place of a translation is marked so (read in
 * English, laid out left to right); its detail stays in the UI's words. */
static bool row_button(Lay *l, const char *id, const char *label, const char *detail,
                       bool fallback)
{
    ui_set_text_lang(l->ui, screen_lang_en(fallback));
    bool tapped = lay_button(l, id, UI_BUTTON_ROW, label, detail, LAY_STRETCH);
    ui_set_text_lang(l->ui, NULL);
    return tapped;
}

bool screen_dest_row(App *app, Lay *l, int index)
{
    const Destination *d = &app->site->destinations[index];
    char where[256], id[96];
    bool fb = false;
    const char *name = screen_text(app, TR_DESTINATION, TR_NAME, index, d->name, &fb);
    screen_floor_words(app, d->floor, where, sizeof where);
    snprintf(id, sizeof id, "dest-%s", d->id);
    return row_button(l, id, name, where, fb);
}

bool screen_service_row(App *app, Lay *l, int index)
{
    const Service *sv = app_service(app, index);
    if (!sv)
        return false;
    char id[96];
    const char *detail = NULL;
    bool fb = false;
    const char *name = screen_text(app, TR_SERVICE, TR_NAME, index, sv->name, &fb);
    snprintf(id, sizeof id, "service-%s", sv->id);
    if (sv->status == SERVICE_TEMPORARILY_CLOSED)
        detail = tr(S_SERVICE_CLOSED);
    else if (sv->organization >= 0)
        detail = app->site->organizations[sv->organization].name;
    return row_button(l, id, name, detail, fb);
}

bool screen_page_row(App *app, Lay *l, int index)
{
    bool fb = false;
    const Page *p = site_page(app->site, app_language(app), index, &fb);
    char id[96];
    snprintf(id, sizeof id, "page-%s", p->id);
    return row_button(l, id, p->title, p->summary, fb);
}

int screen_qr_side(const Ui *ui, const QrMatrix *qr)
{
    const Theme *t = &ui->theme;
    int side = (qr->width + 8) * 4;
    int min_side = (int)(60 * t->px_per_mm);
    return side < min_side ? min_side : side;
}

int screen_qr_max_version(const Ui *ui, int w)
{
    /* The panel's padding each side, then whole 4 px modules with the quiet zone. */
    int modules = (w - 2 * ui->theme.space[SPACE_L]) / 4 - 8;
    int version = (modules - 17) / 4;
    if (version > QR_MAX_VERSION)
        version = QR_MAX_VERSION;
    return version < 1 ? 1 : version;
}

/* Whether the words go beside the code in a panel whose content is inner_w wide (there
 * is room for both), else above and below it; clamps *side to inner_w. */
static bool qr_beside(const Theme *t, int inner_w, int *side)
{
    int words_min = t->min_target * 4;
    if (*side > inner_w)
        *side = inner_w;
    return inner_w - *side - t->space[SPACE_L] >= words_min;
}

void screen_qr_panel(Lay *l, const char *id, const QrMatrix *qr, const char *caption)
{
    Ui *ui = l->ui;
    const Theme *t = &ui->theme;
    if (!qr->width)
        return;
    int side = screen_qr_side(ui, qr);
    LayPanelStyle style = lay_style_card(ui);
    style.border_w = 0;
    Lay panel, row, cell;
    lay_panel(l, &panel, &style, SPACE_L, SPACE_M, "qr-panel");
    if (qr_beside(t, lay_width(&panel), &side)) {
        LayLen lens[2] = {LAY_PX(side), LAY_FR(1)};
        lay_row(&panel, &row, 2, lens, SPACE_L);
        lay_cell(&row, &cell, 0, SPACE_NONE);
        ui_qr(ui, id, lay_next(&cell, side), qr);
        lay_cell_end(&row, &cell);
        lay_cell(&row, &cell, 1, SPACE_NONE);
        lay_text(&cell, "qr-title", FONT_LARGE_BOLD, t->text, tr(S_DEST_QR_TITLE));
        lay_text(&cell, "qr-caption", FONT_BODY, t->text, caption);
        lay_cell_end(&row, &cell);
        lay_row_end(&panel, &row);
    } else {
        lay_text(&panel, "qr-title", FONT_LARGE_BOLD, t->text, tr(S_DEST_QR_TITLE));
        ui_qr(ui, id, lay_next_w(&panel, side, side, LAY_CENTER), qr);
        lay_text(&panel, "qr-caption", FONT_BODY, t->text, caption);
    }
    lay_panel_end(l, &panel);
}

void screen_notice(Lay *l, const char *id, const char *text)
{
    Ui *ui = l->ui;
    LayPanelStyle style = lay_style_notice(ui);
    Lay panel;
    lay_panel(l, &panel, &style, SPACE_L, SPACE_S, NULL);
    lay_text(&panel, id, FONT_LARGE_BOLD, ui->theme.notice_text, text);
    lay_panel_end(l, &panel);
}

int screen_qr_panel_height(Ui *ui, int w, const QrMatrix *qr, const char *caption)
{
    const Theme *t = &ui->theme;
    if (!qr->width)
        return 0;
    int pad = t->space[SPACE_L];
    int inner_w = w - 2 * pad;
    int side = screen_qr_side(ui, qr);
    if (qr_beside(t, inner_w, &side)) {
        /* The words' cell has the row's gap (SPACE_L) between title and caption. */
        int words_w = inner_w - side - t->space[SPACE_L];
        int words = ui_text_height(ui, FONT_LARGE_BOLD, words_w, tr(S_DEST_QR_TITLE)) +
                    t->space[SPACE_L] + ui_text_height(ui, FONT_BODY, words_w, caption);
        return (words > side ? words : side) + 2 * pad;
    }
    return ui_text_height(ui, FONT_LARGE_BOLD, inner_w, tr(S_DEST_QR_TITLE)) +
           t->space[SPACE_M] + side + t->space[SPACE_M] +
           ui_text_height(ui, FONT_BODY, inner_w, caption) + 2 * pad;
}

int screen_tab_row_height(Ui *ui, int w, int n, const char *const *labels)
{
    if (n <= 0)
        return 0;
    int gap = ui->theme.space[SPACE_S];
    int tw = (w - gap * (n - 1)) / n, h = 0;
    /* Every tab as tall as the tallest label needs, so the row stays even. */
    for (int i = 0; i < n; i++) {
        int th = ui_tab_height(ui, tw, labels[i]);
        if (th > h)
            h = th;
    }
    return h;
}

int screen_tab_row(Lay *l, int n, const char *const *ids, const char *const *labels,
                   int selected)
{
    Ui *ui = l->ui;
    LayLen lens[LAY_MAX_CELLS];
    if (n > LAY_MAX_CELLS)
        n = LAY_MAX_CELLS;
    if (n <= 0)
        return -1;
    for (int i = 0; i < n; i++)
        lens[i] = LAY_FR(1);
    Lay row, cell;
    int h = screen_tab_row_height(ui, lay_width(l), n, labels);
    lay_row(l, &row, n, lens, SPACE_S);
    int tapped = -1;
    for (int i = 0; i < n; i++) {
        lay_cell(&row, &cell, i, SPACE_NONE);
        if (ui_tab(ui, ids[i], lay_next(&cell, h), labels[i], i == selected))
            tapped = i;
        lay_cell_end(&row, &cell);
    }
    lay_row_end(l, &row);
    return tapped;
}

Lay *screen_columns_begin(ScreenColumns *c, Lay *page, const char *id, Space gap)
{
    LayLen lens[2] = {LAY_FR(11), LAY_FR(9)};
    c->h = lay_remaining(page);
    c->i = 0;
    lay_row(page, &c->row, 2, lens, SPACE_XL);
    lay_cell(&c->row, &c->cell, 0, SPACE_NONE);
    lay_scroll(&c->cell, &c->scroll, id, c->h, SPACE_NONE, gap);
    return &c->scroll;
}

/* Closes the open column's scroll region and cell. */
static void columns_close(ScreenColumns *c)
{
    lay_scroll_end(&c->cell, &c->scroll);
    lay_cell_end(&c->row, &c->cell);
}

Lay *screen_columns_next(ScreenColumns *c, const char *id, Space gap)
{
    columns_close(c);
    c->i = 1;
    lay_cell(&c->row, &c->cell, 1, SPACE_NONE);
    lay_scroll(&c->cell, &c->scroll, id, c->h, SPACE_NONE, gap);
    return &c->scroll;
}

void screen_columns_end(ScreenColumns *c, Lay *page)
{
    columns_close(c);
    lay_row_end(page, &c->row);
}
