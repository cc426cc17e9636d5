/* screen_find.c: "Find your way": every destination A to Z (with a letter index),
 * by type, or by search typed on the on-screen keyboard with results as the person
 * types. Tapping a place opens its destination screen.
 *
 * Layout (layout engine): the three tabs in a row that wraps when larger text makes
 * them wider than the screen; under them the chosen tab. A to Z: the list, with the
 * letter index beside it on a wide screen and above it on a tall one (the index
 * reflows to as many columns as fit). By type: the types beside the list, or a grid of
 * them above it. Search: the field over the results, the keyboard beside them on a
 * wide screen and below them on a tall one, never covering either. */
#include "screens.h"

#include "utf8.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { FIND_MAX_HITS = 50, FIND_LETTERS = 27 /* A to Z and '#' */ };

typedef struct FindState {
    FindTab tab;
    int type;                 /* selected type index for "By type", -1 all */
    StrBuf query;             /* search text (wiped when the person leaves) */
    char suggest[256];        /* "did you mean" for the query, or ""; wiped with it */
    SearchHit hits[FIND_MAX_HITS];
    int nhits;
    bool searched;            /* hits match the current query */
    /* The places in A to Z order of their names in the person's language (content
     * translations), or NULL for the Site's own (English) order. */
    int *order;
    size_t norder;
    char order_lang[16];
    const Site *order_site;   /* the content it was made for (a reload changes it) */
} FindState;

static void find_enter(App *app, void *st, int arg)
{
    FindState *f = st;
    f->tab = arg == FIND_TAB_SEARCH ? FIND_TAB_SEARCH : FIND_TAB_AZ;
    f->type = -1;
    strbuf_reset(&f->query);
    mem_wipe(f->suggest, sizeof f->suggest);
    f->nhits = 0;
    f->searched = false;
    if (f->tab == FIND_TAB_SEARCH)
        ui_focus(app->ui, "search-field");
    static const char *const lists[] = {"az-list", "az-index", "type-list", "type-dest-list",
                                        "search-results"};
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++)
        ui_scroll_to(app->ui, lists[i], 0);
}

static int max_int(int a, int b)
{
    return a > b ? a : b;
}

/* What lay_scroll keeps at the end side of a region for its bar and the gap before
 * it, for sizing a region to fit content of a known width. */
static int scroll_bar_room(const Theme *t)
{
    return t->space[SPACE_L];
}

/* A column over r with no padding: the start of a pane. */
static void pane(Lay *l, Ui *ui, Rect r, Space gap)
{
    lay_column(l, ui, r, SPACE_NONE, gap, NULL, NULL);
}

/* An invisible group for the accessibility tree around a few controls. */
static void group_begin(Lay *parent, Lay *group, const char *id, Space gap)
{
    const Theme *t = &parent->ui->theme;
    LayPanelStyle none = {t->bg, t->bg, 0, t->bg, 0, 0};
    lay_panel(parent, group, &none, SPACE_NONE, gap, id);
}

/* ==== the tabs ==== */

static const struct {
    const char *id;
    StrId label;
    FindTab tab;
} tabs[] = {
    {"tab-az", S_FIND_TAB_AZ, FIND_TAB_AZ},
    {"tab-type", S_FIND_TAB_TYPE, FIND_TAB_TYPE},
    {"tab-search", S_FIND_TAB_SEARCH, FIND_TAB_SEARCH},
};
enum { FIND_NTABS = sizeof tabs / sizeof tabs[0] };

