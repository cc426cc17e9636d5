/* screen_support.c: "Support and services": the categories (support groups, carers,
 * bereavement...) as large buttons with how many services each has, then the
 * services of one category, A to Z, closed ones marked. */
#include "screens.h"

#include "err.h"
#include "mem.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

/* Shared by the two screens: which category's services are listed, and, for the list,
 * those services (read from the store when the list opens: a category can hold
 * thousands) with the height each row took when it was last laid out. */
typedef struct SupportState {
    int category;
    const Store *store;  /* the store `list` came from */
    int *list;           /* the category's services, A to Z (mem) */
    int *heights;        /* px each row took, 0 = not laid out yet (mem) */
    size_t n;
    int line_h;          /* the text size the heights were measured at */
    long known_sum, known_n; /* of the heights known, for the estimate of the rest */
    char names_lang[16];     /* the language names_fallback was found for, "" none yet */
    bool names_fallback;     /* a service's name has no translation in it */
} SupportState;

static void support_enter(App *app, void *st, int arg)
{
    (void)st;
    (void)arg;
    ui_scroll_to(app->ui, "support-categories", 0);
}

static void support_update(App *app, void *st, Ui *ui, Rect area)
{
    (void)st;
    const Site *s = app->site;
    const Theme *t = &ui->theme;
    Lay page, list, row, cell;
    lay_column(&page, ui, area, SPACE_XL, SPACE_M, NULL, NULL);
    lay_text(&page, "support-prompt", FONT_LARGE, t->text, tr(S_SUPPORT_PROMPT));
    bool fallback = false;
    for (size_t i = 0; i < s->ncategories && !fallback; i++)
        if (s->categories[i].nservices > 0)
            screen_text(app, TR_CATEGORY, TR_NAME, (int)i, s->categories[i].label, &fallback);
    if (fallback)
        screen_fallback_note(&page);
    int cols = lay_grid_columns(lay_width(&page), t->min_target * 6, t->space[SPACE_M],
                                ui->width > ui->height ? 2 : 1);
    lay_scroll(&page, &list, "support-categories", 0, SPACE_NONE, SPACE_M);
    int shown = 0;
    LayLen lens[2] = {LAY_FR(1), LAY_FR(1)};
    for (size_t i = 0; i < s->ncategories; i++) {
        int n = (int)s->categories[i].nservices;
        if (n == 0)
            continue;
        char id[96], detail[64], num[16];
        snprintf(id, sizeof id, "category-%s", s->categories[i].id);
        snprintf(num, sizeof num, "%d", n);
        i18n_format_text(detail, sizeof detail, tr_n(S_SUPPORT_COUNT, (unsigned long)n), num,
                         NULL, NULL);
        if (shown % cols == 0)
            lay_row(&list, &row, cols, lens, SPACE_M);
        lay_cell(&row, &cell, shown % cols, SPACE_NONE);
        bool fb = false;
        const char *label = screen_text(app, TR_CATEGORY, TR_NAME, (int)i,
                                        s->categories[i].label, &fb);
        ui_set_text_lang(ui, screen_lang_en(fb));
        if (lay_button(&cell, id, UI_BUTTON_ROW, label, detail, LAY_STRETCH))
            app_go(app, SCREEN_SERVICE_LIST, (int)i);
        ui_set_text_lang(ui, NULL);
        lay_cell_end(&row, &cell);
        shown++;
        if (shown % cols == 0)
            lay_row_end(&list, &row);
    }
    if (shown % cols != 0)
        lay_row_end(&list, &row);
    if (shown == 0)
        lay_text(&list, "support-none", FONT_LARGE, t->text, tr(S_SUPPORT_NONE));
    lay_scroll_end(&page, &list);
    lay_end(&page);
}

const Screen screen_support = {
    .name = "support",
    .has_header = true,
    .title = S_SUPPORT_TITLE,
    .state_size = sizeof(SupportState),
    .enter = support_enter,
    .update = support_update,
};

/* ==== the services in one category ==== */

static void list_release(SupportState *ss)
{
    mem_free(ss->list);
    mem_free(ss->heights);
    ss->list = ss->heights = NULL;
    ss->n = 0;
    ss->store = NULL;
    ss->known_sum = ss->known_n = 0;
    ss->names_lang[0] = '\0';
}

/* Reads the category's services from the store. Returns 0, or -1 after app_fail() or
 * app_fail_content(). */
static int list_load(App *app, SupportState *ss)
{
    list_release(ss);
    if (store_category_services(app->store, ss->category, &ss->list, &ss->n) != 0) {
        char why[512];
        snprintf(why, sizeof why, "%s", err_msg());
        list_release(ss);
        app_fail_content(app, why);
        return -1;
    }
    if (!(ss->heights = mem_zalloc_array(ss->n ? ss->n : 1, sizeof *ss->heights))) {
        list_release(ss);
        app_fail(app, "out of memory listing services");
        return -1;
    }
    ss->store = app->store;
    return 0;
}

