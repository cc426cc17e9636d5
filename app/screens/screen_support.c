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

static void support_enter(App *app, int arg)
{
    (void)arg;
    ui_scroll_to(app->ui, "support-categories", 0);
}

static void support_leave(App *app)
{
    (void)app;
}

static void support_update(App *app, Ui *ui, Rect area)
{
    const Site *s = app->site;
    const Theme *t = &ui->theme;
    int u = t->unit;
    area = rect_make(area.x + u * 4, area.y + u * 3, area.w - u * 8, area.h - u * 4);
    int h = ui_text(ui, "support-prompt", area, FONT_LARGE, t->text, UI_ALIGN_LEFT,
                    tr(S_SUPPORT_PROMPT)) + u * 2;
    Rect view = rect_make(area.x, area.y + h, area.w, area.h - h);
    int cols = area.w > area.h ? 2 : 1;
    int gap = u * 2;
    int bw = (view.w - gap * (cols - 1) - u * 2) / cols;
    int bh = t->min_target + u * 5;
    int y0 = ui_scroll_begin(ui, "support-categories", view);
    int shown = 0;
    for (size_t i = 0; i < s->ncategories; i++) {
        int n = count_in(s, (int)i);
        if (n == 0)
            continue;
        char id[96], detail[64], num[16];
        snprintf(id, sizeof id, "category-%s", s->categories[i].id);
        snprintf(num, sizeof num, "%d", n);
        if (n == 1)
            snprintf(detail, sizeof detail, "%s", tr(S_SUPPORT_COUNT_ONE));
        else
            i18n_format(detail, sizeof detail, S_SUPPORT_COUNT, num, NULL, NULL);
        Rect r = rect_make(view.x + (shown % cols) * (bw + gap), y0 + (shown / cols) * (bh + gap),
                           bw, bh);
        if (ui_button(ui, id, r, UI_BUTTON_ROW, s->categories[i].label, detail))
            app_go(app, SCREEN_SERVICE_LIST, (int)i);
        shown++;
    }
    if (shown == 0)
        ui_text(ui, "support-none", view, FONT_LARGE, t->text, UI_ALIGN_LEFT, tr(S_SUPPORT_NONE));
    ui_scroll_end(ui, ((shown + cols - 1) / cols) * (bh + gap));
}

const Screen screen_support = {
    .name = "support",
    .has_header = true,
    .title = S_SUPPORT_TITLE,
    .enter = support_enter,
    .leave = support_leave,
    .update = support_update,
};

/* ==== the services in one category ==== */

static void list_enter(App *app, int arg)
{
    app->svc.category = arg;
    ui_scroll_to(app->ui, "service-list", 0);
}

static void list_update(App *app, Ui *ui, Rect area)
{
    const Site *s = app->site;
    const Theme *t = &ui->theme;
    int u = t->unit;
    int c = app->svc.category;
    if (c < 0 || (size_t)c >= s->ncategories)
        return;
    area = rect_make(area.x + u * 4, area.y + u * 3, area.w - u * 8, area.h - u * 4);
    const Category *cat = &s->categories[c];
    int h = ui_text(ui, "category-title", area, FONT_TITLE, t->text, UI_ALIGN_LEFT, cat->label);
    if (cat->description && *cat->description)
        h += ui_text(ui, "category-description", rect_make(area.x, area.y + h, area.w, area.h),
                     FONT_BODY, t->text_muted, UI_ALIGN_LEFT, cat->description);
    h += u * 2;
    Rect view = rect_make(area.x, area.y + h, area.w, area.h - h);
    int rh = t->min_target + u * 3;
    int y0 = ui_scroll_begin(ui, "service-list", view), y = y0;
    for (size_t i = 0; i < s->nservices; i++) {
        if (!in_category(&s->services[i], c))
            continue;
        if (screen_service_row(app, ui, rect_make(view.x, y, view.w - u * 2, rh), (int)i))
            app_go(app, SCREEN_SERVICE, (int)i);
        y += rh;
    }
    ui_scroll_end(ui, y - y0);
}

const Screen screen_service_list = {
    .name = "service-list",
    .has_header = true,
    .title = S_SUPPORT_TITLE,
    .enter = list_enter,
    .leave = support_leave,
    .update = list_update,
};