/* The tabs, all as wide as the widest needs, as many to a row as fit. */
static void tab_bar(FindState *f, Ui *ui, Lay *page)
{
    const Theme *t = &ui->theme;
    int tab_w = t->min_target * 3;
    for (int i = 0; i < FIND_NTABS; i++)
        tab_w = max_int(tab_w, ui_text_width(ui, FONT_BODY_BOLD, tr(tabs[i].label)) +
                                   2 * t->space[SPACE_XL]);
    int per_row = lay_grid_columns(lay_width(page), tab_w, t->space[SPACE_M], FIND_NTABS);
    tab_w = tab_w < lay_width(page) ? tab_w : lay_width(page);
    int tab_h = 0;
    for (int i = 0; i < FIND_NTABS; i++)
        tab_h = max_int(tab_h, ui_tab_height(ui, tab_w, tr(tabs[i].label)));
    LayLen lens[FIND_NTABS + 1];
    for (int i = 0; i < per_row; i++)
        lens[i] = LAY_PX(tab_w);
    lens[per_row] = LAY_FR(1); /* what is left of the row stays empty */
    Lay bar, row, cell;
    group_begin(page, &bar, "find-tabs", SPACE_M);
    for (int i = 0; i < FIND_NTABS; i++) {
        if (i % per_row == 0)
            lay_row(&bar, &row, per_row + 1, lens, SPACE_M);
        lay_cell(&row, &cell, i % per_row, SPACE_NONE);
        if (ui_tab(ui, tabs[i].id, lay_next(&cell, tab_h), tr(tabs[i].label),
                   f->tab == tabs[i].tab)) {
            f->tab = tabs[i].tab;
            ui_focus(ui, NULL);
        }
        lay_cell_end(&row, &cell);
        if (i % per_row == per_row - 1 || i == FIND_NTABS - 1)
            lay_row_end(&bar, &row);
    }
    lay_panel_end(page, &bar);
}

/* ==== lists of places ==== */

/* The first letter of a name, upper case, or '#' for anything not A-Z. */
static char first_letter(const char *name)
{
    char folded[8];
    utf8_fold(name, folded, sizeof folded);
    char c = (char)toupper((unsigned char)folded[0]);
    return c >= 'A' && c <= 'Z' ? c : '#';
}

static int letter_slot(char c)
{
    return c == '#' ? FIND_LETTERS - 1 : c - 'A';
}

static char slot_letter(int k)
{
    return k == FIND_LETTERS - 1 ? '#' : (char)('A' + k);
}

typedef struct OrderKey {
    int index;
    char *key; /* the shown name, folded */
} OrderKey;

static int order_cmp(const void *pa, const void *pb)
{
    const OrderKey *a = pa, *b = pb;
    int c = strcmp(a->key, b->key);
    return c ? c : a->index - b->index;
}

/* Makes f->order for the person's language when the content has names in it. */
static void ensure_order(const App *app, FindState *f)
{
    const Site *s = app->site;
    const char *lang = app_language(app);
    if (f->order_site == s && strcmp(f->order_lang, lang) == 0 &&
        (!f->order || f->norder == s->ndestinations))
        return;
    mem_free(f->order);
    f->order = NULL;
    f->norder = 0;
    f->order_site = s;
    snprintf(f->order_lang, sizeof f->order_lang, "%s", lang);
    if (!site_has_language(s, lang) || s->ndestinations == 0)
        return;
    OrderKey *keys = mem_zalloc_array(s->ndestinations, sizeof *keys);
    int *order = mem_zalloc_array(s->ndestinations, sizeof *order);
    bool ok = keys && order;
    for (size_t i = 0; ok && i < s->ndestinations; i++) {
        keys[i].index = (int)i;
        keys[i].key = utf8_fold_dup(screen_text(app, TR_DESTINATION, TR_NAME, (int)i,
                                                s->destinations[i].name, NULL));
        ok = keys[i].key != NULL;
    }
    if (ok) {
        qsort(keys, s->ndestinations, sizeof *keys, order_cmp);
        for (size_t i = 0; i < s->ndestinations; i++)
            order[i] = keys[i].index;
        f->order = order;
        f->norder = s->ndestinations;
        order = NULL;
    }
    for (size_t i = 0; keys && i < s->ndestinations; i++)
        mem_free(keys[i].key);
    mem_free(keys);
    mem_free(order);
}

/* The i-th place in A to Z order of the shown names. */
static int nth_place(const FindState *f, size_t i)
{
    return f->order && i < f->norder ? f->order[i] : (int)i;
}

/* The first letter of place i's shown name. */
static char place_letter(const App *app, int i)
{
    return first_letter(screen_text(app, TR_DESTINATION, TR_NAME, i,
                                    app->site->destinations[i].name, NULL));
}

/* The places in a scroll region over the rest of `parent`. `only_type` filters (-1
 * all); with letter_y non-NULL, a heading starts each letter and letter_y[] receives
 * each letter's offset in the list (-1 when absent). */
