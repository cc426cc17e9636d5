/* screen_legacy.c: TRANSITIONAL. The hand-placed helpers of the screens not yet moved
 * to the layout engine; this file goes when the last of them is rewritten. */
#include "screen_legacy.h"

#include <stdio.h>

bool legacy_dest_row(App *app, Ui *ui, Rect r, int index)
{
    const Destination *d = &app->site->destinations[index];
    char where[256], id[96];
    screen_floor_words(app, d->floor, where, sizeof where);
    snprintf(id, sizeof id, "dest-%s", d->id);
    return ui_button(ui, id, r, UI_BUTTON_ROW, d->name, where);
}

bool legacy_service_row(App *app, Ui *ui, Rect r, int index)
{
    const Service *sv = &app->site->services[index];
    char id[96], detail[300];
    snprintf(id, sizeof id, "service-%s", sv->id);
    if (sv->status == SERVICE_TEMPORARILY_CLOSED)
        snprintf(detail, sizeof detail, "%s", tr(S_SERVICE_CLOSED));
    else if (sv->organization >= 0)
        snprintf(detail, sizeof detail, "%s", app->site->organizations[sv->organization].name);
    else
        detail[0] = '\0';
    return ui_button(ui, id, r, UI_BUTTON_ROW, sv->name, detail[0] ? detail : NULL);
}

bool legacy_page_row(App *app, Ui *ui, Rect r, int index)
{
    const Page *p = &app->site->pages[index];
    char id[96];
    snprintf(id, sizeof id, "page-%s", p->id);
    return ui_button(ui, id, r, UI_BUTTON_ROW, p->title, p->summary);
}

int legacy_qr_panel_height(const Ui *ui, const QrMatrix *qr)
{
    const Theme *t = &ui->theme;
    int side = (qr->width + 8) * 4;
    int min_side = (int)(60 * t->px_per_mm);
    if (side < min_side)
        side = min_side;
    return side + t->unit * 4;
}

void legacy_qr_panel(Ui *ui, Rect r, const char *id, const QrMatrix *qr, const char *caption)
{
    const Theme *t = &ui->theme;
    int u = t->unit;
    ui_fill(ui, r, t->surface, t->radius);
    if (!qr->width)
        return;
    int side = r.h - u * 4;
    if (side > r.w / 2)
        side = r.w / 2;
    Rect q = rect_make(r.x + u * 2, r.y + (r.h - side) / 2, side, side);
    ui_qr(ui, id, q, qr);
    Rect text = rect_make(q.x + q.w + u * 3, r.y + u * 3, r.x + r.w - q.x - q.w - u * 5, r.h);
    int h = ui_text(ui, "qr-title", text, FONT_LARGE_BOLD, t->text, UI_ALIGN_LEFT,
                    tr(S_DEST_QR_TITLE));
    ui_text(ui, "qr-caption", rect_make(text.x, text.y + h + u, text.w, text.h), FONT_BODY,
            t->text, UI_ALIGN_LEFT, caption);
}

int legacy_section(Ui *ui, const char *id, Rect r, const char *heading, const char *body)
{
    const Theme *t = &ui->theme;
    char hid[64];
    snprintf(hid, sizeof hid, "%s-heading", id);
    int h = ui_text(ui, hid, r, FONT_BODY_BOLD, t->text_muted, UI_ALIGN_LEFT, heading);
    h += ui_text(ui, id, rect_make(r.x, r.y + h, r.w, r.h), FONT_LARGE, t->text, UI_ALIGN_LEFT,
                 body);
    return h + t->unit * 3;
}
