/* test_ui.c: unit tests for the touch UI toolkit, without SDL. Text is measured by a
 * fake: every byte 10 px wide, every line 20 px high. Frames are driven as the run
 * loop drives them: one input event, then ui_begin, the widgets, ui_end. */
#include "test.h"

#include "fake_measure.h"

#include "qr.h"
#include "strbuf.h"
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { SCREEN_W = 1920, SCREEN_H = 1080 };

static void ui_setup(Ui *ui)
{
    UiMeasure m = fake_measure();
    ui_init(ui, &m);
}

/* What a screen does each frame: lays out widgets and records what they reported. */
typedef void (*ScreenFn)(Ui *ui, void *ctx);

static void frame(Ui *ui, ScreenFn fn, void *ctx)
{
    ui_begin(ui, SCREEN_W, SCREEN_H);
    fn(ui, ctx);
    ui_end(ui);
}

static void down(Ui *ui, int x, int y, ScreenFn fn, void *ctx)
{
    ui_input_pointer_down(ui, x, y);
    frame(ui, fn, ctx);
}

static void move(Ui *ui, int x, int y, ScreenFn fn, void *ctx)
{
    ui_input_pointer_move(ui, x, y);
    frame(ui, fn, ctx);
}

static void up(Ui *ui, int x, int y, ScreenFn fn, void *ctx)
{
    ui_input_pointer_up(ui, x, y);
    frame(ui, fn, ctx);
}

static void tap(Ui *ui, int x, int y, ScreenFn fn, void *ctx)
{
    down(ui, x, y, fn, ctx);
    up(ui, x, y, fn, ctx);
}

/* Taps the centre of the element with this id as laid out in the last frame. */
static bool tap_element(Ui *ui, const char *id, ScreenFn fn, void *ctx)
{
    const UiElement *e = ui_find_element(ui, id);
    if (!e || strcmp(e->id, id) != 0) {
        fprintf(stderr, "  no element \"%s\"\n", id);
        return false;
    }
    Rect r = e->rect;
    tap(ui, r.x + r.w / 2, r.y + r.h / 2, fn, ctx);
    return true;
}

static size_t count_draw(const Ui *ui, DrawKind kind)
{
    size_t n = 0;
    for (size_t i = 0; i < ui->draw.len; i++)
        if (ui->draw.cmds[i].kind == kind)
            n++;
    return n;
}

/* ==== buttons ==== */

typedef struct ButtonsCtx {
    int fired_a, fired_b; /* frames on which each reported a tap */
    int frames;
    Rect a, b;
    bool two;
} ButtonsCtx;

static void buttons_screen(Ui *ui, void *user)
{
    ButtonsCtx *c = user;
    c->frames++;
    if (ui_button(ui, "btn-a", c->a, UI_BUTTON_PRIMARY, "Alpha", NULL))
        c->fired_a++;
    if (c->two && ui_button(ui, "btn-b", c->b, UI_BUTTON_SECONDARY, "Beta", NULL))
        c->fired_b++;
}

static ButtonsCtx one_button(void)
{
    ButtonsCtx c = {0};
    c.a = rect_make(100, 100, 200, 100);
    return c;
}

static void test_button_fires_on_release(void)
{
    Ui ui;
    ui_setup(&ui);
    ButtonsCtx c = one_button();
    frame(&ui, buttons_screen, &c);
    down(&ui, 150, 150, buttons_screen, &c);
    CHECK_INT(c.fired_a, 0); /* not on press */
    move(&ui, 160, 160, buttons_screen, &c);
    CHECK_INT(c.fired_a, 0);
    up(&ui, 160, 160, buttons_screen, &c);
    CHECK_INT(c.fired_a, 1); /* on release inside */
    frame(&ui, buttons_screen, &c);
    frame(&ui, buttons_screen, &c);
    CHECK_INT(c.fired_a, 1); /* once only */
    /* The element is there with its role and label. */
    const UiElement *e = ui_find_element(&ui, "btn-a");
    CHECK(e != NULL);
    if (e) {
        CHECK_STR(e->role, "button");
        CHECK_STR(e->label, "Alpha");
        CHECK(e->interactive);
        CHECK_INT(e->rect.x, 100);
        CHECK_INT(e->rect.w, 200);
        CHECK_INT(e->scroll, -1);
    }
    /* A second tap fires again. */
    tap(&ui, 299, 199, buttons_screen, &c);
    CHECK_INT(c.fired_a, 2);
    ui_release(&ui);
}

static void test_button_padded_hit_area(void)
{
    Ui ui;
    ui_setup(&ui);
    int pad = ui.theme.touch_pad;
    CHECK(pad > 0);
    ButtonsCtx c = one_button();
    frame(&ui, buttons_screen, &c);
    /* Pressed inside, released in the padding just right of and below the rect. */
    down(&ui, 250, 150, buttons_screen, &c);
    up(&ui, 300 + pad - 1, 200 + pad - 1, buttons_screen, &c);
    CHECK_INT(c.fired_a, 1);
    /* Pressed and released in the padding left of and above it: still a tap. */
    tap(&ui, 100 - pad, 100 - pad, buttons_screen, &c);
    CHECK_INT(c.fired_a, 2);
    /* Released just beyond the padding: no tap. */
    down(&ui, 250, 150, buttons_screen, &c);
    up(&ui, 300 + pad, 150, buttons_screen, &c);
    CHECK_INT(c.fired_a, 2);
    /* Pressed just beyond the padding: no tap. */
    tap(&ui, 100 - pad - 1, 150, buttons_screen, &c);
    CHECK_INT(c.fired_a, 2);
    ui_release(&ui);
}

static void test_button_press_elsewhere_or_release_outside(void)
{
    Ui ui;
    ui_setup(&ui);
    ButtonsCtx c = one_button();
    frame(&ui, buttons_screen, &c);
    /* Press began elsewhere, slid onto the button, released there. */
    down(&ui, 600, 600, buttons_screen, &c);
    move(&ui, 150, 150, buttons_screen, &c);
    up(&ui, 150, 150, buttons_screen, &c);
    CHECK_INT(c.fired_a, 0);
    /* Pressed on it, slid off, released outside. */
    down(&ui, 150, 150, buttons_screen, &c);
    move(&ui, 600, 600, buttons_screen, &c);
    up(&ui, 600, 600, buttons_screen, &c);
    CHECK_INT(c.fired_a, 0);
    /* Pressed on it, released outside with no move event in between. */
    down(&ui, 150, 150, buttons_screen, &c);
    up(&ui, 900, 150, buttons_screen, &c);
    CHECK_INT(c.fired_a, 0);
    /* Pressed on it, slid off and back on: a tap (the press never left it). */
    down(&ui, 150, 150, buttons_screen, &c);
    move(&ui, 600, 150, buttons_screen, &c);
    move(&ui, 160, 150, buttons_screen, &c);
    up(&ui, 160, 150, buttons_screen, &c);
    CHECK_INT(c.fired_a, 1);
    ui_release(&ui);
}

