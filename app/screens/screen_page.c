/* screen_page.c: an information page ("How to raise a concern", "About PALS"...):
 * headings, paragraphs, bullet and numbered lists set for reading at arm's length,
 * scrolling when long, buttons for links to other pages, services and places (left out
 * when the content has no such page, service or place), and a QR code to the page's
 * web version when the content gives one. */
#include "screens.h"
#include "screen_legacy.h"

#include "log.h"

#include <stdio.h>
#include <string.h>



typedef struct PageState {
    int page;
    QrMatrix qr;
} PageState;

static PageState *PS(const App *app)
{
    return screen_state((App *)app, SCREEN_PAGE);
}

static void page_enter(App *app, void *st_, int arg)
{
    (void)st_;
    PageState *ps = PS(app);
    ps->page = arg;
    qr_release(&ps->qr);
    const Page *p = &app->site->pages[arg];
    if (p->url && *p->url && qr_encode(p->url, &ps->qr) != 0)
        log_warn("QR for page %s: %s", p->id, err_msg());
    ui_scroll_to(app->ui, "page-body", 0);
}

static void page_leave(App *app, void *st_)
{
    (void)st_;
    (void)app;
}

/* Where an internal link ("page:ID", "service:ID" or "place:ID") leads: true with the
 * screen and its argument, false when the content has no such page, service or place
 * (the content check warned about it; the button is left out). */
static bool link_leads(const App *app, const char *target, ScreenId *screen, int *arg)
{
    const Site *s = app->site;
    *screen = SCREEN_PAGE;
    *arg = -1;
    if (strncmp(target, "page:", 5) == 0) {
        *arg = site_find_page(s, target + 5);
    } else if (strncmp(target, "service:", 8) == 0) {
        *screen = SCREEN_SERVICE;
        *arg = site_find_service(s, target + 8);
    } else if (strncmp(target, "place:", 6) == 0) {
        *screen = SCREEN_DESTINATION;
        *arg = site_find_destination(s, target + 6);
    }
    return *arg >= 0;
}

/* A list item: a bullet or number hanging in the margin, the text beside it. */
static int list_item(Ui *ui, const char *id, Rect r, const char *mark, int depth,
                     const char *text)
{
    const Theme *t = &ui->theme;
    int u = t->unit;
    int indent = u * 6 * depth;
    size_t before = ui->nelements;
    ui_text(ui, "mark", rect_make(r.x + indent - u * 5, r.y, u * 5, r.h), FONT_LARGE, t->text,
            UI_ALIGN_LEFT, mark);
    ui->nelements = before;
    return ui_text(ui, id, rect_make(r.x + indent, r.y, r.w - indent, r.h), FONT_LARGE, t->text,
                   UI_ALIGN_LEFT, text) + u;
}

static void body(App *app, Ui *ui, Rect view)
{
    const Page *p = &app->site->pages[PS(app)->page];
    const Theme *t = &ui->theme;
    int u = t->unit;
    int y0 = ui_scroll_begin(ui, "page-body", view);
    Rect r = rect_make(view.x + u * 2, y0 + u * 2, view.w - u * 6, view.h);
    int y = r.y;
    char id[48];
    y += ui_text(ui, "page-title", rect_make(r.x, y, r.w, r.h), FONT_HUGE, t->text,
                 UI_ALIGN_LEFT, p->title) + u * 2;
    for (size_t i = 0; i < p->nblocks; i++) {
        const PageBlock *b = &p->blocks[i];
        Rect at = rect_make(r.x, y, r.w, r.h);
        snprintf(id, sizeof id, "block-%zu", i);
        switch (b->kind) {
        case PAGE_HEADING: {
            int font = b->level <= 1 ? FONT_TITLE : b->level == 2 ? FONT_LARGE_BOLD : FONT_BODY_BOLD;
            y += u * 2;
            at.y = y;
            y += ui_text(ui, id, at, font, t->text, UI_ALIGN_LEFT, b->text) + u;
            break;
        }
        case PAGE_PARAGRAPH:
            y += ui_text(ui, id, at, FONT_LARGE, t->text, UI_ALIGN_LEFT, b->text) + u * 3;
            break;
        case PAGE_BULLET:
            y += list_item(ui, id, at, "\xe2\x80\xa2", b->level > 0 ? b->level : 1, b->text);
            break;
        case PAGE_NUMBERED: {
            char num[16];
            snprintf(num, sizeof num, "%d.", b->level);
            y += list_item(ui, id, at, num, 1, b->text);
            break;
        }
        case PAGE_LINK: {
            ScreenId to;
            int arg;
            if (!link_leads(app, b->target, &to, &arg))
                break;
            int w = ui_text_width(ui, FONT_BODY_BOLD, b->text) + u * 8;
            if (w < t->min_target * 3)
                w = t->min_target * 3;
            if (w > r.w)
                w = r.w;
            int h = ui_text_height(ui, FONT_BODY_BOLD, w - u * 2, b->text) + u * 3;
            if (h < t->min_target)
                h = t->min_target;
            snprintf(id, sizeof id, "link-%zu", i);
            if (ui_button(ui, id, rect_make(r.x, y, w, h), UI_BUTTON_SECONDARY, b->text, NULL))
                app_go(app, to, arg);
            y += h + u * 2;
            break;
        }
        }
    }
    ui_scroll_end(ui, y - y0 + u * 4);
}

static void page_update(App *app, void *st_, Ui *ui, Rect area)
{
    (void)st_;
    const Theme *t = &ui->theme;
    int u = t->unit;
    area = rect_make(area.x + u * 2, area.y + u * 2, area.w - u * 4, area.h - u * 4);
    const QrMatrix *qr = &PS(app)->qr;
    /* Lines longer than about 70 characters are hard to read: keep the column narrow. */
    int max_w = ui_text_width(ui, FONT_LARGE, "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmn");
    if (area.w > area.h) {
        int right_w = qr->width ? area.w * 2 / 5 : 0;
        int left_w = area.w - right_w - (right_w ? u * 3 : 0);
        if (left_w > max_w + u * 8)
            left_w = max_w + u * 8;
        body(app, ui, rect_make(area.x, area.y, left_w, area.h));
        if (qr->width) {
            int qh = legacy_qr_panel_height(ui, qr);
            Rect q = rect_make(area.x + area.w - right_w, area.y, right_w, qh);
            legacy_qr_panel(ui, q, "page-qr", qr, tr(S_PAGE_QR_CAPTION));
        }
    } else {
        int qh = qr->width ? legacy_qr_panel_height(ui, qr) : 0;
        body(app, ui, rect_make(area.x, area.y, area.w, area.h - qh - (qh ? u * 2 : 0)));
        if (qh)
            legacy_qr_panel(ui, rect_make(area.x, area.y + area.h - qh, area.w, qh), "page-qr", qr,
                            tr(S_PAGE_QR_CAPTION));
    }
}

static void page_forget(App *app, void *st)
{
    (void)app;
    PageState *ps = st;
    qr_release(&ps->qr);
}

const Screen screen_page = {
    .state_size = sizeof(PageState),
    .forget = page_forget,
    .name = "page",
    .has_header = true,
    .title = S_PAGE_TITLE,
    .enter = page_enter,
    .leave = page_leave,
    .update = page_update,
};
