/* screen_home.c: the home screen: a welcome, large tiles for the services this kiosk
 * offers, and where to get help in person. */
#include "screens.h"

#include <stdio.h>

typedef struct HomeTile {
    const char *id;
    StrId title, hint;
    ScreenId to;
} HomeTile;

static const HomeTile tiles[] = {
    {"tile-find", S_HOME_FIND_WAY, S_HOME_FIND_WAY_HINT, SCREEN_FIND},
};

static void home_enter(App *app, int arg)
{
    (void)app;
    (void)arg;
}

static void home_leave(App *app)
{
    (void)app;
}

static void home_update(App *app, Ui *ui, Rect area)
{
    const Theme *t = &ui->theme;
    int u = t->unit;
    char buf[512];
    /* Welcome band. */
    int band_h = t->min_target * 2 + u * 4;
    ui_fill(ui, rect_make(area.x, area.y, area.w, band_h), t->header_bg, 0);
    i18n_format(buf, sizeof buf, S_HOME_WELCOME, app->site->name, NULL, NULL);
    Rect in = rect_make(area.x + u * 6, area.y + u * 3, area.w - u * 12, band_h - u * 6);
    int th = ui_text_height(ui, FONT_TITLE, in.w, buf);
    int ph = ui_line_height(ui, FONT_LARGE);
    int y = in.y + (in.h - th - ph - u) / 2;
    ui_text(ui, "home-welcome", rect_make(in.x, y, in.w, th), FONT_TITLE, t->header_text,
            UI_ALIGN_LEFT, buf);
    ui_text(ui, "home-prompt", rect_make(in.x, y + th + u, in.w, ph), FONT_LARGE,
            t->header_text, UI_ALIGN_LEFT, tr(S_HOME_PROMPT));

    /* Help line at the bottom of the area. */
    const char *reception = app->site->reception;
    if (reception && *reception)
        i18n_format(buf, sizeof buf, S_HOME_HELP, reception, NULL, NULL);
    else
        snprintf(buf, sizeof buf, "%s", tr(S_HOME_HELP_NO_PLACE));
    int help_w = area.w - u * 12;
    int help_h = ui_text_height(ui, FONT_LARGE, help_w, buf);
    int help_y = area.y + area.h - help_h - u * 4;
    ui_text(ui, "home-help", rect_make(area.x + u * 6, help_y, help_w, help_h), FONT_LARGE,
            t->text, UI_ALIGN_LEFT, buf);

    /* Tiles, in a grid: two columns when the screen is wide. */
    int ntiles = (int)(sizeof tiles / sizeof tiles[0]);
    int cols = area.w > area.h ? 2 : 1;
    if (ntiles < cols)
        cols = ntiles;
    int gap = u * 4;
    int top = area.y + band_h + u * 6;
    int avail_h = help_y - u * 4 - top;
    int rows = (ntiles + cols - 1) / cols;
    int tile_w = area.w > area.h ? (area.w - u * 12 - gap) / 2 : area.w - u * 12;
    int tile_h = (avail_h - gap * (rows - 1)) / rows;
    int max_h = t->min_target * 4;
    if (tile_h > max_h)
        tile_h = max_h;
    int grid_w = cols * tile_w + (cols - 1) * gap;
    int x0 = area.x + (area.w - grid_w) / 2;
    for (int i = 0; i < ntiles; i++) {
        Rect r = rect_make(x0 + (i % cols) * (tile_w + gap), top + (i / cols) * (tile_h + gap),
                           tile_w, tile_h);
        if (ui_button(ui, tiles[i].id, r, UI_BUTTON_TILE, tr(tiles[i].title), tr(tiles[i].hint)))
            app_go(app, tiles[i].to, 0);
    }
}

const Screen screen_home = {
    .name = "home",
    .has_header = false,
    .title = S_APP_NAME,
    .enter = home_enter,
    .leave = home_leave,
    .update = home_update,
};