static void test_adjacent_buttons(void)
{
    Ui ui;
    ui_setup(&ui);
    int pad = ui.theme.touch_pad;
    ButtonsCtx c = {0};
    c.two = true;
    c.a = rect_make(100, 100, 200, 100); /* x 100..299 */
    c.b = rect_make(300, 100, 200, 100); /* x 300..499: touching a */
    frame(&ui, buttons_screen, &c);
    tap(&ui, 400, 150, buttons_screen, &c);
    CHECK_INT(c.fired_a, 0);
    CHECK_INT(c.fired_b, 1);
    tap(&ui, 200, 150, buttons_screen, &c);
    CHECK_INT(c.fired_a, 1);
    CHECK_INT(c.fired_b, 1);
    /* Near the shared edge, inside b's drawn rect but within a's padding: the button
     * actually touched wins, not the one drawn first. */
    tap(&ui, 300 + pad / 2, 150, buttons_screen, &c);
    CHECK_INT(c.fired_a, 1);
    CHECK_INT(c.fired_b, 2);
    tap(&ui, 300, 150, buttons_screen, &c);
    CHECK_INT(c.fired_a, 1);
    CHECK_INT(c.fired_b, 3);
    tap(&ui, 299, 150, buttons_screen, &c);
    CHECK_INT(c.fired_a, 2);
    CHECK_INT(c.fired_b, 3);
    /* Stacked rows (as in a list): the top edge of the lower one. */
    c = (ButtonsCtx){0};
    c.two = true;
    c.a = rect_make(100, 100, 600, 100); /* y 100..199 */
    c.b = rect_make(100, 200, 600, 100); /* y 200..299 */
    frame(&ui, buttons_screen, &c);
    tap(&ui, 400, 201, buttons_screen, &c);
    CHECK_INT(c.fired_a, 0);
    CHECK_INT(c.fired_b, 1);
    tap(&ui, 400, 198, buttons_screen, &c);
    CHECK_INT(c.fired_a, 1);
    CHECK_INT(c.fired_b, 1);
    /* A press in b's padding only (outside both drawn rects) still goes to b. */
    c = (ButtonsCtx){0};
    c.two = true;
    c.a = rect_make(100, 100, 200, 100);
    c.b = rect_make(400, 100, 200, 100);
    frame(&ui, buttons_screen, &c);
    tap(&ui, 400 - pad, 150, buttons_screen, &c);
    CHECK_INT(c.fired_a, 0);
    CHECK_INT(c.fired_b, 1);
    ui_release(&ui);
}

/* ==== scrolling ==== */

enum { ROWS = 20, ROW_H = 100, VIEW_Y = 100, VIEW_H = 400 };

typedef struct ListCtx {
    int fired[ROWS];
    int fired_outside;
    int offset_seen; /* content start returned by ui_scroll_begin */
} ListCtx;

static void list_screen(Ui *ui, void *user)
{
    ListCtx *c = user;
    if (ui_button(ui, "outside", rect_make(1000, 100, 200, 100), UI_BUTTON_PRIMARY, "Outside",
                  NULL))
        c->fired_outside++;
    int y0 = ui_scroll_begin(ui, "list", rect_make(0, VIEW_Y, 800, VIEW_H));
    c->offset_seen = VIEW_Y - y0;
    for (int i = 0; i < ROWS; i++) {
        char id[16], label[16];
        snprintf(id, sizeof id, "row-%d", i);
        snprintf(label, sizeof label, "Row %d", i);
        if (ui_button(ui, id, rect_make(0, y0 + i * ROW_H, 780, ROW_H), UI_BUTTON_ROW, label,
                      NULL))
            c->fired[i]++;
    }
    ui_scroll_end(ui, ROWS * ROW_H);
}

static int total_fired(const ListCtx *c)
{
    int n = c->fired_outside;
    for (int i = 0; i < ROWS; i++)
        n += c->fired[i];
    return n;
}

static int list_offset(Ui *ui)
{
    UiScrollState *s = ui_scroll_state(ui, "list");
    return s ? s->offset : -1;
}

static void test_scroll_drag(void)
{
    Ui ui;
    ui_setup(&ui);
    int slop = ui.theme.drag_slop;
    CHECK(slop > 0);
    ListCtx c = {0};
    frame(&ui, list_screen, &c);
    CHECK_INT(list_offset(&ui), 0);
    /* A tap on a row (with a little jitter within the slop) fires it. */
    down(&ui, 400, 350, list_screen, &c);
    move(&ui, 400, 350 - slop, list_screen, &c);
    up(&ui, 400, 350 - slop, list_screen, &c);
    CHECK_INT(c.fired[2], 1);
    CHECK_INT(list_offset(&ui), 0);
    /* Pressing row 2 and dragging up 200 px scrolls by 200 and cancels the row. */
    down(&ui, 400, 350, list_screen, &c);
    move(&ui, 400, 150, list_screen, &c);
    CHECK_INT(list_offset(&ui), 200);
    CHECK_INT(c.offset_seen, 200);
    up(&ui, 400, 150, list_screen, &c);
    CHECK_INT(total_fired(&c), 1);
    CHECK_INT(list_offset(&ui), 200);
    /* Even when released back where the press began. */
    down(&ui, 400, 350, list_screen, &c);
    move(&ui, 400, 350 + slop + 1, list_screen, &c);
    CHECK_INT(list_offset(&ui), 200 - slop - 1);
    move(&ui, 400, 350, list_screen, &c);
    CHECK_INT(list_offset(&ui), 200);
    up(&ui, 400, 350, list_screen, &c);
    CHECK_INT(total_fired(&c), 1);
    /* Dragging down from 200 by 100 scrolls back by 100. */
    down(&ui, 400, 200, list_screen, &c);
    move(&ui, 400, 300, list_screen, &c);
    up(&ui, 400, 300, list_screen, &c);
    CHECK_INT(list_offset(&ui), 100);
    /* Clamped at the top ... */
    down(&ui, 400, 200, list_screen, &c);
    move(&ui, 400, 480, list_screen, &c);
    CHECK_INT(list_offset(&ui), 0);
    up(&ui, 400, 480, list_screen, &c);
    CHECK_INT(list_offset(&ui), 0);
    /* ... and at the bottom (content - view). */
    down(&ui, 400, 480, list_screen, &c);
    move(&ui, 400, 110, list_screen, &c);
    move(&ui, 400, -3000, list_screen, &c);
    CHECK_INT(list_offset(&ui), ROWS * ROW_H - VIEW_H);
    up(&ui, 400, -3000, list_screen, &c);
    CHECK_INT(list_offset(&ui), ROWS * ROW_H - VIEW_H);
    CHECK_INT(total_fired(&c), 1);
    /* After scrolling to the end, a tap hits the row now under the finger. */
    frame(&ui, list_screen, &c);
    tap(&ui, 400, VIEW_Y + 50, list_screen, &c); /* top row in view: 16 */
    CHECK_INT(c.fired[16], 1);
    CHECK_INT(total_fired(&c), 2);
    /* A drag outside any scroll region does not scroll. */
    down(&ui, 1100, 150, list_screen, &c);
    move(&ui, 1100, 600, list_screen, &c);
    up(&ui, 1100, 600, list_screen, &c);
    CHECK_INT(list_offset(&ui), ROWS * ROW_H - VIEW_H);
    CHECK_INT(c.fired_outside, 0);
    ui_release(&ui);
}