static void dest_list(App *app, FindState *f, Lay *parent, const char *id, int only_type,
                      int letter_y[FIND_LETTERS])
{
    ensure_order(app, f);
    const Site *s = app->site;
    const Theme *t = &parent->ui->theme;
    Lay list;
    lay_scroll(parent, &list, id, 0, SPACE_NONE, SPACE_NONE);
    char last = 0;
    if (letter_y)
        for (int k = 0; k < FIND_LETTERS; k++)
            letter_y[k] = -1;
    /* Once, above the list, when a name in it is English in place of a translation. */
    bool fallback = false;
    for (size_t i = 0; i < s->ndestinations && !fallback; i++)
        if (only_type < 0 || s->destinations[i].type == only_type)
            screen_text(app, TR_DESTINATION, TR_NAME, (int)i, s->destinations[i].name,
                        &fallback);
    if (fallback)
        screen_fallback_note(&list);
    for (size_t n = 0; n < s->ndestinations; n++) {
        int i = nth_place(f, n);
        if (only_type >= 0 && s->destinations[i].type != only_type)
            continue;
        char c = place_letter(app, i);
        if (letter_y && c != last) {
            if (last)
                lay_space(&list, SPACE_M);
            letter_y[letter_slot(c)] = list.y - list.scroll_y0;
            char label[2] = {c, 0}, hid[32];
            snprintf(hid, sizeof hid, "letter-heading-%c", c);
            lay_space(&list, SPACE_S);
            lay_text(&list, hid, FONT_LARGE_BOLD, t->text, label);
            lay_space(&list, SPACE_S);
            last = c;
        }
        if (screen_dest_row(app, &list, i))
            app_go(app, SCREEN_DESTINATION, i);
    }
    lay_scroll_end(parent, &list);
}

/* ==== A to Z ==== */

/* Which letters begin a place's name; returns how many. */
static int letters_present(const App *app, bool present[FIND_LETTERS])
{
    const Site *s = app->site;
    int n = 0;
    memset(present, 0, FIND_LETTERS * sizeof present[0]);
    for (size_t i = 0; i < s->ndestinations; i++) {
        int k = letter_slot(place_letter(app, (int)i));
        if (!present[k]) {
            present[k] = true;
            n++;
        }
    }
    return n;
}

/* The side of a letter key: a touch target, more when larger text needs it. */
static int letter_key_side(Ui *ui)
{
    int side = max_int(ui->theme.min_target, ui_button_width(ui, UI_BUTTON_KEY, "W"));
    return max_int(side, ui_button_height(ui, UI_BUTTON_KEY, side, "W", NULL));
}

/* The letter index in `cols` columns; returns the letter slot tapped, or -1. */
static int letter_index(Ui *ui, Lay *l, const bool present[FIND_LETTERS], int cols, int side)
{
    LayLen lens[LAY_MAX_CELLS];
    for (int i = 0; i < cols; i++)
        lens[i] = LAY_FR(1);
    Lay row, cell;
    int n = 0, tapped = -1;
    for (int k = 0; k < FIND_LETTERS; k++) {
        if (!present[k])
            continue;
        if (n % cols == 0)
            lay_row(l, &row, cols, lens, SPACE_S);
        char label[2] = {slot_letter(k), 0}, id[32];
        snprintf(id, sizeof id, "az-letter-%c", label[0]);
        lay_cell(&row, &cell, n % cols, SPACE_NONE);
        if (ui_button(ui, id, lay_next(&cell, side), UI_BUTTON_KEY, label, NULL))
            tapped = k;
        lay_cell_end(&row, &cell);
        n++;
        if (n % cols == 0)
            lay_row_end(l, &row);
    }
    if (n % cols != 0)
        lay_row_end(l, &row);
    return tapped;
}

