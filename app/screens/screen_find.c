/* screen_find.c: "Find your way": every destination A to Z (with a letter index),
 * by type, or by search typed on the on-screen keyboard with results as the person
 * types. Tapping a place opens its destination screen. */
#include "screens.h"
#include "screen_legacy.h"

#include "utf8.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

enum { FIND_MAX_HITS = 50 };

typedef struct FindState {
    FindTab tab;
    int type;                 /* selected type index for "By type", -1 all */
    StrBuf query;             /* search text (wiped on leave) */
    SearchHit hits[FIND_MAX_HITS];
    int nhits;
    bool searched;            /* hits match the current query */
} FindState;

static FindState *FS(const App *app)
{
    return screen_state((App *)app, SCREEN_FIND);
}

static void find_enter(App *app, void *st_, int arg)
{
    (void)st_;
    FindState *f = FS(app);
    f->tab = arg == FIND_TAB_SEARCH ? FIND_TAB_SEARCH : FIND_TAB_AZ;
    f->type = -1;
    strbuf_reset(&f->query);
    f->nhits = 0;
    f->searched = false;
    if (f->tab == FIND_TAB_SEARCH)
        ui_focus(app->ui, "search-field");
    static const char *const lists[] = {"az-list", "type-list", "type-dest-list",
                                        "search-results"};
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++)
        ui_scroll_to(app->ui, lists[i], 0);
}

static void find_leave(App *app, void *st_)
{
    (void)st_;
    /* The search text stays for Back from a destination; app_forget wipes it. */
    (void)app;
}

static int row_height(const Ui *ui)
{
    return ui->theme.min_target + ui->theme.unit * 3;
}

/* The first letter of a name, upper case, or '#' for anything not A-Z. */
static char first_letter(const char *name)
{
    char folded[8];
    utf8_fold(name, folded, sizeof folded);
    char c = (char)toupper((unsigned char)folded[0]);
    return c >= 'A' && c <= 'Z' ? c : '#';
}

/* A scrolling list of destination rows. `only_type` filters (-1 all); with
 * `letters`, headings separate the letters and letter_y[] receives each letter's
 * offset in the list (-1 when absent). */
static void dest_list(App *app, Ui *ui, const char *id, Rect view, int only_type,
                      bool letters, int letter_y[27])
{
    const Site *s = app->site;
    const Theme *t = &ui->theme;
    int rh = row_height(ui), hh = ui_line_height(ui, FONT_LARGE_BOLD) + t->unit * 2;
    int y0 = ui_scroll_begin(ui, id, view), y = y0;
    char last = 0;
    if (letter_y)
        for (int i = 0; i < 27; i++)
            letter_y[i] = -1;
    for (size_t i = 0; i < s->ndestinations; i++) {
        if (only_type >= 0 && s->destinations[i].type != only_type)
            continue;
        if (letters) {
            char c = first_letter(s->destinations[i].name);
            if (c != last) {
                if (letter_y)
                    letter_y[c == '#' ? 26 : c - 'A'] = y - y0;
                char lbl[2] = {c, 0};
                char hid[32];
                snprintf(hid, sizeof hid, "letter-heading-%c", c);
                Rect hr = rect_make(view.x + t->unit * 3, y + t->unit, view.w, hh);
                if (ui_visible(ui, hr))
                    ui_text(ui, hid, hr, FONT_LARGE_BOLD, t->text, UI_ALIGN_LEFT, lbl);
                y += hh;
                last = c;
            }
        }
        Rect r = rect_make(view.x, y, view.w - t->unit * 2, rh);
        if (legacy_dest_row(app, ui, r, (int)i))
            app_go(app, SCREEN_DESTINATION, (int)i);
        y += rh;
    }
    ui_scroll_end(ui, y - y0);
}