static void test_scroll_elements(void)
{
    Ui ui;
    ui_setup(&ui);
    ListCtx c = {0};
    frame(&ui, list_screen, &c);
    CHECK_INT(ui.nelements, ROWS + 1);
    const UiElement *e = ui_find_element(&ui, "row-1");
    CHECK(e != NULL);
    if (e) {
        CHECK_STR(e->id, "row-1");
        CHECK_STR(e->role, "button");
        CHECK_STR(e->label, "Row 1");
        CHECK(e->interactive);
        CHECK_INT(e->rect.x, 0);
        CHECK_INT(e->rect.y, VIEW_Y + ROW_H);
        CHECK_INT(e->rect.w, 780);
        CHECK_INT(e->rect.h, ROW_H);
        CHECK_INT(e->scroll, 0);
        CHECK(memcmp(&e->visible, &e->rect, sizeof(Rect)) == 0);
    }
    /* Row 3 is the last fully in view; row 4 starts where the view ends. */
    e = ui_find_element(&ui, "row-3");
    CHECK(e && !rect_empty(e->visible));
    for (int i = 4; i < ROWS; i++) {
        char id[16];
        snprintf(id, sizeof id, "row-%d", i);
        e = ui_find_element(&ui, id);
        CHECK(e != NULL);
        if (e)
            CHECK(rect_empty(e->visible));
    }
    e = ui_find_element(&ui, "outside");
    CHECK(e && e->scroll == -1);
    /* Scrolled by 150: row 0 is out, row 1 is half in, row 5 half in, row 6 out. */
    down(&ui, 400, 300, list_screen, &c);
    move(&ui, 400, 150, list_screen, &c);
    up(&ui, 400, 150, list_screen, &c);
    CHECK_INT(list_offset(&ui), 150);
    e = ui_find_element(&ui, "row-0");
    CHECK(e && rect_empty(e->visible));
    CHECK(e && e->rect.y == VIEW_Y - 150);
    e = ui_find_element(&ui, "row-1");
    CHECK(e != NULL);
    if (e) {
        CHECK_INT(e->visible.y, VIEW_Y);
        CHECK_INT(e->visible.h, 50);
    }
    e = ui_find_element(&ui, "row-5");
    CHECK(e != NULL);
    if (e) {
        CHECK_INT(e->visible.y, VIEW_Y + VIEW_H - 50);
        CHECK_INT(e->visible.h, 50);
    }
    e = ui_find_element(&ui, "row-6");
    CHECK(e && rect_empty(e->visible));
    /* A press just above the view, on the part of row 1 scrolled out of sight (and
     * within its padding), does not reach it: hit areas are clipped to the view. */
    tap(&ui, 400, VIEW_Y - 2, list_screen, &c);
    CHECK_INT(c.fired[0], 0);
    CHECK_INT(c.fired[1], 0);
    ui_release(&ui);
}

/* ==== finding elements ==== */

static void find_screen(Ui *ui, void *user)
{
    (void)user;
    Color black = color_rgb(0, 0, 0);
    ui_text(ui, "heading-toilets", rect_make(0, 0, 800, 60), FONT_TITLE, black,
            UI_ALIGN_LEFT, "Toilets");
    ui_text(ui, "note", rect_make(0, 60, 800, 60), FONT_BODY, black, UI_ALIGN_LEFT,
            "Only text");
    ui_button(ui, "btn-toilets", rect_make(0, 200, 400, 100), UI_BUTTON_PRIMARY, "Toilets",
              NULL);
    ui_button(ui, "Only text", rect_make(0, 400, 400, 100), UI_BUTTON_PRIMARY, "Other", NULL);
    ui_text(ui, "lifts-text", rect_make(0, 600, 800, 60), FONT_BODY, black, UI_ALIGN_LEFT,
            "Lifts");
}

static void test_find_element(void)
{
    Ui ui;
    ui_setup(&ui);
    frame(&ui, find_screen, NULL);
    const UiElement *e = ui_find_element(&ui, "heading-toilets");
    CHECK(e && strcmp(e->id, "heading-toilets") == 0);
    CHECK(e && strcmp(e->role, "heading") == 0);
    CHECK(e && !e->interactive);
    e = ui_find_element(&ui, "note");
    CHECK(e && strcmp(e->role, "text") == 0);
    /* By label: the interactive one, though the heading came first. */
    e = ui_find_element(&ui, "Toilets");
    CHECK(e != NULL);
    if (e) {
        CHECK_STR(e->id, "btn-toilets");
        CHECK(e->interactive);
    }
    /* An id match beats a label match. */
    e = ui_find_element(&ui, "Only text");
    CHECK(e != NULL);
    if (e) {
        CHECK_STR(e->id, "Only text");
        CHECK_STR(e->label, "Other");
    }
    e = ui_find_element(&ui, "Other");
    CHECK(e && strcmp(e->id, "Only text") == 0);
    /* A label only a non-interactive element has still finds it. */
    e = ui_find_element(&ui, "Lifts");
    CHECK(e && strcmp(e->id, "lifts-text") == 0);
    CHECK(ui_find_element(&ui, "Nowhere") == NULL);
    ui_release(&ui);
}

/* ==== switch ==== */

typedef struct SwitchCtx {
    bool on;
    int fired;
} SwitchCtx;

static void switch_screen(Ui *ui, void *user)
{
    SwitchCtx *c = user;
    if (ui_switch(ui, "sw-contrast", rect_make(100, 100, 800, 120), "High contrast", &c->on))
        c->fired++;
}

static void test_switch(void)
{
    Ui ui;
    ui_setup(&ui);
    SwitchCtx c = {0};
    frame(&ui, switch_screen, &c);
    const UiElement *e = ui_find_element(&ui, "sw-contrast");
    CHECK(e && strcmp(e->role, "switch") == 0 && !e->checked);
    CHECK(e && strcmp(e->label, "High contrast") == 0);
    down(&ui, 500, 160, switch_screen, &c);
    CHECK(!c.on); /* not on press */
    up(&ui, 500, 160, switch_screen, &c);
    CHECK(c.on);
    CHECK_INT(c.fired, 1);
    e = ui_find_element(&ui, "sw-contrast");
    CHECK(e && e->checked);
    frame(&ui, switch_screen, &c);
    CHECK(c.on);
    tap(&ui, 150, 120, switch_screen, &c);
    CHECK(!c.on);
    CHECK_INT(c.fired, 2);
    e = ui_find_element(&ui, "sw-contrast");
    CHECK(e && !e->checked);
    /* Released outside: no change. */
    down(&ui, 500, 160, switch_screen, &c);
    up(&ui, 500, 600, switch_screen, &c);
    CHECK(!c.on);
    ui_release(&ui);
}

/* ==== text field ==== */

typedef struct FieldCtx {
    StrBuf text;
    int changed;
} FieldCtx;

static void field_screen(Ui *ui, void *user)
{
    FieldCtx *c = user;
    if (ui_field(ui, "search", rect_make(100, 100, 800, 100), &c->text, "Type here"))
        c->changed++;
}

static void type(Ui *ui, const char *s, FieldCtx *c)
{
    ui_input_text(ui, s);
    frame(ui, field_screen, c);
}

static void key(Ui *ui, UiKey k, FieldCtx *c)
{
    ui_input_key(ui, k);
    frame(ui, field_screen, c);
}