static void list_enter(App *app, void *st, int arg)
{
    SupportState *ss = st;
    ss->category = arg;
    list_load(app, ss);
    ui_scroll_to(app->ui, "service-list", 0);
}

static void list_forget(App *app, void *st)
{
    (void)app;
    list_release(st);
}

/* Up to this many rows are all laid out, so each is in the accessibility tree for keys,
 * speech and the harness wherever the list is scrolled. */
enum { LIST_ALL_ROWS = 200 };

/* The rows. In a longer list, those within a screen's height of the view are laid out
 * (and their heights kept); the rest only take their height (as last laid out, else
 * the rows' average), so a category of thousands costs about the same frame as one of
 * two hundred. Keys and speech reach the rest as the list scrolls to them. */
static void list_rows(App *app, SupportState *ss, Lay *list)
{
    Ui *ui = list->ui;
    int line_h = ui_line_height(ui, FONT_BODY);
    if (line_h != ss->line_h) { /* another text size: the rows' heights change */
        memset(ss->heights, 0, ss->n * sizeof *ss->heights);
        ss->known_sum = ss->known_n = 0;
        ss->line_h = line_h;
    }
    const UiScrollState *sc = ui_scroll_state(ui, "service-list");
    int view = sc && sc->view_h > 0 ? sc->view_h : ui->height;
    int offset = sc ? sc->offset : 0;
    int lo = offset - view, hi = offset + 2 * view;
    if (ss->n <= LIST_ALL_ROWS) {
        lo = INT_MIN / 2;
        hi = INT_MAX / 2;
    }
    int guess = ss->known_n ? (int)(ss->known_sum / ss->known_n) : ui->theme.min_target;
    int skipped = 0; /* px of rows not laid out, taken in one go */
    for (size_t k = 0; k < ss->n; k++) {
        int top = list->y - list->scroll_y0 + skipped;
        int h = ss->heights[k] ? ss->heights[k] : guess;
        if (top + h < lo || top > hi) {
            skipped += h;
            continue;
        }
        if (skipped) {
            lay_next(list, skipped);
            skipped = 0;
        }
        int y0 = list->y;
        if (screen_service_row(app, list, ss->list[k]))
            app_go(app, SCREEN_SERVICE, ss->list[k]);
        if (app->screen == SCREEN_OUT_OF_ORDER)
            return;
        int took = list->y - y0;
        if (took > 0 && ss->heights[k] != took) {
            if (ss->heights[k]) {
                ss->known_sum -= ss->heights[k];
                ss->known_n--;
            }
            ss->heights[k] = took;
            ss->known_sum += took;
            ss->known_n++;
        }
    }
    if (skipped)
        lay_next(list, skipped);
}

static void list_update(App *app, void *st, Ui *ui, Rect area)
{
    SupportState *ss = st;
    const Site *s = app->site;
    const Theme *t = &ui->theme;
    int c = ss->category;
    if (c < 0 || (size_t)c >= s->ncategories)
        return;
    if (ss->store != app->store && list_load(app, ss) != 0)
        return; /* new content came in: read the list again */
    const Category *cat = &s->categories[c];
    Lay page, list;
    lay_column(&page, ui, area, SPACE_XL, SPACE_S, NULL, NULL);
    bool fb_label = false, fb_desc = false, fallback = false;
    const char *label = screen_text(app, TR_CATEGORY, TR_NAME, c, cat->label, &fb_label);
    const char *desc = screen_text(app, TR_CATEGORY, TR_DESCRIPTION, c, cat->description,
                                   &fb_desc);
    ui_set_text_lang(ui, screen_lang_en(fb_label));
    lay_text(&page, "category-title", FONT_TITLE, t->text, label);
    ui_set_text_lang(ui, screen_lang_en(fb_desc));
    if (desc && *desc)
        lay_text(&page, "category-description", FONT_BODY, t->text_muted, desc);
    ui_set_text_lang(ui, NULL);
    /* Once, when the category's words or a service's name are English in place of a
     * translation. The names are looked at once per list and language: a name is never
     * empty, so asking with a stand-in for the English says whether there is a
     * translation without reading the service. */
    const char *lang = app_language(app);
    if (strcmp(ss->names_lang, lang) != 0) {
        ss->names_fallback = false;
        for (size_t k = 0; k < ss->n && !ss->names_fallback; k++)
            screen_text(app, TR_SERVICE, TR_NAME, ss->list[k], "?", &ss->names_fallback);
        snprintf(ss->names_lang, sizeof ss->names_lang, "%s", lang);
    }
    fallback = fb_label || fb_desc || ss->names_fallback;
    if (fallback)
        screen_fallback_note(&page);
    lay_space(&page, SPACE_S);
    lay_scroll(&page, &list, "service-list", 0, SPACE_NONE, SPACE_NONE);
    list_rows(app, ss, &list);
    lay_scroll_end(&page, &list);
    lay_end(&page);
}

const Screen screen_service_list = {
    .name = "service-list",
    .has_header = true,
    .title = S_SUPPORT_TITLE,
    .state_size = sizeof(SupportState),
    .enter = list_enter,
    .update = list_update,
    .forget = list_forget,
};
