/* screen_out_of_order.c: shown whenever the kiosk cannot serve people (no content
 * store, a damaged one, a kiosk location the content does not know). Never blank:
 * it needs no content, only the built-in strings and an illustration (drawn as
 * nothing when the asset cannot be read). The cause goes to the log, not on the
 * screen. */
#include "screens.h"

static void ooo_enter(App *app, void *st, int arg)
{
    (void)app;
    (void)st;
    (void)arg;
}

static void ooo_update(App *app, void *st, Ui *ui, Rect area)
{
    (void)st;
    const Theme *t = &ui->theme;
    ui_fill(ui, area, t->surface, 0);
    char place[512] = "";
    if (app->site && app->site->reception && *app->site->reception)
        i18n_format(place, sizeof place, S_OUT_OF_ORDER_PLACE, app->site->reception, NULL, NULL);
    Lay page, panel;
    lay_column(&page, ui, area, SPACE_XXL, SPACE_XL, NULL, NULL);
    int side = t->min_target * 3;
    if (side > lay_remaining(&page) / 4)
        side = lay_remaining(&page) / 4;
    /* Centred on the screen: measure the words first, then leave half the rest above. */
    int w = lay_width(&page) - 2 * t->space[SPACE_XL];
    int words = ui_text_height(ui, FONT_HUGE, w, tr(S_OUT_OF_ORDER_TITLE)) +
                ui_text_height(ui, FONT_LARGE, w, tr(S_OUT_OF_ORDER_BODY)) +
                (place[0] ? ui_text_height(ui, FONT_LARGE, w, place) + t->space[SPACE_L] : 0) +
                t->space[SPACE_L] + 2 * t->space[SPACE_XL];
    int above = (lay_remaining(&page) - side - words - t->space[SPACE_XL]) / 2;
    if (above > 0)
        lay_next(&page, above - page.gap);
    ui_image(ui, "ooo-illustration", lay_next_w(&page, side, side, LAY_CENTER),
             "illustrations/out-of-order", t->text, NULL);
    LayPanelStyle style = lay_style_notice(ui);
    style.accent_w = 0;
    lay_panel(&page, &panel, &style, SPACE_XL, SPACE_L, NULL);
    lay_text_align(&panel, "ooo-title", FONT_HUGE, t->notice_text, UI_ALIGN_CENTER,
                   tr(S_OUT_OF_ORDER_TITLE));
    lay_text_align(&panel, "ooo-body", FONT_LARGE, t->notice_text, UI_ALIGN_CENTER,
                   tr(S_OUT_OF_ORDER_BODY));
    if (place[0])
        lay_text_align(&panel, "ooo-place", FONT_LARGE, t->notice_text, UI_ALIGN_CENTER, place);
    lay_panel_end(&page, &panel);
    lay_end(&page);
}

const Screen screen_out_of_order = {
    .name = "out-of-order",
    .has_header = false,
    .title = S_OUT_OF_ORDER_TITLE,
    .enter = ooo_enter,
    .update = ooo_update,
};
