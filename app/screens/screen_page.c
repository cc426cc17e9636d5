/* screen_page.c: an information page ("How to raise a concern", "About PALS"...):
 * headings, paragraphs, bullet and numbered lists set for reading at arm's length,
 * scrolling when long; buttons for links to other pages, services and places (left out
 * when the content has no such page, service or place) and to the kiosk's own
 * functions ("kiosk:concern" starts the concern form); and a QR code to the page's web
 * version when the content gives one.
 *
 * Layout (layout engine): the text in a scroll region no wider than about 70
 * characters a line; the QR panel beside it on a wide screen, under it on a tall one
 * (inside the scroll region, after the text, when it would take more than half the
 * height). */
#include "screens.h"

#include "log.h"

#include <stdio.h>
#include <string.h>

typedef struct PageState {
    int page;
    QrMatrix qr;
} PageState;

static void page_enter(App *app, void *st, int arg)
{
    PageState *ps = st;
    ps->page = arg;
    qr_release(&ps->qr);
    const Page *p = &app->site->pages[arg];
    if (p->url && *p->url && qr_encode(p->url, &ps->qr) != 0)
        log_warn("QR for page %s: %s", p->id, err_msg());
    ui_scroll_to(app->ui, "page-body", 0);
}

/* The kiosk functions a "kiosk:NAME" link may open (kiosk:page/ID is handled apart);
 * the content build accepts exactly these names. */
static const struct {
    const char *name;
    ScreenId screen;
} kiosk_functions[] = {
    {"concern", SCREEN_CONCERN},
    {"needs", SCREEN_NEEDS},
    {"find", SCREEN_FIND},
    {"support", SCREEN_SUPPORT},
    {"search", SCREEN_SEARCH},
};

/* Where a "kiosk:" link leads: a function, or "page/ID". */
static bool kiosk_link_leads(const App *app, const char *what, ScreenId *screen, int *arg)
{
    if (strncmp(what, "page/", 5) == 0) {
        *screen = SCREEN_PAGE;
        *arg = site_find_page(app->site, what + 5);
        return *arg >= 0;
    }
    for (size_t i = 0; i < sizeof kiosk_functions / sizeof kiosk_functions[0]; i++)
        if (strcmp(what, kiosk_functions[i].name) == 0) {
            *screen = kiosk_functions[i].screen;
            *arg = 0;
            return true;
        }
    return false;
}

/* Where a link ("page:ID", "service:ID", "place:ID" or "kiosk:...") leads: true with
 * the screen and its argument, false when the content has no such page, service or
 * place (the content check warned about it; the button is left out). */
static bool link_leads(const App *app, const char *target, ScreenId *screen, int *arg)
{
    const Site *s = app->site;
    *screen = SCREEN_PAGE;
    *arg = -1;
    if (strncmp(target, "page:", 5) == 0) {
        *arg = site_find_page(s, target + 5);
    } else if (strncmp(target, "service:", 8) == 0) {
        *screen = SCREEN_SERVICE;
        *arg = store_find_service(app->store, target + 8);
    } else if (strncmp(target, "place:", 6) == 0) {
        *screen = SCREEN_DESTINATION;
        *arg = site_find_destination(s, target + 6);
    } else if (strncmp(target, "kiosk:", 6) == 0) {
        return kiosk_link_leads(app, target + 6, screen, arg);
    }
    return *arg >= 0;
}

/* A list item: a bullet or number hanging in the margin, the text beside it; depth 1
 * is the outermost list. */