static void test_field(void)
{
    Ui ui;
    ui_setup(&ui);
    FieldCtx c;
    strbuf_init(&c.text, 12);
    c.changed = 0;
    frame(&ui, field_screen, &c);
    /* Not focused: typing goes nowhere. */
    type(&ui, "zz", &c);
    CHECK_STR(c.text.buf, "");
    CHECK_INT(c.changed, 0);
    const UiElement *e = ui_find_element(&ui, "search");
    CHECK(e && strcmp(e->role, "field") == 0 && !e->checked);
    /* Tap to focus, then type. */
    tap(&ui, 300, 150, field_screen, &c);
    e = ui_find_element(&ui, "search");
    CHECK(e && e->checked);
    type(&ui, "ab", &c);
    CHECK_STR(c.text.buf, "ab");
    CHECK_INT(c.changed, 1);
    e = ui_find_element(&ui, "search");
    CHECK(e && strcmp(e->label, "ab") == 0);
    /* Control characters are dropped: C0, DEL, C1 (U+0085) and malformed bytes. */
    type(&ui, "c\x01\t\n\x7f\xC2\x85\xFF" "d\r", &c);
    CHECK_STR(c.text.buf, "abcd");
    CHECK_INT(c.changed, 2);
    type(&ui, "\x01\x02", &c);
    CHECK_INT(c.changed, 2); /* nothing inserted: not a change */
    /* Multi-byte text: é (2 bytes), € (3 bytes). */
    type(&ui, "\xC3\xA9\xE2\x82\xAC", &c);
    CHECK_STR(c.text.buf, "abcd\xC3\xA9\xE2\x82\xAC");
    CHECK_INT(c.text.len, 9);
    /* Backspace removes a whole code point. */
    key(&ui, UI_KEY_BACKSPACE, &c);
    CHECK_STR(c.text.buf, "abcd\xC3\xA9");
    key(&ui, UI_KEY_BACKSPACE, &c);
    CHECK_STR(c.text.buf, "abcd");
    type(&ui, "\xF0\x9D\x84\x9E", &c);
    CHECK_STR(c.text.buf, "abcd\xF0\x9D\x84\x9E");
    key(&ui, UI_KEY_BACKSPACE, &c);
    CHECK_STR(c.text.buf, "abcd");
    /* The limit (12 bytes): text up to it goes in, beyond it does not. */
    type(&ui, "efghijkl", &c);
    CHECK_STR(c.text.buf, "abcdefghijkl");
    CHECK_INT(c.text.len, 12);
    int before = c.changed;
    type(&ui, "m", &c);
    CHECK_STR(c.text.buf, "abcdefghijkl");
    CHECK_INT(c.changed, before);
    /* One byte left: a 2-byte letter does not fit and is not split ... */
    key(&ui, UI_KEY_BACKSPACE, &c);
    type(&ui, "\xC3\xA9", &c);
    CHECK_STR(c.text.buf, "abcdefghijk");
    CHECK(c.text.len <= c.text.max);
    /* ... nor is what was typed after it let in out of order: the field never holds
     * text the person did not type in that order. */
    type(&ui, "\xC3\xA9z", &c);
    CHECK_STR(c.text.buf, "abcdefghijk");
    /* Backspace empties it, and on an empty field changes nothing. */
    for (int i = 0; i < 12; i++)
        key(&ui, UI_KEY_BACKSPACE, &c);
    CHECK_STR(c.text.buf, "");
    before = c.changed;
    key(&ui, UI_KEY_BACKSPACE, &c);
    CHECK_INT(c.changed, before);
    /* Focus leaves with ui_focus(NULL): typing goes nowhere again. */
    ui_focus(&ui, NULL);
    type(&ui, "x", &c);
    CHECK_STR(c.text.buf, "");
    strbuf_release(&c.text);
    ui_release(&ui);
}

/* ==== on-screen keyboard ==== */

typedef struct KbdCtx {
    StrBuf text;
    int changed;
} KbdCtx;

static void kbd_screen(Ui *ui, void *user)
{
    KbdCtx *c = user;
    if (ui_keyboard(ui, "kbd", rect_make(200, 500, 1500, 560), &c->text))
        c->changed++;
}

static void test_keyboard(void)
{
    Ui ui;
    ui_setup(&ui);
    KbdCtx c;
    strbuf_init(&c.text, 64);
    c.changed = 0;
    frame(&ui, kbd_screen, &c);
    const UiElement *e = ui_find_element(&ui, "kbd-key-a");
    CHECK(e != NULL);
    if (e) {
        CHECK_STR(e->role, "key");
        CHECK_STR(e->label, "a");
        CHECK(e->rect.w >= ui.theme.min_target && e->rect.h >= ui.theme.min_target);
    }
    /* Space on an empty field does nothing (no leading spaces). */
    CHECK(tap_element(&ui, "kbd-space", kbd_screen, &c));
    CHECK_STR(c.text.buf, "");
    CHECK(tap_element(&ui, "kbd-key-a", kbd_screen, &c));
    CHECK_STR(c.text.buf, "a");
    CHECK_INT(c.changed, 1);
    /* Shift, then a: a capital, and Shift lets go afterwards. */
    CHECK(tap_element(&ui, "kbd-shift", kbd_screen, &c));
    e = ui_find_element(&ui, "kbd-shift");
    frame(&ui, kbd_screen, &c);
    e = ui_find_element(&ui, "kbd-shift");
    CHECK(e && e->checked);
    e = ui_find_element(&ui, "kbd-key-a");
    CHECK(e && strcmp(e->label, "A") == 0);
    CHECK(tap_element(&ui, "kbd-key-a", kbd_screen, &c));
    CHECK_STR(c.text.buf, "aA");
    frame(&ui, kbd_screen, &c);
    e = ui_find_element(&ui, "kbd-shift");
    CHECK(e && !e->checked);
    CHECK(tap_element(&ui, "kbd-key-a", kbd_screen, &c));
    CHECK_STR(c.text.buf, "aAa");
    /* Shift does not change digits or punctuation; digits are on the symbols layer. */
    CHECK(tap_element(&ui, "kbd-shift", kbd_screen, &c));
    CHECK(tap_element(&ui, "kbd-key--", kbd_screen, &c));
    CHECK(tap_element(&ui, "kbd-layer-symbols", kbd_screen, &c));
    frame(&ui, kbd_screen, &c);
    CHECK(tap_element(&ui, "kbd-key-7", kbd_screen, &c));
    CHECK(tap_element(&ui, "kbd-layer-letters", kbd_screen, &c));
    frame(&ui, kbd_screen, &c);
    CHECK_STR(c.text.buf, "aAa-7");
    /* Space adds one space (not two in a row). */
    CHECK(tap_element(&ui, "kbd-space", kbd_screen, &c));
    CHECK_STR(c.text.buf, "aAa-7 ");
    CHECK(tap_element(&ui, "kbd-space", kbd_screen, &c));
    CHECK_STR(c.text.buf, "aAa-7 ");
    CHECK(tap_element(&ui, "kbd-key-q", kbd_screen, &c));
    CHECK_STR(c.text.buf, "aAa-7 q");
    /* Delete removes the last character; on a multi-byte one, all of it. */
    CHECK(tap_element(&ui, "kbd-backspace", kbd_screen, &c));
    CHECK_STR(c.text.buf, "aAa-7 ");
    CHECK(tap_element(&ui, "kbd-backspace", kbd_screen, &c));
    CHECK_STR(c.text.buf, "aAa-7");
    strbuf_adds(&c.text, "\xC3\xA9");
    CHECK(tap_element(&ui, "kbd-backspace", kbd_screen, &c));
    CHECK_STR(c.text.buf, "aAa-7");
    /* Clear empties it. */
    CHECK(tap_element(&ui, "kbd-clear", kbd_screen, &c));
    CHECK_STR(c.text.buf, "");
    int before = c.changed;
    CHECK(tap_element(&ui, "kbd-backspace", kbd_screen, &c));
    CHECK_INT(c.changed, before);
    /* Keys are separate: every letter key exists with its own rect. */
    int missing = 0;
    const char *keys = "qwertyuiopasdfghjklzxcvbnm',.-";
    for (const char *k = keys; *k; k++) {
        char id[32];
        snprintf(id, sizeof id, "kbd-key-%c", *k);
        if (!ui_find_element(&ui, id))
            missing++;
    }
    CHECK_INT(missing, 0);
    strbuf_release(&c.text);
    ui_release(&ui);
}

