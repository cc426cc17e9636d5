/* screen_out_of_order.c: shown whenever the kiosk cannot serve people (no content
 * store, a damaged one, a kiosk location the content does not know). Never blank:
 * it needs no content, only the built-in strings. The cause goes to the log, not on
 * the screen. */
#include "screens.h"

static void ooo_enter(App *app, int arg)
{
    (void)app;
    (void)arg;
}

static void ooo_leave(App *app)
{
    (void)app;
}

static void ooo_update(App *app, Ui *ui, Rect area)
{
    const Theme *t = &ui->theme;
    int u = t->unit;
    ui_fill(ui, area, t->surface, 0);
    int w = area.w * 3 / 4;
    int x = area.x + (area.w - w) / 2;
    const char *title = tr(S_OUT_OF_ORDER_TITLE), *body = tr(S_OUT_OF_ORDER_BODY);
    char place[512] = "";
    if (app->site && app->site->reception && *app->site->reception)
        i18n_format(place, sizeof place, S_OUT_OF_ORDER_PLACE, app->site->reception, NULL, NULL);
    int th = ui_text_height(ui, FONT_HUGE, w, title);
    int bh = ui_text_height(ui, FONT_LARGE, w, body);
    int ph = place[0] ? ui_text_height(ui, FONT_LARGE, w, place) + u * 3 : 0;
    int y = area.y + (area.h - th - bh - ph - u * 6) / 2;
    ui_fill(ui, rect_make(x - u * 4, y - u * 4, w + u * 8, th + bh + ph + u * 14),
            t->notice_bg, t->radius);
    y += ui_text(ui, "ooo-title", rect_make(x, y, w, th), FONT_HUGE, t->notice_text,
                 UI_ALIGN_CENTER, title) + u * 6;
    y += ui_text(ui, "ooo-body", rect_make(x, y, w, bh), FONT_LARGE, t->notice_text,
                 UI_ALIGN_CENTER, body) + u * 3;
    if (place[0])
        ui_text(ui, "ooo-place", rect_make(x, y, w, ph), FONT_LARGE, t->notice_text,
                UI_ALIGN_CENTER, place);
}

const Screen screen_out_of_order = {
    .name = "out-of-order",
    .has_header = false,
    .title = S_OUT_OF_ORDER_TITLE,
    .enter = ooo_enter,
    .leave = ooo_leave,
    .update = ooo_update,
};