static void list_item(Lay *l, const char *id, const char *mark, int depth, const char *text)
{
    Ui *ui = l->ui;
    const Theme *t = &ui->theme;
    int mark_w = ui_text_width(ui, FONT_LARGE, "99.") + t->space[SPACE_S];
    int indent = t->space[SPACE_XL] * (depth > 1 ? depth - 1 : 0);
    LayLen lens[3] = {LAY_PX(indent), LAY_PX(mark_w), LAY_FR(1)};
    Lay row, cell;
    lay_row(l, &row, 3, lens, SPACE_NONE);
    lay_cell(&row, &cell, 1, SPACE_NONE);
    /* The mark is decoration: the item's words are what the tree reads. */
    ui_draw_words(ui, lay_next(&cell, ui_text_height(ui, FONT_LARGE, lay_width(&cell), mark)),
                  FONT_LARGE, t->text, UI_ALIGN_LEFT, mark);
    lay_cell_end(&row, &cell);
    lay_cell(&row, &cell, 2, SPACE_NONE);
    lay_text(&cell, id, FONT_LARGE, t->text, text);
    lay_cell_end(&row, &cell);
    lay_row_end(l, &row);
}

/* A link: a button as wide as its words; a link to a kiosk function stands out. */
static void link_button(App *app, Lay *l, size_t i, const PageBlock *b)
{
    ScreenId to;
    int arg;
    if (!link_leads(app, b->target, &to, &arg))
        return;
    char id[48];
    snprintf(id, sizeof id, "link-%zu", i);
    bool kiosk = strncmp(b->target, "kiosk:", 6) == 0;
    lay_space(l, SPACE_S);
    if (lay_button(l, id, kiosk ? UI_BUTTON_PRIMARY : UI_BUTTON_SECONDARY, b->text, NULL,
                   LAY_START))
        app_go(app, to, arg);
    lay_space(l, SPACE_S);
}

static void block(App *app, Lay *l, size_t i, const PageBlock *b)
{
    const Theme *t = &l->ui->theme;
    char id[48], num[16];
    snprintf(id, sizeof id, "block-%zu", i);
    switch (b->kind) {
    case PAGE_HEADING: {
        int font = b->level <= 1 ? FONT_TITLE : b->level == 2 ? FONT_LARGE_BOLD : FONT_BODY_BOLD;
        lay_space(l, SPACE_L);
        lay_text(l, id, font, t->text, b->text);
        break;
    }
    case PAGE_PARAGRAPH:
        lay_text(l, id, FONT_LARGE, t->text, b->text);
        lay_space(l, SPACE_S);
        break;
    case PAGE_BULLET:
        list_item(l, id, "\xe2\x80\xa2", b->level > 0 ? b->level : 1, b->text);
        break;
    case PAGE_NUMBERED:
        snprintf(num, sizeof num, "%d.", b->level);
        list_item(l, id, num, 1, b->text);
        break;
    case PAGE_LINK:
        link_button(app, l, i, b);
        break;
    }
}

/* The title and the blocks, in a scroll region over the rest of `pane`; with qr, the
 * QR panel after them. */
static void body(App *app, const PageState *ps, Lay *pane, const QrMatrix *qr)
{
    /* The page in the person's language, or the English one, marked. */
    bool fallback = false;
    const Page *p = site_page(app->site, app_language(app), ps->page, &fallback);
    const Theme *t = &pane->ui->theme;
    Lay text;
    lay_scroll(pane, &text, "page-body", 0, SPACE_NONE, SPACE_M);
    /* An English page in a right-to-left language reads left to right, bullets and
     * numbers at its left. */
    bool rtl = pane->ui->rtl;
    if (fallback)
        ui_set_rtl(pane->ui, false);
    ui_set_text_lang(pane->ui, screen_lang_en(fallback));
    lay_text(&text, "page-title", FONT_HUGE, t->text, p->title);
    ui_set_text_lang(pane->ui, NULL);
    if (fallback)
        screen_fallback_note(&text);
    lay_space(&text, SPACE_S);
    for (size_t i = 0; i < p->nblocks; i++) {
        ui_set_text_lang(pane->ui, screen_lang_en(fallback));
        block(app, &text, i, &p->blocks[i]);
    }
    ui_set_text_lang(pane->ui, NULL);
    ui_set_rtl(pane->ui, rtl);
    if (qr) {
        lay_space(&text, SPACE_L);
        screen_qr_panel(&text, "page-qr", qr, tr(S_PAGE_QR_CAPTION));
    }
    lay_space(&text, SPACE_XL);
    lay_scroll_end(pane, &text);
}