/* Each language's letters: ui_set_language picks the first layer and direction. */
static void test_keyboard_languages(void)
{
    Ui ui;
    ui_setup(&ui);
    KbdCtx c;
    strbuf_init(&c.text, 64);
    c.changed = 0;
    CHECK_STR(ui.language, "en");
    CHECK(!ui.rtl);
    /* Urdu: right to left; the keyboard opens on Urdu letters, alif on the right. */
    ui_set_language(&ui, "ur");
    CHECK(ui.rtl);
    frame(&ui, kbd_screen, &c);
    const UiElement *alif = ui_find_element(&ui, "kbd-key-627");
    const UiElement *be = ui_find_element(&ui, "kbd-key-628");
    CHECK(alif && be && alif->rect.x > be->rect.x);
    CHECK(ui_find_element(&ui, "kbd-key-6d2") != NULL); /* ے */
    CHECK(ui_find_element(&ui, "kbd-key-q") == NULL);
    CHECK(tap_element(&ui, "kbd-key-627", kbd_screen, &c));
    CHECK(tap_element(&ui, "kbd-key-628", kbd_screen, &c));
    CHECK_STR(c.text.buf, "اب");
    /* To the Latin letters and back; q still left of w in right-to-left. */
    CHECK(tap_element(&ui, "kbd-layer-letters", kbd_screen, &c));
    frame(&ui, kbd_screen, &c);
    const UiElement *q = ui_find_element(&ui, "kbd-key-q");
    const UiElement *w = ui_find_element(&ui, "kbd-key-w");
    CHECK(q && w && q->rect.x < w->rect.x);
    const UiElement *back = ui_find_element(&ui, "kbd-layer-script");
    CHECK(back && strcmp(back->label, "Letters of this language") == 0);
    CHECK(tap_element(&ui, "kbd-layer-script", kbd_screen, &c));
    frame(&ui, kbd_screen, &c);
    CHECK(ui_find_element(&ui, "kbd-key-627") != NULL);
    /* Urdu punctuation and digits on the second page. */
    CHECK(tap_element(&ui, "kbd-layer-script-more", kbd_screen, &c));
    frame(&ui, kbd_screen, &c);
    CHECK(ui_find_element(&ui, "kbd-key-6d4") != NULL); /* ۔ */
    /* Arabic, Bengali (two pages), Gurmukhi. */
    ui_set_language(&ui, "ar-EG");
    CHECK(ui.rtl);
    frame(&ui, kbd_screen, &c);
    CHECK(ui_find_element(&ui, "kbd-key-629") != NULL); /* ة */
    CHECK(ui_find_element(&ui, "kbd-layer-script-more") == NULL);
    ui_set_language(&ui, "bn");
    CHECK(!ui.rtl);
    frame(&ui, kbd_screen, &c);
    const UiElement *ka = ui_find_element(&ui, "kbd-key-995");
    const UiElement *kha = ui_find_element(&ui, "kbd-key-996");
    CHECK(ka && kha && ka->rect.x < kha->rect.x);
    CHECK(tap_element(&ui, "kbd-layer-script-more", kbd_screen, &c));
    frame(&ui, kbd_screen, &c);
    CHECK(ui_find_element(&ui, "kbd-key-986") != NULL); /* অ */
    ui_set_language(&ui, "pa");
    frame(&ui, kbd_screen, &c);
    CHECK(ui_find_element(&ui, "kbd-key-a15") != NULL); /* ਕ */
    /* Latin-script languages open on the Latin letters; Romanian leads with its own. */
    ui_set_language(&ui, "cy");
    frame(&ui, kbd_screen, &c);
    CHECK(ui_find_element(&ui, "kbd-key-q") != NULL);
    CHECK(ui_find_element(&ui, "kbd-layer-script") == NULL);
    CHECK(tap_element(&ui, "kbd-layer-accents", kbd_screen, &c));
    frame(&ui, kbd_screen, &c);
    CHECK(ui_find_element(&ui, "kbd-key-175") != NULL); /* ŵ */
    CHECK(ui_find_element(&ui, "kbd-key-142") != NULL); /* ł */
    ui_set_language(&ui, "ro");
    frame(&ui, kbd_screen, &c);
    CHECK(tap_element(&ui, "kbd-layer-accents", kbd_screen, &c));
    frame(&ui, kbd_screen, &c);
    CHECK(ui_find_element(&ui, "kbd-key-219") != NULL); /* ș */
    CHECK(ui_find_element(&ui, "kbd-key-21b") != NULL); /* ț */
    CHECK(ui_find_element(&ui, "kbd-key-103") != NULL); /* ă */
    ui_set_language(&ui, NULL);
    CHECK_STR(ui.language, "en");
    CHECK(!ui.rtl);
    strbuf_release(&c.text);
    ui_release(&ui);
}

/* A keyboard of a chosen kind over a chosen rectangle, right-to-left or not. */
typedef struct KbdModeCtx {
    StrBuf text;
    UiKeyboardMode mode;
    Rect r;
} KbdModeCtx;

static void kbd_mode_screen(Ui *ui, void *user)
{
    KbdModeCtx *c = user;
    ui_keyboard_for(ui, "kbd", c->r, &c->text, c->mode);
}

/* Taps a key, then draws one more frame, as the run loop does after input: a key that
 * changes the layer shows the new layer on that frame. */
static bool tap_key(Ui *ui, const char *id, ScreenFn fn, void *ctx)
{
    bool ok = tap_element(ui, id, fn, ctx);
    frame(ui, fn, ctx);
    return ok;
}

/* The visible key (role "key") whose name is exactly label, or NULL. */
static const UiElement *key_named(const Ui *ui, const char *label)
{
    for (size_t i = 0; i < ui->nelements; i++)
        if (strcmp(ui->elements[i].role, "key") == 0 && strcmp(ui->elements[i].label, label) == 0)
            return &ui->elements[i];
    return NULL;
}

/* Whether the draw list shows text exactly equal to s. */
static bool draws_text(const Ui *ui, const char *s)
{
    for (size_t i = 0; i < ui->draw.len; i++) {
        const DrawCmd *d = &ui->draw.cmds[i];
        if (d->kind == DRAW_TEXT && d->text && strcmp(d->text, s) == 0)
            return true;
    }
    return false;
}

/* Counts the characters of `chars` (UTF-8, space-separated) with no key on screen. */
static int count_missing(const Ui *ui, const char *chars)
{
    int missing = 0;
    for (const char *p = chars; *p;) {
        size_t n = strcspn(p, " ");
        char w[16];
        snprintf(w, sizeof w, "%.*s", (int)n, p);
        if (n && !key_named(ui, w)) {
            fprintf(stderr, "  no key for '%s'\n", w);
            missing++;
        }
        p += n;
        while (*p == ' ')
            p++;
    }
    return missing;
}

