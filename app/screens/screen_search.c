/* screen_search.c: search across the kiosk (opened from the search box on home):
 * places, services and information pages, found as the person types on the
 * on-screen keyboard and grouped by kind. A search that found nothing as typed but
 * something once corrected ("cardiolgy") shows those hits under "Did you mean
 * "cardiology"?", a button that puts the suggestion in the field. Nothing found offers
 * ways to browse and a reminder to ask at reception.
 *
 * Layout (layout engine): the field over the results; the keyboard beside them on a
 * wide screen and below them on a tall one, never covering either. */
#include "screens.h"

#include <stdio.h>

enum { SEARCH_MAX_HITS = 60, SEARCH_SUGGEST_MAX = 256 };

typedef struct SearchState {
    StrBuf query;             /* wiped when the person leaves */
    char suggest[SEARCH_SUGGEST_MAX]; /* "did you mean", "" for none; wiped with the query */
    SearchHit hits[SEARCH_MAX_HITS];
    int nhits;
    bool searched;
} SearchState;

static void search_enter(App *app, void *st, int arg)
{
    (void)arg;
    SearchState *ss = st;
    strbuf_reset(&ss->query);
    mem_wipe(ss->suggest, sizeof ss->suggest);
    ss->nhits = 0;
    ss->searched = false;
    ui_focus(app->ui, "search-all-field");
    ui_scroll_to(app->ui, "search-all-results", 0);
}

static void run(App *app, SearchState *ss)
{
    ss->nhits = store_search_suggest(app->store, ss->query.buf, ~0u, ss->hits,
                                     SEARCH_MAX_HITS, ss->suggest, sizeof ss->suggest);
    if (ss->nhits < 0)
        ss->nhits = 0;
    ss->searched = true;
    if (ss->nhits == 0 && ss->query.len > 0)
        usage_search_empty(app->usage, ss->query.buf);
}

static void nothing_found(App *app, SearchState *ss, Lay *l)
{
    const Theme *t = &l->ui->theme;
    char buf[512];
    i18n_format(buf, sizeof buf, S_SEARCH_NO_RESULTS, ss->query.buf, NULL, NULL);
    lay_text(l, "search-none", FONT_LARGE_BOLD, t->text, buf);
    lay_space(l, SPACE_M);
    lay_text(l, "search-ask", FONT_BODY, t->text, tr(S_SEARCH_ASK_RECEPTION));
    lay_space(l, SPACE_L);
    if (lay_button(l, "search-browse-places", UI_BUTTON_SECONDARY, tr(S_SEARCH_BROWSE), NULL,
                   LAY_START))
        app_go(app, SCREEN_FIND, 0);
    lay_space(l, SPACE_M);
    if (lay_button(l, "search-browse-support", UI_BUTTON_SECONDARY,
                   tr(S_SEARCH_BROWSE_SUPPORT), NULL, LAY_START))
        app_go(app, SCREEN_SUPPORT, 0);
}

static const struct {
    SearchKind kind;
    StrId label;
    const char *id;
} groups[] = {
    {SEARCH_DESTINATION, S_SEARCH_GROUP_PLACES, "group-places"},
    {SEARCH_SERVICE, S_SEARCH_GROUP_SERVICES, "group-services"},
    {SEARCH_PAGE, S_SEARCH_GROUP_PAGES, "group-pages"},
};