/* The widest comfortable line: about 70 characters of body text. */
static int reading_width(Ui *ui)
{
    return ui_text_width(ui, FONT_LARGE,
                         "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmn");
}

static void page_update(App *app, void *st, Ui *ui, Rect area)
{
    PageState *ps = st;
    const Theme *t = &ui->theme;
    const QrMatrix *qr = ps->qr.width ? &ps->qr : NULL;
    Lay page, pane;
    lay_column(&page, ui, area, SPACE_XL, SPACE_L, NULL, NULL);
    int h = lay_remaining(&page), w = lay_width(&page);
    /* The scroll bar sits beside the text: leave it room past the reading width. */
    int text_w = reading_width(ui) + t->space[SPACE_XL];
    bool beside = area.w > area.h && qr;
    int side_w = 0;
    if (beside) {
        /* Text and QR side by side: the panel wide enough for its words, the text never
         * narrower than half the width; if the panel is still too tall for the screen,
         * it goes after the text instead. */
        int qr_min = screen_qr_side(ui, qr) + 2 * t->space[SPACE_L] + t->min_target * 2;
        if (text_w > w - qr_min - t->space[SPACE_XL])
            text_w = w - qr_min - t->space[SPACE_XL];
        if (text_w < w / 2)
            text_w = w / 2;
        side_w = w - text_w - t->space[SPACE_XL];
        beside = screen_qr_panel_height(ui, side_w, qr, tr(S_PAGE_QR_CAPTION)) <= h;
    }
    if (beside) {
        LayLen lens[2] = {LAY_PX(text_w), LAY_FR(1)};
        Lay row, side;
        lay_row(&page, &row, 2, lens, SPACE_XL);
        lay_column(&pane, ui, lay_cell_rect(&row, 0, h), SPACE_NONE, SPACE_NONE, NULL, NULL);
        body(app, ps, &pane, NULL);
        lay_end(&pane);
        lay_column(&side, ui, lay_cell_rect(&row, 1, h), SPACE_NONE, SPACE_NONE, NULL, NULL);
        screen_qr_panel(&side, "page-qr", qr, tr(S_PAGE_QR_CAPTION));
        lay_end(&side);
    } else {
        /* One column; the QR panel at the bottom when it leaves the text at least half
         * the height, else after the text. */
        if (area.h >= area.w || text_w > w)
            text_w = w;
        int qh = qr ? screen_qr_panel_height(ui, w, qr, tr(S_PAGE_QR_CAPTION)) : 0;
        bool qr_below = qr && qh <= h / 2;
        Rect below = qr_below ? lay_bottom(&page, qh) : (Rect){0};
        lay_column(&pane, ui, lay_next_w(&page, text_w, lay_remaining(&page), LAY_START),
                   SPACE_NONE, SPACE_NONE, NULL, NULL);
        body(app, ps, &pane, qr_below ? NULL : qr);
        lay_end(&pane);
        if (qr_below) {
            Lay bottom;
            lay_column(&bottom, ui, below, SPACE_NONE, SPACE_NONE, NULL, NULL);
            screen_qr_panel(&bottom, "page-qr", qr, tr(S_PAGE_QR_CAPTION));
            lay_end(&bottom);
        }
    }
    lay_end(&page);
}

static void page_forget(App *app, void *st)
{
    (void)app;
    PageState *ps = st;
    qr_release(&ps->qr);
}

const Screen screen_page = {
    .name = "page",
    .has_header = true,
    .title = S_PAGE_TITLE,
    .state_size = sizeof(PageState),
    .enter = page_enter,
    .update = page_update,
    .forget = page_forget,
};
