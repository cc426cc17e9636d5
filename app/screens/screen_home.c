/* screen_home.c: the home screen: a welcome, large tiles for the services this kiosk
 * offers, and where to get help in person. */
#include "screens.h"

#include <stdio.h>

typedef struct HomeTile {
    const char *id;
    StrId title, hint;
    ScreenId to;
    const char *page; /* SCREEN_PAGE: the page's id in the content */
} HomeTile;

static const HomeTile tiles[] = {
    {"tile-find", S_HOME_FIND_WAY, S_HOME_FIND_WAY_HINT, SCREEN_FIND, NULL},
    {"tile-support", S_HOME_SUPPORT, S_HOME_SUPPORT_HINT, SCREEN_SUPPORT, NULL},
    {"tile-how-to-raise", S_HOME_HOW_TO_RAISE, S_HOME_HOW_TO_RAISE_HINT, SCREEN_PAGE,
     "how-to-raise-a-concern"},
    {"tile-raise", S_HOME_RAISE, S_HOME_RAISE_HINT, SCREEN_CONCERN, NULL},
    {"tile-about-pals", S_HOME_ABOUT_PALS, S_HOME_ABOUT_PALS_HINT, SCREEN_PAGE, "about-pals"},
};

/* Where a tile leads, or -1 when this content has nothing there (no tile then). */
static int tile_arg(const App *app, const HomeTile *tile)
{
    if (tile->to == SCREEN_PAGE)
        return tile->page ? site_find_page(app->site, tile->page) : -1;
    if (tile->to == SCREEN_SUPPORT)
        return app->site->nservices > 0 ? 0 : -1;
    return 0;
}

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
    /* Welcome band: as tall as its words need (the name may wrap on a narrow screen). */
    i18n_format(buf, sizeof buf, S_HOME_WELCOME, app->site->name, NULL, NULL);
    int text_w = area.w - u * 12;
    int th = ui_text_height(ui, FONT_TITLE, text_w, buf);
    int ph = ui_line_height(ui, FONT_LARGE);
    int band_h = t->min_target * 3 / 2 + u * 3;
    if (band_h < th + ph + u * 7)
        band_h = th + ph + u * 7;
    ui_fill(ui, rect_make(area.x, area.y, area.w, band_h), t->header_bg, 0);
    Rect in = rect_make(area.x + u * 6, area.y + u * 3, text_w, band_h - u * 6);
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
    int help_h = ui_text_height(ui, FONT_BODY, help_w, buf);
    int help_y = area.y + area.h - help_h - u * 4;
    ui_text(ui, "home-help", rect_make(area.x + u * 6, help_y, help_w, help_h), FONT_BODY,
            t->text, UI_ALIGN_LEFT, buf);

    /* The search box: looks like a field, opens the search screen. */
    int top = area.y + band_h + u * 4;
    Rect sbox = rect_make(area.x + u * 6, top, area.w - u * 12, t->min_target);
    if (ui_button(ui, "home-search", sbox, UI_BUTTON_SECONDARY, tr(S_HOME_SEARCH), NULL))
        app_go(app, SCREEN_SEARCH, 0);
    top += sbox.h + u * 4;

    /* Tiles, in a grid: two columns when the screen is wide. */
    const HomeTile *shown[sizeof tiles / sizeof tiles[0]];
    int args[sizeof tiles / sizeof tiles[0]];
    int ntiles = 0;
    for (size_t i = 0; i < sizeof tiles / sizeof tiles[0]; i++) {
        int a = tile_arg(app, &tiles[i]);
        if (a >= 0) {
            shown[ntiles] = &tiles[i];
            args[ntiles++] = a;
        }
    }
    int cols = area.w > area.h ? 2 : 1;
    if (ntiles < cols)
        cols = ntiles;
    int gap = u * 3;
    int avail_h = help_y - u * 4 - top;
    int rows = (ntiles + cols - 1) / cols;
    int tile_w = area.w > area.h ? (area.w - u * 12 - gap) / 2 : area.w - u * 12;
    int tile_h = (avail_h - gap * (rows - 1)) / rows;
    int max_h = t->min_target * 3;
    if (tile_h > max_h)
        tile_h = max_h;
    int grid_w = cols * tile_w + (cols - 1) * gap;
    int x0 = area.x + (area.w - grid_w) / 2;
    for (int i = 0; i < ntiles; i++) {
        Rect r = rect_make(x0 + (i % cols) * (tile_w + gap), top + (i / cols) * (tile_h + gap),
                           tile_w, tile_h);
        if (ui_button(ui, shown[i]->id, r, UI_BUTTON_TILE, tr(shown[i]->title),
                      tr(shown[i]->hint)))
            app_go(app, shown[i]->to, args[i]);
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