static void tab_az(App *app, Ui *ui, Rect area)
{
    const Theme *t = &ui->theme;
    int u = t->unit, bs = t->min_target, gap = u;
    int letter_y[27];
    bool wide = area.w > area.h;
    int cols = wide ? 4 : (area.w + gap) / (bs + gap);
    /* Count letters present to size the index. */
    bool present[27] = {0};
    int npresent = 0;
    for (size_t i = 0; i < app->site->ndestinations; i++) {
        char c = first_letter(app->site->destinations[i].name);
        int k = c == '#' ? 26 : c - 'A';
        if (!present[k]) {
            present[k] = true;
            npresent++;
        }
    }
    int rows = (npresent + cols - 1) / cols;
    Rect list, index;
    if (wide) {
        int iw = cols * (bs + gap);
        list = rect_make(area.x, area.y, area.w - iw - u * 4, area.h);
        index = rect_make(area.x + area.w - iw - u, area.y, iw, area.h);
    } else {
        int ih = rows * (bs + gap);
        index = rect_make(area.x + u * 2, area.y, area.w - u * 4, ih);
        list = rect_make(area.x, area.y + ih + u * 2, area.w, area.h - ih - u * 2);
    }
    dest_list(app, ui, "az-list", list, -1, true, letter_y);
    int n = 0;
    for (int k = 0; k < 27; k++) {
        if (!present[k])
            continue;
        char lbl[2] = {k == 26 ? '#' : (char)('A' + k), 0}, id[32];
        snprintf(id, sizeof id, "az-letter-%c", lbl[0]);
        Rect r = rect_make(index.x + (n % cols) * (bs + gap), index.y + (n / cols) * (bs + gap),
                           bs, bs);
        if (ui_button(ui, id, r, UI_BUTTON_KEY, lbl, NULL) && letter_y[k] >= 0)
            ui_scroll_to(ui, "az-list", letter_y[k]);
        n++;
    }
}

static void tab_type(App *app, Ui *ui, Rect area)
{
    const Site *s = app->site;
    const Theme *t = &ui->theme;
    int u = t->unit;
    bool wide = area.w > area.h;
    int bh = t->min_target;
    Rect types, list;
    if (wide) {
        types = rect_make(area.x + u * 2, area.y, area.w / 3, area.h);
        list = rect_make(types.x + types.w + u * 3, area.y, area.w - types.w - u * 5, area.h);
    } else {
        int cols = 2;
        int rows = ((int)s->ntypes + 1 + cols - 1) / cols;
        types = rect_make(area.x + u * 2, area.y, area.w - u * 4, rows * (bh + u));
        list = rect_make(area.x, area.y + types.h + u * 2, area.w, area.h - types.h - u * 2);
    }
    int cols = wide ? 1 : 2;
    int cw = (types.w - (cols - 1) * u) / cols;
    int y0 = wide ? ui_scroll_begin(ui, "type-list", types) : types.y;
    for (int i = -1; i < (int)s->ntypes; i++) {
        int k = i + 1;
        Rect r = rect_make(types.x + (k % cols) * (cw + u), y0 + (k / cols) * (bh + u),
                           cw - (wide ? u * 2 : 0), bh);
        char id[96];
        snprintf(id, sizeof id, "type-%s", i < 0 ? "all" : s->types[i].id);
        const char *label = i < 0 ? tr(S_FIND_ALL_TYPES) : s->types[i].label;
        if (ui_tab(ui, id, r, label, FS(app)->type == i)) {
            FS(app)->type = i;
            ui_scroll_to(ui, "type-dest-list", 0);
        }
    }
    if (wide)
        ui_scroll_end(ui, ((int)s->ntypes + 1) * (bh + u));
    dest_list(app, ui, "type-dest-list", list, FS(app)->type, FS(app)->type < 0, NULL);
}

static void run_search(App *app)
{
    FindState *f = FS(app);
    f->nhits = store_search_kinds(app->store, f->query.buf, 1u << SEARCH_DESTINATION, f->hits,
                                  FIND_MAX_HITS);
    if (f->nhits < 0)
        f->nhits = 0;
    f->searched = true;
}