/* Every key inside the keyboard, at least the minimum touch target, none overlapping. */
static int count_bad_keys(const Ui *ui, Rect kb)
{
    int bad = 0;
    for (size_t i = 0; i < ui->nelements; i++) {
        const UiElement *a = &ui->elements[i];
        if (strcmp(a->role, "key") != 0)
            continue;
        Rect r = a->rect;
        if (r.w < ui->theme.min_target || r.h < ui->theme.min_target || r.x < kb.x ||
            r.y < kb.y || r.x + r.w > kb.x + kb.w || r.y + r.h > kb.y + kb.h || a->clipped) {
            fprintf(stderr, "  key %s at %d,%d %dx%d\n", a->id, r.x, r.y, r.w, r.h);
            bad++;
        }
        for (size_t j = i + 1; j < ui->nelements; j++) {
            const UiElement *b = &ui->elements[j];
            if (strcmp(b->role, "key") == 0 && !rect_empty(rect_intersect(r, b->rect))) {
                fprintf(stderr, "  keys %s and %s overlap\n", a->id, b->id);
                bad++;
            }
            if (strcmp(b->role, "key") == 0 && strcmp(a->id, b->id) == 0) {
                fprintf(stderr, "  two keys are %s\n", a->id);
                bad++;
            }
        }
    }
    return bad;
}

/* The layers: every character the issue asks for can be reached, with the right ids,
 * names and labels; Caps lock and Shift on accented letters. */
static void test_keyboard_layers(void)
{
    Ui ui;
    ui_setup(&ui);
    KbdModeCtx c = {.mode = UI_KBD_TEXT};
    strbuf_init(&c.text, 256);
    c.r = rect_make(100, 400, 1200, ui_keyboard_height(&ui, 1200));
    frame(&ui, kbd_mode_screen, &c);
    /* The layer keys show short text and are named in words. */
    const UiElement *e = ui_find_element(&ui, "kbd-layer-symbols");
    CHECK(e && strcmp(e->label, "Numbers and symbols") == 0);
    CHECK(draws_text(&ui, "?123"));
    e = ui_find_element(&ui, "kbd-layer-accents");
    CHECK(e && strcmp(e->label, "Accented letters") == 0);
    e = ui_find_element(&ui, "kbd-caps");
    CHECK(e && strcmp(e->label, "Caps lock") == 0 && !e->checked);
    CHECK(ui_find_element(&ui, "kbd-dotcom") == NULL);
    CHECK_INT(count_bad_keys(&ui, c.r), 0);

    CHECK(tap_key(&ui, "kbd-layer-symbols", kbd_mode_screen, &c));
    CHECK_INT(count_missing(&ui, "1 2 3 4 5 6 7 8 9 0 , . ? ! ' \" - / & + _ £ @ ( ) : ; % # * ¿ ¡"), 0);
    e = ui_find_element(&ui, "kbd-layer-letters");
    CHECK(e && strcmp(e->label, "Letters") == 0);
    CHECK(ui_find_element(&ui, "kbd-key-a3") != NULL); /* £ is U+00A3 */
    CHECK_INT(count_bad_keys(&ui, c.r), 0);
    CHECK(tap_key(&ui, "kbd-key-a3", kbd_mode_screen, &c));
    CHECK(tap_key(&ui, "kbd-key-5", kbd_mode_screen, &c));
    CHECK(tap_key(&ui, "kbd-key-bf", kbd_mode_screen, &c));
    CHECK_STR(c.text.buf, "£5¿");

    CHECK(tap_key(&ui, "kbd-layer-accents", kbd_mode_screen, &c));
    CHECK_INT(count_missing(&ui, "â ê î ô û ŵ ŷ ä ë ï ö ü ą ć ę ł ń ó ś ź ż é è à ç ß ñ á í ú ù œ"), 0);
    CHECK_INT(count_bad_keys(&ui, c.r), 0);
    e = ui_find_element(&ui, "kbd-key-175"); /* ŵ is U+0175 */
    CHECK(e && strcmp(e->label, "ŵ") == 0);
    /* Shift: one capital, then small letters again. */
    CHECK(tap_key(&ui, "kbd-shift", kbd_mode_screen, &c));
    e = ui_find_element(&ui, "kbd-key-142"); /* ł is U+0142 */
    CHECK(e && strcmp(e->label, "Ł") == 0);
    CHECK_INT(count_missing(&ui, "Â Ŵ Ŷ Ą Ż Ç Ñ Ù Œ ß"), 0);
    CHECK_INT(count_bad_keys(&ui, c.r), 0);
    CHECK(tap_key(&ui, "kbd-key-142", kbd_mode_screen, &c));
    CHECK(tap_key(&ui, "kbd-key-f3", kbd_mode_screen, &c));
    CHECK_STR(c.text.buf, "£5¿Łó");
    /* Caps lock: capitals until it is let go, across layers. */
    CHECK(tap_key(&ui, "kbd-caps", kbd_mode_screen, &c));
    CHECK(tap_key(&ui, "kbd-key-17a", kbd_mode_screen, &c)); /* ź */
    CHECK(tap_key(&ui, "kbd-layer-letters", kbd_mode_screen, &c));
    e = ui_find_element(&ui, "kbd-caps");
    CHECK(e && e->checked);
    CHECK(tap_key(&ui, "kbd-key-d", kbd_mode_screen, &c));
    CHECK(tap_key(&ui, "kbd-key-z", kbd_mode_screen, &c));
    CHECK(tap_key(&ui, "kbd-caps", kbd_mode_screen, &c));
    CHECK(tap_key(&ui, "kbd-key-z", kbd_mode_screen, &c));
    CHECK_STR(c.text.buf, "£5¿ŁóŹDZz");
    /* The keyboard keeps one height whatever the layer. */
    CHECK(ui_keyboard_height(&ui, 1200) == c.r.h);
    strbuf_release(&c.text);
    ui_release(&ui);
}

/* The kinds: a dial pad for phone numbers, @ and .com for email addresses; every kind
 * and layer fits the narrowest keyboard and a wide one, mirrored or not. */