static void tab_az(App *app, FindState *f, Ui *ui, Rect body)
{
    const Theme *t = &ui->theme;
    bool present[FIND_LETTERS];
    int n = letters_present(app, present);
    int side = letter_key_side(ui), gap = t->space[SPACE_S];
    int letter_y[FIND_LETTERS], tapped;
    Lay col;
    pane(&col, ui, body, SPACE_L);
    if (body.w > body.h) {
        /* Beside the list: the fewest columns (2 to 6) that show every letter without
         * scrolling; six and a scroll region when even they do not. */
        int cols = 2;
        while (cols < 6 && ((n + cols - 1) / cols) * (side + gap) - gap > body.h)
            cols++;
        bool scrolls = ((n + cols - 1) / cols) * (side + gap) - gap > body.h;
        int index_w = cols * side + (cols - 1) * gap + (scrolls ? scroll_bar_room(t) : 0);
        LayLen lens[2] = {LAY_FR(1), LAY_PX(index_w)};
        Lay row, list_pane, index_pane, index;
        lay_row(&col, &row, 2, lens, SPACE_XL);
        pane(&list_pane, ui, lay_cell_rect(&row, 0, body.h), SPACE_NONE);
        dest_list(app, f, &list_pane, "az-list", -1, letter_y);
        lay_end(&list_pane);
        pane(&index_pane, ui, lay_cell_rect(&row, 1, body.h), SPACE_NONE);
        if (scrolls) {
            lay_scroll(&index_pane, &index, "az-index", 0, SPACE_NONE, SPACE_S);
            tapped = letter_index(ui, &index, present, cols, side);
            lay_scroll_end(&index_pane, &index);
        } else {
            group_begin(&index_pane, &index, "az-index", SPACE_S);
            tapped = letter_index(ui, &index, present, cols, side);
            lay_panel_end(&index_pane, &index);
        }
        lay_end(&index_pane);
    } else {
        /* Above the list, as many columns as fit. */
        int cols = lay_grid_columns(lay_width(&col), side, gap, LAY_MAX_CELLS);
        Lay index;
        group_begin(&col, &index, "az-index", SPACE_S);
        tapped = letter_index(ui, &index, present, cols, side);
        lay_panel_end(&col, &index);
        dest_list(app, f, &col, "az-list", -1, letter_y);
    }
    if (tapped >= 0 && letter_y[tapped] >= 0)
        ui_scroll_to(ui, "az-list", letter_y[tapped]);
    lay_end(&col);
}

/* ==== by type ==== */

/* A type's label in the person's language ("All places" for -1). */
static const char *type_label(const App *app, int i, bool *fallback)
{
    if (i < 0)
        return tr(S_FIND_ALL_TYPES);
    return screen_text(app, TR_DEST_TYPE, TR_NAME, i, app->site->types[i].label, fallback);
}

/* The type tabs ("All places" first) as a column of `cols` columns in `l`. */
static void type_tabs(App *app, FindState *f, Ui *ui, Lay *l, int cols)
{
    const Site *s = app->site;
    LayLen lens[LAY_MAX_CELLS];
    for (int i = 0; i < cols; i++)
        lens[i] = LAY_FR(1);
    int ntabs = (int)s->ntypes + 1;
    Lay row, cell;
    for (int k = 0; k < ntabs; k += cols) {
        /* Every tab in a row as tall as the tallest label needs. */
        lay_row(l, &row, cols, lens, SPACE_M);
        int h = 0;
        for (int c = 0; c < cols && k + c < ntabs; c++) {
            int i = k + c - 1;
            h = max_int(h, ui_tab_height(ui, lay_cell_rect(&row, c, 0).w,
                                         type_label(app, i, NULL)));
        }
        for (int c = 0; c < cols && k + c < ntabs; c++) {
            int i = k + c - 1;
            char id[96];
            snprintf(id, sizeof id, "type-%s", i < 0 ? "all" : s->types[i].id);
            lay_cell(&row, &cell, c, SPACE_NONE);
            bool fb = false;
            const char *label = type_label(app, i, &fb);
            ui_set_text_lang(ui, screen_lang_en(fb));
            if (ui_tab(ui, id, lay_next(&cell, h), label, f->type == i)) {
                f->type = i;
                ui_scroll_to(ui, "type-dest-list", 0);
            }
            ui_set_text_lang(ui, NULL);
            lay_cell_end(&row, &cell);
        }
        lay_row_end(l, &row);
    }
}

