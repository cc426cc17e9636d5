/* screen_support.c: "Support and services": the categories (support groups, carers,
 * bereavement...) as large buttons with how many services each has, then the
 * services of one category, A to Z, closed ones marked. */
#include "screens.h"

#include <stdio.h>

/* Services listed under category c. */
static int count_in(const Site *s, int c)
{
    int n = 0;
    for (size_t i = 0; i < s->nservices; i++)
        for (size_t k = 0; k < s->services[i].ncategories; k++)
            if (s->services[i].categories[k] == c) {
                n++;
                break;
            }
    return n;
}

static bool in_category(const Service *sv, int c)
{
    for (size_t k = 0; k < sv->ncategories; k++)
        if (sv->categories[k] == c)
            return true;
    return false;
}

/* Shared by the two screens: which category's services are listed. */
typedef struct SupportState {
    int category;
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
        if (count_in(s, (int)i) > 0)
            screen_text(app, TR_CATEGORY, TR_NAME, (int)i, s->categories[i].label, &fallback);
    if (fallback)
        screen_fallback_note(&page);
    int cols = lay_grid_columns(lay_width(&page), t->min_target * 6, t->space[SPACE_M],
                                ui->width > ui->height ? 2 : 1);
    lay_scroll(&page, &list, "support-categories", 0, SPACE_NONE, SPACE_M);
    int shown = 0;
    LayLen lens[2] = {LAY_FR(1), LAY_FR(1)};
    for (size_t i = 0; i < s->ncategories; i++) {
        int n = count_in(s, (int)i);
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

static void list_enter(App *app, void *st, int arg)
{
    SupportState *ss = st;
    ss->category = arg;
    ui_scroll_to(app->ui, "service-list", 0);
}

static void list_update(App *app, void *st, Ui *ui, Rect area)
{
    SupportState *ss = st;
    const Site *s = app->site;
    const Theme *t = &ui->theme;
    int c = ss->category;
    if (c < 0 || (size_t)c >= s->ncategories)
        return;
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
     * translation. */
    fallback = fb_label || fb_desc;
    for (size_t i = 0; i < s->nservices && !fallback; i++)
        if (in_category(&s->services[i], c))
            screen_text(app, TR_SERVICE, TR_NAME, (int)i, s->services[i].name, &fallback);
    if (fallback)
        screen_fallback_note(&page);
    lay_space(&page, SPACE_S);
    lay_scroll(&page, &list, "service-list", 0, SPACE_NONE, SPACE_NONE);
    for (size_t i = 0; i < s->nservices; i++) {
        if (!in_category(&s->services[i], c))
            continue;
        if (screen_service_row(app, &list, (int)i))
            app_go(app, SCREEN_SERVICE, (int)i);
    }
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
};
