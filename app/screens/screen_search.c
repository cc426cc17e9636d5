/* screen_search.c: search across the kiosk (opened from the search box on home):
 * places, services and information pages, found as the person types on the
 * on-screen keyboard and grouped by kind. Nothing found offers ways to browse and a
 * reminder to ask at reception. */
#include "screens.h"
#include "screen_legacy.h"

#include <stdio.h>

enum { SEARCH_MAX_HITS = 60 };

typedef struct SearchState {
    StrBuf query;             /* wiped on leave */
    SearchHit hits[SEARCH_MAX_HITS];
    int nhits;
    bool searched;
} SearchState;

static SearchState *SRS(const App *app)
{
    return screen_state((App *)app, SCREEN_SEARCH);
}

static void search_enter(App *app, void *st_, int arg)
{
    (void)st_;
    (void)arg;
    SearchState *ss = SRS(app);
    strbuf_reset(&ss->query);
    ss->nhits = 0;
    ss->searched = false;
    ui_focus(app->ui, "search-all-field");
    ui_scroll_to(app->ui, "search-all-results", 0);
}

static void search_leave(App *app, void *st_)
{
    (void)st_;
    /* Kept for Back from a result; app_forget() wipes it when the person leaves. */
    (void)app;
}

static void run(App *app)
{
    SearchState *ss = SRS(app);
    ss->nhits = store_search(app->store, ss->query.buf, ss->hits, SEARCH_MAX_HITS);
    if (ss->nhits < 0)
        ss->nhits = 0;
    ss->searched = true;
}

static void nothing_found(App *app, Ui *ui, Rect r)
{
    const Theme *t = &ui->theme;
    int u = t->unit;
    char buf[512];
    i18n_format(buf, sizeof buf, S_SEARCH_NO_RESULTS, SRS(app)->query.buf, NULL, NULL);
    int y = r.y;
    y += ui_text(ui, "search-none", rect_make(r.x, y, r.w, r.h), FONT_LARGE_BOLD, t->text,
                 UI_ALIGN_LEFT, buf) + u * 2;
    y += ui_text(ui, "search-ask", rect_make(r.x, y, r.w, r.h), FONT_BODY, t->text,
                 UI_ALIGN_LEFT, tr(S_SEARCH_ASK_RECEPTION)) + u * 3;
    int bw = r.w < t->min_target * 6 ? r.w : t->min_target * 6;
    if (ui_button(ui, "search-browse-places", rect_make(r.x, y, bw, t->min_target),
                  UI_BUTTON_SECONDARY, tr(S_SEARCH_BROWSE), NULL))
        app_go(app, SCREEN_FIND, 0);
    y += t->min_target + u * 2;
    if (ui_button(ui, "search-browse-support", rect_make(r.x, y, bw, t->min_target),
                  UI_BUTTON_SECONDARY, tr(S_SEARCH_BROWSE_SUPPORT), NULL))
        app_go(app, SCREEN_SUPPORT, 0);
}