static void test_keyboard_modes(void)
{
    Ui ui;
    ui_setup(&ui);
    KbdModeCtx c = {.mode = UI_KBD_PHONE};
    strbuf_init(&c.text, 256);
    int w = ui_keyboard_width(&ui);
    c.r = rect_make(50, 300, w, ui_keyboard_height(&ui, w));
    frame(&ui, kbd_mode_screen, &c);
    CHECK_INT(count_missing(&ui, "1 2 3 4 5 6 7 8 9 0 + ( ) - * #"), 0);
    CHECK(ui_find_element(&ui, "kbd-key-q") == NULL);
    CHECK(ui_find_element(&ui, "kbd-shift") == NULL);
    CHECK(ui_find_element(&ui, "kbd-layer-symbols") == NULL);
    CHECK(tap_key(&ui, "kbd-key-+", kbd_mode_screen, &c));
    CHECK(tap_key(&ui, "kbd-key-4", kbd_mode_screen, &c));
    CHECK(tap_key(&ui, "kbd-space", kbd_mode_screen, &c));
    CHECK(tap_key(&ui, "kbd-key-#", kbd_mode_screen, &c));
    CHECK_STR(c.text.buf, "+4 #");
    strbuf_reset(&c.text);

    c.mode = UI_KBD_EMAIL;
    frame(&ui, kbd_mode_screen, &c);
    CHECK_INT(count_missing(&ui, "@ . _ - q z"), 0);
    CHECK(ui_find_element(&ui, "kbd-layer-accents") == NULL);
    CHECK(tap_key(&ui, "kbd-key-s", kbd_mode_screen, &c));
    CHECK(tap_key(&ui, "kbd-key-@", kbd_mode_screen, &c));
    CHECK(tap_key(&ui, "kbd-key-e", kbd_mode_screen, &c));
    CHECK(tap_key(&ui, "kbd-dotcouk", kbd_mode_screen, &c));
    CHECK_STR(c.text.buf, "s@e.co.uk");
    CHECK(tap_key(&ui, "kbd-layer-symbols", kbd_mode_screen, &c));
    CHECK(ui_find_element(&ui, "kbd-key-'") != NULL);
    /* Back to text: its letters again, not the symbols the email field left. */
    c.mode = UI_KBD_TEXT;
    frame(&ui, kbd_mode_screen, &c);
    CHECK(ui_find_element(&ui, "kbd-key-q") != NULL);

    /* Every kind, layer and capital state fits, at the narrowest width and a wide one,
     * left to right and mirrored; and is never taller than ui_keyboard_height. */
    static const char *const layer_keys[] = {NULL, "kbd-layer-symbols", "kbd-layer-accents"};
    int widths[] = {w, 1800};
    for (int rtl = 0; rtl < 2; rtl++)
        for (int wi = 0; wi < 2; wi++)
            for (int mode = UI_KBD_TEXT; mode <= UI_KBD_PHONE; mode++)
                for (int layer = 0; layer < 3; layer++)
                    for (int shift = 0; shift < 2; shift++) {
                        ui_set_rtl(&ui, rtl != 0);
                        ui_reset_state(&ui);
                        c.mode = (UiKeyboardMode)mode;
                        c.r = rect_make(50, 100, widths[wi], ui_keyboard_height(&ui, widths[wi]));
                        frame(&ui, kbd_mode_screen, &c);
                        if (layer_keys[layer] && !ui_find_element(&ui, layer_keys[layer]))
                            continue;
                        if (layer_keys[layer])
                            tap_element(&ui, layer_keys[layer], kbd_mode_screen, &c);
                        if (shift && ui_find_element(&ui, "kbd-shift"))
                            tap_key(&ui, "kbd-shift", kbd_mode_screen, &c);
                        frame(&ui, kbd_mode_screen, &c);
                        int bad = count_bad_keys(&ui, c.r);
                        if (bad)
                            fprintf(stderr, "  (kind %d layer %d shift %d width %d rtl %d)\n",
                                    mode, layer, shift, widths[wi], rtl);
                        CHECK_INT(bad, 0);
                    }
    /* Mirrored, the characters keep their order; the controls follow the direction. */
    ui_set_rtl(&ui, true);
    ui_reset_state(&ui);
    c.mode = UI_KBD_TEXT;
    frame(&ui, kbd_mode_screen, &c);
    const UiElement *q = ui_find_element(&ui, "kbd-key-q"), *p = ui_find_element(&ui, "kbd-key-p");
    const UiElement *sh = ui_find_element(&ui, "kbd-shift"), *cl = ui_find_element(&ui, "kbd-clear");
    CHECK(q && p && q->rect.x < p->rect.x);
    CHECK(sh && cl && sh->rect.x > ui_find_element(&ui, "kbd-caps")->rect.x);
    CHECK(cl && ui_find_element(&ui, "kbd-space")->rect.x > cl->rect.x);
    ui_set_rtl(&ui, false);
    strbuf_release(&c.text);
    ui_release(&ui);
}

/* ==== text ==== */

typedef struct TextCtx {
    const char *text;
    int width;
    int font;
    int height;
} TextCtx;

static void text_screen(Ui *ui, void *user)
{
    TextCtx *c = user;
    c->height = ui_text(ui, "para", rect_make(50, 60, c->width, 500), c->font,
                        color_rgb(0, 0, 0), UI_ALIGN_LEFT, c->text);
}

static void collect_lines(const Ui *ui, char *out, size_t cap)
{
    out[0] = '\0';
    for (size_t i = 0; i < ui->draw.len; i++) {
        const DrawCmd *d = &ui->draw.cmds[i];
        if (d->kind != DRAW_TEXT)
            continue;
        size_t n = strlen(out);
        snprintf(out + n, cap - n, "%s%s", n ? "|" : "", d->text);
    }
}

static void test_text_wrap(void)
{
    Ui ui;
    ui_setup(&ui);
    char lines[512];
    /* 100 px = 10 characters a line. */
    TextCtx c = {"one two three four five six", 100, FONT_BODY, 0};
    frame(&ui, text_screen, &c);
    CHECK_INT(count_draw(&ui, DRAW_TEXT), 3);
    collect_lines(&ui, lines, sizeof lines);
    CHECK_STR(lines, "one two|three four|five six");
    CHECK_INT(c.height, 3 * LINE_H);
    CHECK_INT(ui_text_height(&ui, FONT_BODY, 100, c.text), 3 * LINE_H);
    /* Lines go down one line height at a time from the top of the rect. */
    int y = 60;
    for (size_t i = 0; i < ui.draw.len; i++) {
        if (ui.draw.cmds[i].kind != DRAW_TEXT)
            continue;
        CHECK_INT(ui.draw.cmds[i].rect.y, y);
        CHECK_INT(ui.draw.cmds[i].rect.x, 50);
        y += LINE_H;
    }
    const UiElement *e = ui_find_element(&ui, "para");
    CHECK(e != NULL);
    if (e) {
        CHECK_STR(e->label, c.text);
        CHECK_STR(e->role, "text");
        CHECK_INT(e->rect.h, 3 * LINE_H);
    }
    /* A Bengali word wider than the line breaks between conjuncts, never after a
     * virama or before a vowel sign: ক্ষ (ka, virama, ssa) and কি (ka, i sign) stay whole.
     * 30 px = 3 bytes: each line holds one cluster. */
    c.text = "ক্ষকিক্ষ";
    c.width = 30;
    frame(&ui, text_screen, &c);
    collect_lines(&ui, lines, sizeof lines);
    CHECK_STR(lines, "ক্ষ|কি|ক্ষ");
    c.width = 100;
    /* A right-to-left paragraph (its first letter is Arabic) whose second line starts
     * with an English word: that line is drawn with a right-to-left mark first, so it
     * still reads right to left. Left-to-right paragraphs are drawn as they are. */
    c.text = "ب Main ب";
    c.width = 50;
    frame(&ui, text_screen, &c);
    collect_lines(&ui, lines, sizeof lines);
    CHECK_STR(lines, "ب|\xE2\x80\x8FMain|ب");
    c.text = "Main ب Main";
    frame(&ui, text_screen, &c);
    collect_lines(&ui, lines, sizeof lines);
    CHECK_STR(lines, "Main|ب|Main");
    c.width = 100;
    /* A short text is one line. */
    c.text = "Toilets";
    frame(&ui, text_screen, &c);
    CHECK_INT(count_draw(&ui, DRAW_TEXT), 1);
    CHECK_INT(c.height, LINE_H);
    /* Explicit newlines break lines. */
    c.text = "Ward 7\nLevel 2";
    frame(&ui, text_screen, &c);
    collect_lines(&ui, lines, sizeof lines);
    CHECK_STR(lines, "Ward 7|Level 2");
    CHECK_INT(c.height, 2 * LINE_H);
    /* A word wider than the line breaks between characters. */
    c.text = "abcdefghijklmnopqrstuvwxy";
    frame(&ui, text_screen, &c);
    collect_lines(&ui, lines, sizeof lines);
    CHECK_STR(lines, "abcdefghij|klmnopqrst|uvwxy");
    CHECK_INT(c.height, 3 * LINE_H);
    /* ... and never inside a code point (é is 2 bytes, so 20 px here). */
    c.text = "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9";
    c.width = 50;
    frame(&ui, text_screen, &c);
    collect_lines(&ui, lines, sizeof lines);
    CHECK_STR(lines, "\xC3\xA9\xC3\xA9|\xC3\xA9\xC3\xA9|\xC3\xA9\xC3\xA9");
    /* Titles register as headings; empty text takes no room. */
    c.text = "Find your way";
    c.width = 1000;
    c.font = FONT_TITLE;
    frame(&ui, text_screen, &c);
    e = ui_find_element(&ui, "para");
    CHECK(e && strcmp(e->role, "heading") == 0);
    c.text = "";
    frame(&ui, text_screen, &c);
    CHECK_INT(c.height, 0);
    CHECK_INT(count_draw(&ui, DRAW_TEXT), 0);
    ui_release(&ui);
}

