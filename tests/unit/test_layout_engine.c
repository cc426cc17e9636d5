/* test_layout_engine.c: the layout engine (app/ui/layout.h) without SDL. Text is
 * measured by a fake: every byte 10 px wide, every line 20 px high. Checks columns
 * stack with theme gaps, text grows its container, rows share width by fixed and
 * weighted cells, right-to-left mirrors rows and swaps start and end, panels are as
 * tall as their content, overlays take every touch (the touch that dismisses one does
 * nothing under it), and the tree reports clipped text and group parents. */
#include "test.h"

#include "fake_measure.h"

#include "audit.h"
#include "layout.h"

#include <string.h>

enum { W = 1000, H = 800 };

static void setup(Ui *ui)
{
    UiMeasure m = fake_measure();
    ui_init(ui, &m);
    theme_init(&ui->theme, W, H, 1.0, false, 4.0);
}

static const UiElement *find(const Ui *ui, const char *id)
{
    return ui_find_element(ui, id);
}

static void test_column_stacks_and_grows(void)
{
    Ui ui;
    setup(&ui);
    ui_begin(&ui, W, H);
    Lay col;
    lay_column(&col, &ui, rect_make(0, 0, 300, H), SPACE_M, SPACE_S, "col", "group");
    int pad = ui.theme.space[SPACE_M], gap = ui.theme.space[SPACE_S];
    /* 100 characters at 10 px in a 300 - 2*pad box wrap to several lines. */
    char words[128];
    memset(words, 0, sizeof words);
    for (int i = 0; i < 20; i++)
        memcpy(words + i * 5, "word ", 5);
    int h1 = lay_text(&col, "t1", FONT_BODY, ui.theme.text, words);
    lay_text(&col, "t2", FONT_BODY, ui.theme.text, "x");
    int used = lay_end(&col);
    ui_end(&ui);
    const UiElement *t1 = find(&ui, "t1"), *t2 = find(&ui, "t2");
    CHECK(t1 && t2);
    CHECK(h1 > LINE_H * 3);
    CHECK_INT(t1->rect.y, pad);
    CHECK_INT(t2->rect.y, pad + h1 + gap);
    CHECK_INT(used, pad + h1 + gap + LINE_H + pad);
    CHECK(!t1->clipped);
    CHECK_INT(t1->parent, (int)(find(&ui, "col") - ui.elements));
    ui_release(&ui);
}

static void test_row_cells_and_rtl(void)
{
    Ui ui;
    setup(&ui);
    for (int rtl = 0; rtl < 2; rtl++) {
        ui_set_rtl(&ui, rtl);
        ui_begin(&ui, W, H);
        Lay col, row, cell;
        lay_column(&col, &ui, rect_make(0, 0, W, H), SPACE_NONE, SPACE_NONE, NULL, NULL);
        LayLen lens[3] = {LAY_PX(100), LAY_FR(1), LAY_FR(3)};
        lay_row(&col, &row, 3, lens, SPACE_NONE);
        Rect c0 = lay_cell_rect(&row, 0, 10), c1 = lay_cell_rect(&row, 1, 10),
             c2 = lay_cell_rect(&row, 2, 10);
        lay_cell(&row, &cell, 2, SPACE_NONE);
        lay_next(&cell, 50);
        lay_cell_end(&row, &cell);
        lay_row_end(&col, &row);
        CHECK_INT(c0.w, 100);
        CHECK_INT(c1.w, 225);
        CHECK_INT(c2.w, 675);
        CHECK_INT(col.y, 50); /* the row is as tall as its tallest cell */
        if (!rtl) {
            CHECK_INT(c0.x, 0);
            CHECK_INT(c1.x, 100);
            CHECK_INT(c2.x, 325);
        } else {
            /* Mirrored: the first cell at the right. */
            CHECK_INT(c0.x, W - 100);
            CHECK_INT(c1.x, W - 325);
            CHECK_INT(c2.x, 0);
        }
        /* A narrow child placed at the start side is at the right in right-to-left. */
        Rect s = lay_next_w(&col, 40, 10, LAY_START);
        CHECK_INT(s.x, rtl ? W - 40 : 0);
        ui_end(&ui);
    }
    ui_release(&ui);
}

/* ui_set_language: Urdu and Arabic mirror rows and text; English, Welsh and Bengali
 * do not. */
static void test_language_mirrors(void)
{
    const char *langs[] = {"ur", "ar", "en", "cy", "bn"};
    for (size_t i = 0; i < sizeof langs / sizeof langs[0]; i++) {
        Ui ui;
        setup(&ui);
        ui_set_language(&ui, langs[i]);
        bool rtl = i < 2;
        CHECK(ui.rtl == rtl);
        ui_begin(&ui, W, H);
        Lay col, row;
        lay_column(&col, &ui, rect_make(0, 0, W, H), SPACE_NONE, SPACE_NONE, NULL, NULL);
        LayLen lens[2] = {LAY_PX(100), LAY_FR(1)};
        lay_row(&col, &row, 2, lens, SPACE_NONE);
        Rect back = lay_cell_rect(&row, 0, 10);
        lay_row_end(&col, &row);
        /* The first cell (where Back goes) is on the right in right-to-left. */
        CHECK_INT(back.x, rtl ? W - 100 : 0);
        /* Start-aligned text sits at the right edge. */
        ui_text(&ui, "t", rect_make(0, 100, W, 40), FONT_BODY, ui.theme.text, UI_ALIGN_LEFT,
                "abc");
        const DrawCmd *last = NULL;
        for (size_t k = 0; k < ui.draw.len; k++)
            if (ui.draw.cmds[k].kind == DRAW_TEXT)
                last = &ui.draw.cmds[k];
        CHECK(last != NULL);
        if (last)
            CHECK(rtl ? last->rect.x > W / 2 : last->rect.x == 0);
        ui_end(&ui);
        ui_release(&ui);
    }
}

