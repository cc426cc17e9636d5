/* screen_home.c: the home screen: a welcome, large tiles for the services this kiosk
 * offers, and where to get help in person. */
#include "screens.h"

#include <stdio.h>

typedef struct HomeTile {
    const char *id;
    StrId title, hint;
    ScreenId to;
    const char *page; /* SCREEN_PAGE: the page's id in the content */
    const char *icon; /* pictogram in assets/pictograms */
} HomeTile;

static const HomeTile tiles[] = {
    {"tile-find", S_HOME_FIND_WAY, S_HOME_FIND_WAY_HINT, SCREEN_FIND, NULL, "find-your-way"},
    {"tile-support", S_HOME_SUPPORT, S_HOME_SUPPORT_HINT, SCREEN_SUPPORT, NULL, "support"},
    {"tile-how-to-raise", S_HOME_HOW_TO_RAISE, S_HOME_HOW_TO_RAISE_HINT, SCREEN_PAGE,
     "how-to-raise-a-concern", "how-to-raise"},
    {"tile-raise", S_HOME_RAISE, S_HOME_RAISE_HINT, SCREEN_CONCERN, NULL, "raise-concern"},
    {"tile-about-pals", S_HOME_ABOUT_PALS, S_HOME_ABOUT_PALS_HINT, SCREEN_PAGE, "about-pals",
     "about-pals"},
    {"tile-feedback", S_HOME_FEEDBACK, S_HOME_FEEDBACK_HINT, SCREEN_FEEDBACK, NULL, "feedback"},
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

static void home_enter(App *app, void *st, int arg)
{
    (void)st;
    (void)arg;
    ui_scroll_to(app->ui, "home-tiles", 0);
}

/* The tiles in a grid: two columns on a wide screen while tiles stay wide enough for
 * their words, one otherwise; every tile as tall as the tallest needs, so the grid
 * stays even, growing into spare height (`spare`, what the screen leaves) up to a
 * comfortable size. */
static void tile_grid(App *app, Ui *ui, Lay *body, const HomeTile **shown, const int *args,
                      int ntiles, int spare)
{
    const Theme *t = &ui->theme;
    int gap = t->space[SPACE_L];
    int w = lay_width(body);
    int cols = lay_grid_columns(w, t->min_target * 7, gap, ui->width > ui->height ? 2 : 1);
    int tile_w = (w - gap * (cols - 1)) / cols;
    int tile_h = 0;
    for (int i = 0; i < ntiles; i++) {
        int h = ui_tile_height(ui, tile_w, shown[i]->icon, tr(shown[i]->title),
                               tr(shown[i]->hint));
        if (h > tile_h)
            tile_h = h;
    }
    int rows = (ntiles + cols - 1) / cols;
    spare -= rows * tile_h + (rows - 1) * gap;
    int cap = t->min_target * 3 - tile_h;
    if (spare > 0 && cap > 0)
        tile_h += spare / rows < cap ? spare / rows : cap;
    Lay row, cell;
    for (int r0 = 0; r0 < ntiles; r0 += cols) {
        LayLen lens[2] = {LAY_FR(1), LAY_FR(1)};
        lay_row(body, &row, cols, lens, SPACE_L);
        for (int c = 0; c < cols && r0 + c < ntiles; c++) {
            const HomeTile *tile = shown[r0 + c];
            lay_cell(&row, &cell, c, SPACE_NONE);
            if (ui_tile(ui, tile->id, lay_next(&cell, tile_h), tile->icon, tr(tile->title),
                        tr(tile->hint)))
                app_go(app, tile->to, args[r0 + c]);
            lay_cell_end(&row, &cell);
        }
        lay_row_end(body, &row);
    }
}

/* The welcome: the site's name in title size on one line, else a size smaller (large
 * text, a narrow screen, a long name). */
static void welcome_band(App *app, Ui *ui, Lay *page, Rect area)
{
    const Theme *t = &ui->theme;
    char buf[512];
    LayPanelStyle style = {t->header_bg, t->header_text, 0, t->primary, 0, 0};
    Lay band;
    lay_panel(page, &band, &style, SPACE_L, SPACE_XS, "home-band");
    band.box.x = area.x + t->space[SPACE_XXL];
    band.box.w = area.w - 2 * t->space[SPACE_XXL];
    i18n_format(buf, sizeof buf, S_HOME_WELCOME, app->site->name, NULL, NULL);
    int font = ui_text_width(ui, FONT_TITLE, buf) <= lay_width(&band) ? FONT_TITLE
                                                                       : FONT_LARGE_BOLD;
    lay_text(&band, "home-welcome", font, t->header_text, buf);
    lay_text(&band, "home-prompt", FONT_LARGE, t->header_text, tr(S_HOME_PROMPT));
    lay_panel_end(page, &band);
}

/* Below the welcome: the search box, the tiles and where to get help in person. When
 * they fit, help sits at the bottom of the screen; when large text makes them taller
 * than the screen, they scroll together (a tile is never squeezed into a sliver). */
static void home_update(App *app, void *st, Ui *ui, Rect area)
{
    (void)st;
    const Theme *t = &ui->theme;
    char help[512];
    Lay page, body;
    lay_column(&page, ui, area, SPACE_NONE, SPACE_L, NULL, NULL);
    welcome_band(app, ui, &page, area);

    const char *reception = app->site->reception;
    if (reception && *reception)
        i18n_format(help, sizeof help, S_HOME_HELP, reception, NULL, NULL);
    else
        snprintf(help, sizeof help, "%s", tr(S_HOME_HELP_NO_PLACE));
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

    int view_h = lay_remaining(&page);
    ui_focus_start(ui, "tile-find"); /* keys start on the first tile */
    lay_scroll(&page, &body, "home-tiles", 0, SPACE_NONE, SPACE_L);
    body.box.x += t->space[SPACE_XXL]; /* margins as the band's; the bar keeps its room */
    body.box.w -= 2 * t->space[SPACE_XXL];
    int w = lay_width(&body);
    const char *search = tr(S_HOME_SEARCH);
    int search_h = ui_button_height(ui, UI_BUTTON_SECONDARY, w, search, NULL);
    int help_h = ui_text_height(ui, FONT_BODY, w, help);
    int gap = t->space[SPACE_L];
    if (ui_button(ui, "home-search", lay_next(&body, search_h), UI_BUTTON_SECONDARY, search,
                  NULL))
        app_go(app, SCREEN_SEARCH, 0);
    int spare = view_h - search_h - help_h - 3 * gap;
    if (ntiles)
        tile_grid(app, ui, &body, shown, args, ntiles, spare);
    /* Help at the bottom of the view when there is room (an empty child fills the
     * gap), else straight after the tiles. */
    int below = view_h - (body.y - body.scroll_y0) - help_h - 2 * gap;
    if (below > 0)
        lay_next(&body, below - gap);
    lay_text(&body, "home-help", FONT_BODY, t->text, help);
    lay_scroll_end(&page, &body);
    lay_end(&page);
}

const Screen screen_home = {
    .name = "home",
    .has_header = false,
    .title = S_APP_NAME,
    .enter = home_enter,
    .update = home_update,
};
