/* screen_common.c: pieces several screens share, placed with the layout engine: list
 * rows for places, services and pages, the "take it with you" QR panel, notices. */
#include "screens.h"

#include <stdio.h>

bool screen_dest_row(App *app, Lay *l, int index)
{
    const Destination *d = &app->site->destinations[index];
    char where[256], id[96];
    screen_floor_words(app, d->floor, where, sizeof where);
    snprintf(id, sizeof id, "dest-%s", d->id);
    return lay_button(l, id, UI_BUTTON_ROW, d->name, where, LAY_STRETCH);
}

bool screen_service_row(App *app, Lay *l, int index)
{
    const Service *sv = &app->site->services[index];
    char id[96];
    const char *detail = NULL;
    snprintf(id, sizeof id, "service-%s", sv->id);
    if (sv->status == SERVICE_TEMPORARILY_CLOSED)
        detail = tr(S_SERVICE_CLOSED);
    else if (sv->organization >= 0)
        detail = app->site->organizations[sv->organization].name;
    return lay_button(l, id, UI_BUTTON_ROW, sv->name, detail, LAY_STRETCH);
}

bool screen_page_row(App *app, Lay *l, int index)
{
    const Page *p = &app->site->pages[index];
    char id[96];
    snprintf(id, sizeof id, "page-%s", p->id);
    return lay_button(l, id, UI_BUTTON_ROW, p->title, p->summary, LAY_STRETCH);
}

int screen_qr_side(const Ui *ui, const QrMatrix *qr)
{
    const Theme *t = &ui->theme;
    int side = (qr->width + 8) * 4;
    int min_side = (int)(60 * t->px_per_mm);
    return side < min_side ? min_side : side;
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
    /* Beside the words when there is room for both, else above them. */
    int words_min = t->min_target * 4;
    if (side > lay_width(&panel))
        side = lay_width(&panel);
    if (lay_width(&panel) - side - t->space[SPACE_L] >= words_min) {
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