static void test_bottom_and_rest(void)
{
    Ui ui;
    setup(&ui);
    ui_begin(&ui, W, H);
    Lay col;
    lay_column(&col, &ui, rect_make(0, 0, W, 500), SPACE_NONE, SPACE_NONE, NULL, NULL);
    Rect bar = lay_bottom(&col, 60);
    lay_next(&col, 100);
    Rect rest = lay_rest(&col);
    CHECK_INT(bar.y, 440);
    CHECK_INT(rest.y, 100);
    CHECK_INT(rest.h, 340);
    ui_end(&ui);
    ui_release(&ui);
}

static void test_panel_wraps_content(void)
{
    Ui ui;
    setup(&ui);
    ui_begin(&ui, W, H);
    Lay col, panel;
    lay_column(&col, &ui, rect_make(0, 0, W, H), SPACE_NONE, SPACE_NONE, NULL, NULL);
    LayPanelStyle st = lay_style_card(&ui);
    size_t first_cmd = ui.draw.len;
    lay_panel(&col, &panel, &st, SPACE_L, SPACE_NONE, "p");
    lay_next(&panel, 70);
    lay_panel_end(&col, &panel);
    int pad = ui.theme.space[SPACE_L];
    /* The background was reserved first (drawn behind) and given the final size. */
    CHECK(ui.draw.cmds[first_cmd].kind == DRAW_FILL);
    CHECK_INT(ui.draw.cmds[first_cmd].rect.h, 70 + 2 * pad);
    CHECK_INT(col.y, 70 + 2 * pad);
    ui_end(&ui);
    ui_release(&ui);
}

static void test_clipped_text_is_reported(void)
{
    Ui ui;
    setup(&ui);
    ui_begin(&ui, W, H);
    /* 30 characters in a 100 px wide, one-line-high box: three lines, one shown. */
    ui_text(&ui, "cut", rect_make(0, 0, 100, LINE_H), FONT_BODY, ui.theme.text, UI_ALIGN_LEFT,
            "aaaaaaaaa bbbbbbbbb ccccccccc");
    ui_text(&ui, "fits", rect_make(0, 100, 400, LINE_H), FONT_BODY, ui.theme.text,
            UI_ALIGN_LEFT, "short");
    /* A button whose words cannot fit its height. */
    ui_button(&ui, "tight", rect_make(0, 200, 60, 40), UI_BUTTON_PRIMARY,
              "a label far too long for a small button", NULL);
    ui_end(&ui);
    CHECK(find(&ui, "cut")->clipped);
    CHECK(!find(&ui, "fits")->clipped);
    CHECK(find(&ui, "tight")->clipped);
    CHECK(ui_audit(&ui, 36, NULL, NULL) >= 2);
    ui_release(&ui);
}

typedef struct OverlayCtx {
    bool overlay;
    int under_fired, over_fired;
} OverlayCtx;

static void overlay_frame(Ui *ui, OverlayCtx *c)
{
    ui_begin(ui, W, H);
    if (ui_button(ui, "under", rect_make(400, 300, 200, 100), UI_BUTTON_PRIMARY, "Under", NULL))
        c->under_fired++;
    if (c->overlay) {
        Lay dlg;
        ui_overlay_begin(ui, &dlg, "dlg", "Prompt", 600);
        if (lay_button(&dlg, "ok", UI_BUTTON_PRIMARY, "OK", NULL, LAY_STRETCH))
            c->over_fired++;
        ui_overlay_end(ui, &dlg);
    }
    ui_end(ui);
}

static void test_overlay_takes_the_touch(void)
{
    Ui ui;
    setup(&ui);
    OverlayCtx c = {true, 0, 0};
    overlay_frame(&ui, &c);
    overlay_frame(&ui, &c);
    /* Hidden from the tree while the overlay is up. */
    CHECK(rect_empty(find(&ui, "under")->visible));
    CHECK(find(&ui, "dlg") && strcmp(find(&ui, "dlg")->role, "dialog") == 0);
    /* A press on "under" while the overlay is up; the overlay goes at once (as the
     * still-there prompt does on any touch); the release must not fire "under". */
    ui_input_pointer_down(&ui, 500, 350);
    c.overlay = false;
    overlay_frame(&ui, &c);
    ui_input_pointer_up(&ui, 500, 350);
    overlay_frame(&ui, &c);
    CHECK_INT(c.under_fired, 0);
    /* The next touch, with no overlay, works. */
    ui_input_pointer_down(&ui, 500, 350);
    overlay_frame(&ui, &c);
    ui_input_pointer_up(&ui, 500, 350);
    overlay_frame(&ui, &c);
    CHECK_INT(c.under_fired, 1);
    ui_release(&ui);
}

static void test_grid_columns(void)
{
    CHECK_INT(lay_grid_columns(1000, 400, 20, 2), 2);
    CHECK_INT(lay_grid_columns(700, 400, 20, 2), 1);
    CHECK_INT(lay_grid_columns(1000, 100, 0, 0), 1);
}

int main(void)
{
    TEST_RUN(test_column_stacks_and_grows);
    TEST_RUN(test_row_cells_and_rtl);
    TEST_RUN(test_bottom_and_rest);
    TEST_RUN(test_panel_wraps_content);
    TEST_RUN(test_clipped_text_is_reported);
    TEST_RUN(test_overlay_takes_the_touch);
    TEST_RUN(test_grid_columns);
    TEST_RUN(test_language_mirrors);
    return TEST_REPORT();
}