/* ==== draw list hash ==== */

typedef struct LabelCtx {
    const char *label;
} LabelCtx;

static void label_screen(Ui *ui, void *user)
{
    LabelCtx *c = user;
    ui_button(ui, "btn", rect_make(100, 100, 400, 100), UI_BUTTON_PRIMARY, c->label, NULL);
    ui_text(ui, "t", rect_make(100, 300, 400, 100), FONT_BODY, color_rgb(0, 0, 0),
            UI_ALIGN_LEFT, "Fixed text");
}

static void test_drawlist_hash(void)
{
    Ui ui;
    ui_setup(&ui);
    LabelCtx c = {"Hello"};
    frame(&ui, label_screen, &c);
    uint64_t h1 = drawlist_hash(&ui.draw);
    frame(&ui, label_screen, &c);
    uint64_t h2 = drawlist_hash(&ui.draw);
    CHECK(h1 == h2);
    /* Same length, same layout, one letter different. */
    c.label = "Hellp";
    frame(&ui, label_screen, &c);
    uint64_t h3 = drawlist_hash(&ui.draw);
    CHECK(h3 != h1);
    c.label = "Hello";
    frame(&ui, label_screen, &c);
    CHECK(drawlist_hash(&ui.draw) == h1);
    /* A pressed button looks different, so hashes differently. */
    down(&ui, 300, 150, label_screen, &c);
    CHECK(drawlist_hash(&ui.draw) != h1);
    up(&ui, 900, 900, label_screen, &c);
    CHECK(drawlist_hash(&ui.draw) == h1);
    /* An empty list hashes the same every time, and unlike a full one. */
    DrawList empty;
    drawlist_init(&empty);
    CHECK(drawlist_hash(&empty) == drawlist_hash(&empty));
    CHECK(drawlist_hash(&empty) != h1);
    drawlist_release(&empty);
    ui_release(&ui);
}

/* ==== QR ==== */

typedef struct QrCtx {
    const QrMatrix *qr;
    Rect r;
} QrCtx;

static void qr_screen(Ui *ui, void *user)
{
    QrCtx *c = user;
    ui_qr(ui, "qr-route", c->r, c->qr);
}

static const DrawCmd *find_qr_cmd(const Ui *ui)
{
    for (size_t i = 0; i < ui->draw.len; i++)
        if (ui->draw.cmds[i].kind == DRAW_QR)
            return &ui->draw.cmds[i];
    return NULL;
}

static void test_qr(void)
{
    Ui ui;
    ui_setup(&ui);
    QrMatrix qr = {0};
    const char *payload = "https://example.nhs.uk/signpost/route?from=main&to=ward-7";
    CHECK_INT(qr_encode(payload, &qr), 0);
    CHECK(qr.width >= 21);
    int modules = qr.width + 8;
    QrCtx c = {&qr, rect_make(100, 200, 300, 400)};
    frame(&ui, qr_screen, &c);
    int px = 300 / modules; /* whole pixels, fits the shorter side */
    CHECK(px >= 1);
    int size = modules * px;
    CHECK(size <= 300);
    CHECK(size + modules > 300); /* the largest whole size that fits */
    const DrawCmd *d = find_qr_cmd(&ui);
    CHECK(d != NULL);
    if (d) {
        CHECK(d->qr == &qr);
        CHECK_INT(d->thickness, px);
        CHECK_INT(d->rect.w, size);
        CHECK_INT(d->rect.h, size);
        CHECK_INT(d->rect.x, 100 + (300 - size) / 2);
        CHECK_INT(d->rect.y, 200 + (400 - size) / 2);
    }
    const UiElement *e = ui_find_element(&ui, "qr-route");
    CHECK(e != NULL);
    if (e) {
        CHECK_STR(e->role, "qr");
        CHECK_STR(e->label, payload);
        CHECK(!e->interactive);
        CHECK_INT(e->rect.w, size);
        CHECK_INT(e->rect.h, size);
    }
    CHECK(ui_find_element(&ui, payload) == e);
    /* A bigger area gives bigger modules, still whole pixels. */
    c.r = rect_make(0, 0, 1000, 900);
    frame(&ui, qr_screen, &c);
    d = find_qr_cmd(&ui);
    CHECK(d != NULL);
    if (d) {
        CHECK_INT(d->thickness, 900 / modules);
        CHECK_INT(d->rect.w, (900 / modules) * modules);
        CHECK_INT(d->rect.w, d->rect.h);
    }
    /* Too small an area: one pixel a module rather than nothing. */
    c.r = rect_make(0, 0, 10, 10);
    frame(&ui, qr_screen, &c);
    d = find_qr_cmd(&ui);
    CHECK(d && d->thickness == 1 && d->rect.w == modules);
    /* An empty matrix draws and registers nothing. */
    QrMatrix none = {0};
    c.qr = &none;
    frame(&ui, qr_screen, &c);
    CHECK(find_qr_cmd(&ui) == NULL);
    CHECK(ui_find_element(&ui, "qr-route") == NULL);
    qr_release(&qr);
    ui_release(&ui);
}

int main(void)
{
    TEST_RUN(test_button_fires_on_release);
    TEST_RUN(test_button_padded_hit_area);
    TEST_RUN(test_button_press_elsewhere_or_release_outside);
    TEST_RUN(test_adjacent_buttons);
    TEST_RUN(test_scroll_drag);
    TEST_RUN(test_scroll_elements);
    TEST_RUN(test_find_element);
    TEST_RUN(test_switch);
    TEST_RUN(test_field);
    TEST_RUN(test_keyboard);
    TEST_RUN(test_keyboard_layers);
    TEST_RUN(test_keyboard_modes);
    TEST_RUN(test_keyboard_languages);
    TEST_RUN(test_text_wrap);
    TEST_RUN(test_drawlist_hash);
    TEST_RUN(test_qr);
    return TEST_REPORT();
}