/* Height of the type tabs in `cols` columns of a column w wide. */
static int type_tabs_height(App *app, Ui *ui, int w, int cols)
{
    const Site *s = app->site;
    const Theme *t = &ui->theme;
    int gap = t->space[SPACE_M], cw = (w - gap * (cols - 1)) / cols;
    int ntabs = (int)s->ntypes + 1, total = 0;
    for (int k = 0; k < ntabs; k += cols) {
        int h = 0;
        for (int c = 0; c < cols && k + c < ntabs; c++) {
            int i = k + c - 1;
            h = max_int(h, ui_tab_height(ui, cw, type_label(app, i, NULL)));
        }
        total += h + (k ? gap : 0);
    }
    return total;
}

/* Which places the list shows, "Food and drink (3)" like the search's groups (the
 * chosen tab may be scrolled out of sight). */
static void type_heading(App *app, FindState *f, Lay *l)
{
    const Site *s = app->site;
    int n = 0;
    for (size_t i = 0; i < s->ndestinations; i++)
        n += f->type < 0 || s->destinations[i].type == f->type;
    char head[256];
    snprintf(head, sizeof head, "%s (%d)", type_label(app, f->type, NULL), n);
    lay_text(l, "type-heading", FONT_LARGE_BOLD, l->ui->theme.text, head);
}

static void tab_type(App *app, FindState *f, Ui *ui, Rect body)
{
    const Theme *t = &ui->theme;
    Lay col, types;
    pane(&col, ui, body, SPACE_L);
    if (body.w > body.h) {
        LayLen lens[2] = {LAY_FR(1), LAY_FR(2)};
        Lay row, left, right;
        lay_row(&col, &row, 2, lens, SPACE_XL);
        pane(&left, ui, lay_cell_rect(&row, 0, body.h), SPACE_NONE);
        lay_scroll(&left, &types, "type-list", 0, SPACE_NONE, SPACE_M);
        type_tabs(app, f, ui, &types, 1);
        lay_scroll_end(&left, &types);
        lay_end(&left);
        pane(&right, ui, lay_cell_rect(&row, 1, body.h), SPACE_M);
        type_heading(app, f, &right);
        dest_list(app, f, &right, "type-dest-list", f->type, NULL);
        lay_end(&right);
    } else {
        /* A grid of types above the list; it scrolls when it would take more than a
         * third of the height. */
        int widest = t->min_target * 4;
        int cols = lay_grid_columns(lay_width(&col), widest, t->space[SPACE_M], 3);
        int h = type_tabs_height(app, ui, lay_width(&col) - scroll_bar_room(t), cols);
        if (h > body.h / 3)
            h = body.h / 3;
        lay_scroll(&col, &types, "type-list", h, SPACE_NONE, SPACE_M);
        type_tabs(app, f, ui, &types, cols);
        lay_scroll_end(&col, &types);
        type_heading(app, f, &col);
        dest_list(app, f, &col, "type-dest-list", f->type, NULL);
    }
    lay_end(&col);
}

/* ==== search ==== */

static void run_search(App *app, FindState *f)
{
    f->nhits = store_search_suggest(app->store, f->query.buf, 1u << SEARCH_DESTINATION,
                                    f->hits, FIND_MAX_HITS, f->suggest, sizeof f->suggest);
    if (f->nhits < 0)
        f->nhits = 0;
    f->searched = true;
    if (f->nhits == 0 && f->query.len > 0)
        usage_search_empty(app->usage, f->query.buf);
}

/* "Nothing found", what to try, and the way to the A to Z. */
static void nothing_found(FindState *f, Ui *ui, Lay *l)
{
    const Theme *t = &ui->theme;
    char buf[512];
    i18n_format(buf, sizeof buf, S_SEARCH_NO_RESULTS, f->query.buf, NULL, NULL);
    lay_text(l, "search-none", FONT_LARGE_BOLD, t->text, buf);
    lay_space(l, SPACE_M);
    lay_text(l, "search-none-hint", FONT_BODY, t->text, tr(S_SEARCH_NO_RESULTS_HINT));
    lay_space(l, SPACE_L);
    if (lay_button(l, "search-browse", UI_BUTTON_PRIMARY, tr(S_SEARCH_BROWSE), NULL,
                   LAY_START)) {
        f->tab = FIND_TAB_AZ;
        ui_focus(ui, NULL);
    }
}