static void tab_search(App *app, Ui *ui, Rect area)
{
    FindState *f = FS(app);
    const Theme *t = &ui->theme;
    int u = t->unit;
    bool wide = area.w > area.h;
    int key_h = t->min_target;
    int kbd_h = key_h * 5 + u * 4;
    Rect field, results, kbd;
    if (wide) {
        int kw = area.w / 2;
        kbd = rect_make(area.x + area.w - kw - u * 2, area.y + area.h - kbd_h - u * 2, kw, kbd_h);
        field = rect_make(area.x + u * 2, area.y, kbd.x - area.x - u * 6, t->min_target);
        results = rect_make(area.x, field.y + field.h + u * 2, field.w + u * 2,
                            area.h - field.h - u * 2);
    } else {
        field = rect_make(area.x + u * 2, area.y, area.w - u * 4, t->min_target);
        kbd = rect_make(area.x + u * 2, area.y + area.h - kbd_h - u * 2, area.w - u * 4, kbd_h);
        results = rect_make(area.x, field.y + field.h + u * 2, area.w,
                            kbd.y - field.y - field.h - u * 5);
    }
    if (app->ui->focus == 0)
        ui_focus(ui, "search-field");
    bool changed = ui_field(ui, "search-field", field, &f->query, tr(S_SEARCH_PLACEHOLDER));
    changed |= ui_keyboard(ui, "kbd", kbd, &f->query);
    if (changed || !f->searched)
        run_search(app);

    if (f->query.len == 0) {
        ui_text(ui, "search-hint", rect_inset(results, u * 3), FONT_LARGE, t->text_muted,
                UI_ALIGN_LEFT, tr(S_SEARCH_START_HINT));
        return;
    }
    if (f->nhits == 0) {
        char buf[512];
        i18n_format(buf, sizeof buf, S_SEARCH_NO_RESULTS, f->query.buf, NULL, NULL);
        Rect r = rect_inset(results, u * 3);
        int h = ui_text(ui, "search-none", r, FONT_LARGE_BOLD, t->text, UI_ALIGN_LEFT, buf);
        h += u * 2;
        h += ui_text(ui, "search-none-hint", rect_make(r.x, r.y + h, r.w, r.h - h), FONT_BODY,
                     t->text, UI_ALIGN_LEFT, tr(S_SEARCH_NO_RESULTS_HINT));
        Rect b = rect_make(r.x, r.y + h + u * 3, t->min_target * 5, t->min_target);
        if (ui_button(ui, "search-browse", b, UI_BUTTON_PRIMARY, tr(S_SEARCH_BROWSE), NULL)) {
            f->tab = FIND_TAB_AZ;
            ui->focus = 0;
        }
        return;
    }
    int rh = row_height(ui);
    int y0 = ui_scroll_begin(ui, "search-results", results);
    for (int i = 0; i < f->nhits; i++) {
        Rect r = rect_make(results.x, y0 + i * rh, results.w - u * 2, rh);
        if (f->hits[i].kind == SEARCH_DESTINATION && legacy_dest_row(app, ui, r, f->hits[i].index))
            app_go(app, SCREEN_DESTINATION, f->hits[i].index);
    }
    ui_scroll_end(ui, f->nhits * rh);
}

static void find_update(App *app, void *st_, Ui *ui, Rect area)
{
    (void)st_;
    const Theme *t = &ui->theme;
    int u = t->unit;
    area = rect_make(area.x + u * 2, area.y + u * 3, area.w - u * 4, area.h - u * 5);
    int tw = t->min_target * 3, th = t->min_target;
    static const struct { const char *id; StrId label; FindTab tab; } tabs[] = {
        {"tab-az", S_FIND_TAB_AZ, FIND_TAB_AZ},
        {"tab-type", S_FIND_TAB_TYPE, FIND_TAB_TYPE},
        {"tab-search", S_FIND_TAB_SEARCH, FIND_TAB_SEARCH},
    };
    for (int i = 0; i < 3; i++) {
        Rect r = rect_make(area.x + u * 2 + i * (tw + u * 2), area.y, tw, th);
        if (ui_tab(ui, tabs[i].id, r, tr(tabs[i].label), FS(app)->tab == tabs[i].tab)) {
            FS(app)->tab = tabs[i].tab;
            ui->focus = 0;
        }
    }
    Rect body = rect_make(area.x, area.y + th + u * 3, area.w, area.h - th - u * 3);
    switch (FS(app)->tab) {
    case FIND_TAB_AZ: tab_az(app, ui, body); break;
    case FIND_TAB_TYPE: tab_type(app, ui, body); break;
    case FIND_TAB_SEARCH: tab_search(app, ui, body); break;
    }
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
    f->nhits = 0;
    f->searched = false;
    f->tab = FIND_TAB_AZ;
    f->type = -1;
}

const Screen screen_find = {
    .state_size = sizeof(FindState),
    .init = find_init,
    .forget = find_forget,
    .name = "find",
    .has_header = true,
    .title = S_FIND_TITLE,
    .enter = find_enter,
    .leave = find_leave,
    .update = find_update,
};