/* One kind's hits under a heading "Places (3)"; nothing when it has none. */
static void result_group(App *app, SearchState *ss, Lay *list, size_t g)
{
    const Theme *t = &list->ui->theme;
    int n = 0;
    for (int i = 0; i < ss->nhits; i++)
        n += ss->hits[i].kind == groups[g].kind;
    if (n == 0)
        return;
    char head[128], num[16];
    snprintf(num, sizeof num, "%d", n);
    snprintf(head, sizeof head, "%s (%s)", tr(groups[g].label), num);
    if (list->started)
        lay_space(list, SPACE_L);
    lay_space(list, SPACE_S);
    lay_text(list, groups[g].id, FONT_LARGE_BOLD, t->text, head);
    lay_space(list, SPACE_S);
    for (int i = 0; i < ss->nhits; i++) {
        const SearchHit *h = &ss->hits[i];
        if (h->kind != groups[g].kind)
            continue;
        if (h->kind == SEARCH_DESTINATION && screen_dest_row(app, list, h->index))
            app_go(app, SCREEN_DESTINATION, h->index);
        else if (h->kind == SEARCH_SERVICE && screen_service_row(app, list, h->index))
            app_go(app, SCREEN_SERVICE, h->index);
        else if (h->kind == SEARCH_PAGE && screen_page_row(app, list, h->index))
            app_go(app, SCREEN_PAGE, h->index);
    }
}

/* Returns true when the person took the suggestion. */
static bool results(App *app, SearchState *ss, Lay *pane)
{
    const Theme *t = &pane->ui->theme;
    Lay list;
    bool took = false;
    lay_scroll(pane, &list, "search-all-results", 0, SPACE_NONE, SPACE_NONE);
    if (ss->query.len == 0) {
        lay_text(&list, "search-hint", FONT_LARGE, t->text_muted, tr(S_SEARCH_START_HINT));
    } else if (ss->nhits == 0) {
        nothing_found(app, ss, &list);
    } else {
        if (ss->suggest[0])
            took = screen_did_you_mean(&list, "search-all-suggest", ss->query.buf,
                                       ss->suggest);
        for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++)
            result_group(app, ss, &list, g);
    }
    lay_scroll_end(pane, &list);
    return took;
}

static void search_update(App *app, void *st, Ui *ui, Rect area)
{
    SearchState *ss = st;
    Lay page, left;
    Rect kbd;
    lay_column(&page, ui, area, SPACE_XL, SPACE_L, NULL, NULL);
    if (area.w > area.h) {
        /* Half the width, or more when that is too narrow for touch-sized keys. */
        int kbd_w = lay_width(&page) / 2;
        if (kbd_w < ui_keyboard_width(ui))
            kbd_w = ui_keyboard_width(ui);
        LayLen lens[2] = {LAY_FR(1), LAY_PX(kbd_w)};
        Lay row, right;
        int h = lay_remaining(&page);
        lay_row(&page, &row, 2, lens, SPACE_XL);
        lay_column(&left, ui, lay_cell_rect(&row, 0, h), SPACE_NONE, SPACE_L, NULL, NULL);
        lay_column(&right, ui, lay_cell_rect(&row, 1, h), SPACE_NONE, SPACE_NONE, NULL, NULL);
        kbd = lay_bottom(&right, ui_keyboard_height(ui, lay_width(&right)));
        lay_end(&right);
    } else {
        kbd = lay_bottom(&page, ui_keyboard_height(ui, lay_width(&page)));
        lay_column(&left, ui, lay_rest(&page), SPACE_NONE, SPACE_L, NULL, NULL);
    }
    if (!ui_has_focus(ui))
        ui_focus(ui, "search-all-field");
    bool changed = lay_field(&left, "search-all-field", &ss->query,
                             tr(S_SEARCH_ALL_PLACEHOLDER));
    changed |= ui_keyboard(ui, "kbd", kbd, &ss->query);
    if (changed || !ss->searched) {
        run(app, ss);
        ui_scroll_to(ui, "search-all-results", 0);
    }
    if (results(app, ss, &left)) {
        strbuf_reset(&ss->query);
        strbuf_adds(&ss->query, ss->suggest);
        ss->searched = false; /* searched again next frame, with no suggestion */
        ui_request_frame(ui);
    }
    lay_end(&left);
    lay_end(&page);
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
    mem_wipe(ss->suggest, sizeof ss->suggest);
    ss->nhits = 0;
    ss->searched = false;
}

const Screen screen_search = {
    .name = "search",
    .has_header = true,
    .title = S_SEARCH_TITLE,
    .state_size = sizeof(SearchState),
    .init = search_init,
    .enter = search_enter,
    .update = search_update,
    .forget = search_forget,
};