static void search_results(App *app, FindState *f, Ui *ui, Lay *pane_l)
{
    const Theme *t = &ui->theme;
    Lay list;
    lay_scroll(pane_l, &list, "search-results", 0, SPACE_NONE, SPACE_NONE);
    if (f->query.len == 0) {
        lay_text(&list, "search-hint", FONT_LARGE, t->text_muted, tr(S_SEARCH_START_HINT));
    } else if (f->nhits == 0) {
        nothing_found(f, ui, &list);
    } else {
        if (f->suggest[0] &&
            screen_did_you_mean(&list, "search-suggest", f->query.buf, f->suggest)) {
            strbuf_reset(&f->query); /* the suggestion, searched again next frame */
            strbuf_adds(&f->query, f->suggest);
            f->searched = false;
            ui_request_frame(ui);
        }
        for (int i = 0; i < f->nhits; i++)
            if (f->hits[i].kind == SEARCH_DESTINATION &&
                screen_dest_row(app, &list, f->hits[i].index))
                app_go(app, SCREEN_DESTINATION, f->hits[i].index);
    }
    lay_scroll_end(pane_l, &list);
}

static void tab_search(App *app, FindState *f, Ui *ui, Rect body)
{
    Lay col, left;
    Rect kbd;
    pane(&col, ui, body, SPACE_L);
    if (body.w > body.h) {
        /* The keyboard beside the results, at the bottom where hands reach it. */
        /* Half the width, or more when that is too narrow for touch-sized keys. */
        int kbd_w = lay_width(&col) / 2;
        if (kbd_w < ui_keyboard_width(ui))
            kbd_w = ui_keyboard_width(ui);
        LayLen lens[2] = {LAY_FR(1), LAY_PX(kbd_w)};
        Lay row, right;
        lay_row(&col, &row, 2, lens, SPACE_XL);
        pane(&left, ui, lay_cell_rect(&row, 0, body.h), SPACE_L);
        pane(&right, ui, lay_cell_rect(&row, 1, body.h), SPACE_NONE);
        kbd = lay_bottom(&right, ui_keyboard_height(ui, lay_width(&right)));
        lay_end(&right);
    } else {
        kbd = lay_bottom(&col, ui_keyboard_height(ui, lay_width(&col)));
        pane(&left, ui, lay_rest(&col), SPACE_L);
    }
    if (!ui_has_focus(ui))
        ui_focus(ui, "search-field");
    bool changed = lay_field(&left, "search-field", &f->query, tr(S_SEARCH_PLACEHOLDER));
    changed |= ui_keyboard(ui, "kbd", kbd, &f->query);
    if (changed || !f->searched) {
        run_search(app, f);
        ui_scroll_to(ui, "search-results", 0);
    }
    search_results(app, f, ui, &left);
    lay_end(&left);
    lay_end(&col);
}

/* ==== the screen ==== */

static void find_update(App *app, void *st, Ui *ui, Rect area)
{
    FindState *f = st;
    Lay page;
    lay_column(&page, ui, area, SPACE_XL, SPACE_L, NULL, NULL);
    tab_bar(f, ui, &page);
    Rect body = lay_rest(&page);
    switch (f->tab) {
    case FIND_TAB_AZ: tab_az(app, f, ui, body); break;
    case FIND_TAB_TYPE: tab_type(app, f, ui, body); break;
    case FIND_TAB_SEARCH: tab_search(app, f, ui, body); break;
    }
    lay_end(&page);
}

static void find_init(App *app, void *st)
{
    (void)app;
    FindState *f = st;
    strbuf_init(&f->query, 120);
    f->query.wipe = true;
    f->type = -1;
}

static void find_forget(App *app, void *st)
{
    (void)app;
    FindState *f = st;
    strbuf_release(&f->query);
    mem_wipe(f->suggest, sizeof f->suggest);
    mem_free(f->order);
    f->order = NULL;
    f->norder = 0;
    f->order_site = NULL;
    f->order_lang[0] = '\0';
    f->nhits = 0;
    f->searched = false;
    f->tab = FIND_TAB_AZ;
    f->type = -1;
}

const Screen screen_find = {
    .name = "find",
    .has_header = true,
    .title = S_FIND_TITLE,
    .state_size = sizeof(FindState),
    .init = find_init,
    .enter = find_enter,
    .update = find_update,
    .forget = find_forget,
};