static void results(App *app, Ui *ui, Rect view)
{
    SearchState *ss = SRS(app);
    const Theme *t = &ui->theme;
    int u = t->unit, rh = t->min_target + u * 3;
    int hh = ui_line_height(ui, FONT_LARGE_BOLD) + u * 2;
    static const struct { SearchKind kind; StrId label; const char *id; } groups[] = {
        {SEARCH_DESTINATION, S_SEARCH_GROUP_PLACES, "group-places"},
        {SEARCH_SERVICE, S_SEARCH_GROUP_SERVICES, "group-services"},
        {SEARCH_PAGE, S_SEARCH_GROUP_PAGES, "group-pages"},
    };
    int y0 = ui_scroll_begin(ui, "search-all-results", view), y = y0;
    for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
        int n = 0;
        for (int i = 0; i < ss->nhits; i++)
            n += ss->hits[i].kind == groups[g].kind;
        if (n == 0)
            continue;
        char head[128], num[16];
        snprintf(num, sizeof num, "%d", n);
        snprintf(head, sizeof head, "%s (%s)", tr(groups[g].label), num);
        Rect hr = rect_make(view.x + u * 2, y + u, view.w - u * 4, hh);
        if (ui_visible(ui, hr))
            ui_text(ui, groups[g].id, hr, FONT_LARGE_BOLD, t->text, UI_ALIGN_LEFT, head);
        y += hh;
        for (int i = 0; i < ss->nhits; i++) {
            const SearchHit *h = &ss->hits[i];
            if (h->kind != groups[g].kind)
                continue;
            Rect r = rect_make(view.x, y, view.w - u * 2, rh);
            if (h->kind == SEARCH_DESTINATION && legacy_dest_row(app, ui, r, h->index))
                app_go(app, SCREEN_DESTINATION, h->index);
            else if (h->kind == SEARCH_SERVICE && legacy_service_row(app, ui, r, h->index))
                app_go(app, SCREEN_SERVICE, h->index);
            else if (h->kind == SEARCH_PAGE && legacy_page_row(app, ui, r, h->index))
                app_go(app, SCREEN_PAGE, h->index);
            y += rh;
        }
    }
    ui_scroll_end(ui, y - y0);
}

static void search_update(App *app, void *st_, Ui *ui, Rect area)
{
    (void)st_;
    SearchState *ss = SRS(app);
    const Theme *t = &ui->theme;
    int u = t->unit;
    area = rect_make(area.x + u * 4, area.y + u * 3, area.w - u * 8, area.h - u * 5);
    bool wide = area.w > area.h;
    int kbd_h = t->min_target * 5 + u * 4;
    Rect field, list, kbd;
    if (wide) {
        int kw = area.w / 2;
        kbd = rect_make(area.x + area.w - kw, area.y + area.h - kbd_h, kw, kbd_h);
        field = rect_make(area.x, area.y, kbd.x - area.x - u * 4, t->min_target);
        list = rect_make(area.x, field.y + field.h + u * 2, field.w, area.h - field.h - u * 2);
    } else {
        field = rect_make(area.x, area.y, area.w, t->min_target);
        kbd = rect_make(area.x, area.y + area.h - kbd_h, area.w, kbd_h);
        list = rect_make(area.x, field.y + field.h + u * 2, area.w,
                         kbd.y - field.y - field.h - u * 5);
    }
    if (ui->focus == 0)
        ui_focus(ui, "search-all-field");
    bool changed = ui_field(ui, "search-all-field", field, &ss->query,
                            tr(S_SEARCH_ALL_PLACEHOLDER));
    changed |= ui_keyboard(ui, "kbd", kbd, &ss->query);
    if (changed || !ss->searched) {
        run(app);
        ui_scroll_to(ui, "search-all-results", 0);
    }
    if (ss->query.len == 0)
        ui_text(ui, "search-hint", rect_inset(list, u * 2), FONT_LARGE, t->text_muted,
                UI_ALIGN_LEFT, tr(S_SEARCH_START_HINT));
    else if (ss->nhits == 0)
        nothing_found(app, ui, rect_inset(list, u * 2));
    else
        results(app, ui, list);
}

static void search_init(App *app, void *st)
{
    (void)app;
    SearchState *ss = st;
    strbuf_init(&ss->query, 120);
    ss->query.wipe = true;
}

static void search_forget(App *app, void *st)
{
    (void)app;
    SearchState *ss = st;
    strbuf_release(&ss->query);
    ss->nhits = 0;
    ss->searched = false;
}

const Screen screen_search = {
    .state_size = sizeof(SearchState),
    .init = search_init,
    .forget = search_forget,
    .name = "search",
    .has_header = true,
    .title = S_SEARCH_TITLE,
    .enter = search_enter,
    .leave = search_leave,
    .update = search_update,
};
