/* screen_feedback.c: the Friends and Family Test ("feedback"). The national question
 * with its six answers in order as large buttons (fft-very-good .. fft-dont-know), then
 * one optional free-text follow-up (fft-text, typed on the on-screen keyboard) and Send
 * (fft-send), then thanks. Every step says that feedback is not a complaint and offers
 * PALS (fft-pals, the concern form). Nothing is stored until Send: the answer is only
 * counted for the day, and the words are sealed to the PALS key (outbox_feedback).
 * What the person typed lives only in this screen's state and is wiped when they
 * leave (forget, leave) or send. */
#include "screens.h"

#include "log.h"
#include "mem.h"

#include <stdio.h>

enum { FFT_TEXT_MAX = 1000 };

typedef enum FftStep { FFT_STEP_QUESTION, FFT_STEP_TEXT, FFT_STEP_THANKS } FftStep;

typedef struct FeedbackState {
    FftStep step;
    int answer;         /* FftAnswer, FFT_NONE before one is chosen */
    StrBuf text;        /* the follow-up, wiped */
    bool failed;        /* the last Send could not be stored */
} FeedbackState;

static const struct {
    const char *id;
    StrId label;
} answers[FFT_ANSWERS] = {
    {"fft-very-good", S_FFT_VERY_GOOD}, {"fft-good", S_FFT_GOOD},
    {"fft-neither", S_FFT_NEITHER},     {"fft-poor", S_FFT_POOR},
    {"fft-very-poor", S_FFT_VERY_POOR}, {"fft-dont-know", S_FFT_DONT_KNOW},
};

static void wipe(App *app, FeedbackState *fs)
{
    if (fs->text.len)
        app->forgot = true; /* the rendered text of what was typed goes too */
    strbuf_release(&fs->text);
    strbuf_init(&fs->text, FFT_TEXT_MAX);
    fs->text.wipe = true;
    fs->step = FFT_STEP_QUESTION;
    fs->answer = FFT_NONE;
    fs->failed = false;
    ui_focus(app->ui, NULL);
}

/* A column no wider than reads well, centred in l's box. */
static void narrow(Lay *l, const Ui *ui)
{
    int max = ui->theme.min_target * 18;
    if (l->box.w > max) {
        l->box.x += (l->box.w - max) / 2;
        l->box.w = max;
    }
}

/* "Feedback is not a complaint" and the way to PALS, in a card. */
static void pals_note(App *app, Lay *l)
{
    const Theme *t = &l->ui->theme;
    LayPanelStyle style = lay_style_card(l->ui);
    Lay card;
    lay_panel(l, &card, &style, SPACE_L, SPACE_M, "fft-note");
    lay_text(&card, "fft-not-complaint", FONT_BODY, t->text, tr(S_FFT_NOT_COMPLAINT));
    if (lay_button(&card, "fft-pals", UI_BUTTON_SECONDARY, tr(S_FFT_PALS), NULL, LAY_START))
        app_go(app, SCREEN_CONCERN, 0);
    lay_panel_end(l, &card);
}

/* The question, then the answers in order, one under another (a scale reads down);
 * on a wide screen "not a complaint" and the way to PALS beside them, so everything is
 * in view at once; on a tall one under them. */
/* The height pals_note takes in a column w wide. */
static int pals_note_height(Ui *ui, int w)
{
    const Theme *t = &ui->theme;
    int inner = w - 2 * t->space[SPACE_L];
    int bw = ui_button_width(ui, UI_BUTTON_SECONDARY, tr(S_FFT_PALS));
    return ui_text_height(ui, FONT_BODY, inner, tr(S_FFT_NOT_COMPLAINT)) + t->space[SPACE_M] +
           ui_button_height(ui, UI_BUTTON_SECONDARY, bw < inner ? bw : inner, tr(S_FFT_PALS),
                            NULL) +
           2 * t->space[SPACE_L] + 4;
}

static void draw_question(App *app, FeedbackState *fs, Ui *ui, Rect area)
{
    const Theme *t = &ui->theme;
    Lay page, body, row, cell;
    lay_column(&page, ui, area, SPACE_NONE, SPACE_NONE, NULL, NULL);
    lay_scroll(&page, &body, "fft-body", 0, SPACE_XL, SPACE_L);
    bool wide = ui->width > ui->height;
    if (!wide)
        narrow(&body, ui);
    /* Title size on one line, else a size smaller (large text, a long translation). */
    const char *q = tr(S_FFT_QUESTION);
    lay_text(&body, "fft-question",
             ui_text_width(ui, FONT_TITLE, q) <= lay_width(&body) ? FONT_TITLE : FONT_LARGE_BOLD,
             t->text, q);
    LayLen lens[2] = {LAY_FR(3), LAY_FR(2)};
    Lay *answers_at = &body;
    if (wide) {
        lay_row(&body, &row, 2, lens, SPACE_XL);
        lay_cell(&row, &cell, 0, SPACE_NONE);
        answers_at = &cell;
    }
    for (int i = 0; i < FFT_ANSWERS; i++) {
        bool chosen = fs->answer == i + 1;
        if (lay_button(answers_at, answers[i].id,
                       chosen ? UI_BUTTON_PRIMARY : UI_BUTTON_SECONDARY, tr(answers[i].label),
                       NULL, LAY_STRETCH)) {
            fs->answer = i + 1;
            fs->step = FFT_STEP_TEXT;
            ui_scroll_to(ui, "fft-body", 0);
        }
    }
    if (wide) {
        lay_cell_end(&row, &cell);
        lay_cell(&row, &cell, 1, SPACE_NONE);
        pals_note(app, &cell);
        lay_cell_end(&row, &cell);
        lay_row_end(&body, &row);
    } else {
        lay_space(&body, SPACE_S);
        pals_note(app, &body);
    }
    lay_scroll_end(&page, &body);
    lay_end(&page);
}

static void send(App *app, FeedbackState *fs)
{
    char day[16];
    snprintf(day, sizeof day, "%04d-%02d-%02d", app->today.year % 10000, app->today.month % 100,
             app->today.day % 100);
    OutboxStatus st = app->outbox ? outbox_feedback(app->outbox, fs->answer, day,
                                                    fs->text.len ? fs->text.buf : NULL)
                                  : OUTBOX_ERROR;
    if (st != OUTBOX_OK) {
        fs->failed = true;
        return;
    }
    /* Stored: nothing of it stays on screen or in memory. */
    strbuf_release(&fs->text);
    strbuf_init(&fs->text, FFT_TEXT_MAX);
    fs->text.wipe = true;
    fs->answer = FFT_NONE;
    fs->failed = false;
    fs->step = FFT_STEP_THANKS;
    ui_focus(app->ui, NULL);
    app->forgot = true;
}

/* The follow-up when the keyboard is taller than the page leaves it (the largest text
 * in a tall script): everything in one scroll region, the keyboard under Send. */
static void draw_text_scrolled(App *app, FeedbackState *fs, Ui *ui, Rect area)
{
    const Theme *t = &ui->theme;
    Lay page, body;
    lay_column(&page, ui, area, SPACE_NONE, SPACE_NONE, NULL, NULL);
    lay_scroll(&page, &body, "fft-text-body", 0, SPACE_XL, SPACE_M);
    lay_text(&body, "fft-text-question", FONT_LARGE_BOLD, t->text, tr(S_FFT_TEXT_Q));
    if (!ui_has_focus(ui))
        ui_focus(ui, "fft-text");
    int least = 2 * ui_line_height(ui, FONT_LARGE) + 2 * t->space[SPACE_M];
    if (least < t->min_target * 2)
        least = t->min_target * 2;
    ui_textarea(ui, "fft-text", lay_next(&body, least), &fs->text, NULL);
    bool sent = lay_button(&body, "fft-send", UI_BUTTON_PRIMARY, tr(S_FFT_SEND), NULL,
                           LAY_STRETCH);
    Rect kbd = lay_next(&body, ui_keyboard_height(ui, lay_width(&body)));
    ui_keyboard(ui, "kbd", kbd, &fs->text);
    if (fs->failed)
        screen_notice(&body, "fft-failed", tr(S_FFT_FAILED));
    lay_text(&body, "fft-text-hint", FONT_BODY, t->text_muted, tr(S_FFT_TEXT_HINT));
    char chosen[256];
    i18n_format(chosen, sizeof chosen, S_FFT_YOUR_ANSWER, tr(answers[fs->answer - 1].label),
                NULL, NULL);
    lay_text(&body, "fft-chosen", FONT_BODY_BOLD, t->text, chosen);
    bool change = lay_button(&body, "fft-change", UI_BUTTON_SECONDARY, tr(S_FFT_CHANGE), NULL,
                             LAY_START);
    pals_note(app, &body);
    lay_scroll_end(&page, &body);
    lay_end(&page);
    if (change)
        fs->step = FFT_STEP_QUESTION;
    else if (sent)
        send(app, fs);
}

/* The follow-up: what they chose, the question, the text area and Send; the keyboard
 * beside them on a wide screen, under them on a tall one. */
static void draw_text(App *app, FeedbackState *fs, Ui *ui, Rect area)
{
    const Theme *t = &ui->theme;
    bool wide = area.w > area.h;
    {
        /* Room for the keyboard beside the words (wide) or under them (tall)? */
        int pad = 2 * t->space[SPACE_XL];
        int w = wide ? (area.w - pad) / 2 : area.w - pad;
        if (wide && w < ui_keyboard_width(ui))
            w = ui_keyboard_width(ui);
        int kh = ui_keyboard_height(ui, w);
        if (kh > (wide ? area.h - pad : (area.h - pad) * 3 / 5)) {
            draw_text_scrolled(app, fs, ui, area);
            return;
        }
    }
    Lay page, form, side, body;
    lay_column(&page, ui, area, SPACE_XL, SPACE_L, NULL, NULL);
    Rect kbd;
    Lay *col = &page;
    bool note_beside = false;
    if (wide) {
        int kbd_w = lay_width(&page) / 2;
        if (kbd_w < ui_keyboard_width(ui))
            kbd_w = ui_keyboard_width(ui);
        LayLen lens[2] = {LAY_FR(1), LAY_PX(kbd_w)};
        Lay row;
        int h = lay_remaining(&page);
        lay_row(&page, &row, 2, lens, SPACE_XL);
        lay_column(&form, ui, lay_cell_rect(&row, 0, h), SPACE_NONE, SPACE_L, NULL, NULL);
        lay_column(&side, ui, lay_cell_rect(&row, 1, h), SPACE_NONE, SPACE_NONE, NULL, NULL);
        kbd = lay_bottom(&side, ui_keyboard_height(ui, lay_width(&side)));
        /* Above the keyboard, where it stays in view, when it fits there: not a
         * complaint, and PALS. */
        note_beside = pals_note_height(ui, lay_width(&side)) <= lay_remaining(&side);
        if (note_beside)
            pals_note(app, &side);
        lay_end(&side);
        col = &form;
    } else {
        kbd = lay_bottom(&page, ui_keyboard_height(ui, lay_width(&page)));
    }
    const char *send_label = tr(S_FFT_SEND);
    Rect bar = lay_bottom(col, ui_button_height(ui, UI_BUTTON_PRIMARY, lay_width(col),
                                                send_label, NULL));
    lay_scroll(col, &body, "fft-text-body", 0, SPACE_NONE, SPACE_M);
    /* The question and the words first: at the largest text the rest scrolls. */
    lay_text(&body, "fft-text-question", FONT_LARGE_BOLD, t->text, tr(S_FFT_TEXT_Q));
    if (!ui_has_focus(ui))
        ui_focus(ui, "fft-text");
    int least = 3 * ui_line_height(ui, FONT_LARGE) + 2 * t->space[SPACE_M];
    if (least < t->min_target * 2)
        least = t->min_target * 2;
    ui_textarea(ui, "fft-text", lay_next(&body, least), &fs->text, NULL);
    if (fs->failed)
        screen_notice(&body, "fft-failed", tr(S_FFT_FAILED));
    lay_text(&body, "fft-text-hint", FONT_BODY, t->text_muted, tr(S_FFT_TEXT_HINT));
    char chosen[256];
    i18n_format(chosen, sizeof chosen, S_FFT_YOUR_ANSWER, tr(answers[fs->answer - 1].label),
                NULL, NULL);
    lay_text(&body, "fft-chosen", FONT_BODY_BOLD, t->text, chosen);
    if (lay_button(&body, "fft-change", UI_BUTTON_SECONDARY, tr(S_FFT_CHANGE), NULL,
                   LAY_START))
        fs->step = FFT_STEP_QUESTION;
    if (!note_beside) {
        lay_space(&body, SPACE_S);
        pals_note(app, &body);
    }
    lay_scroll_end(col, &body);
    if (ui_button(ui, "fft-send", bar, UI_BUTTON_PRIMARY, send_label, NULL))
        send(app, fs);
    if (col != &page)
        lay_end(col);
    if (fs->step == FFT_STEP_TEXT)
        ui_keyboard(ui, "kbd", kbd, &fs->text);
    lay_end(&page);
}

static void draw_thanks(App *app, FeedbackState *fs, Ui *ui, Rect area)
{
    (void)fs;
    const Theme *t = &ui->theme;
    Lay page, body;
    lay_column(&page, ui, area, SPACE_NONE, SPACE_NONE, NULL, NULL);
    lay_scroll(&page, &body, "fft-body", 0, SPACE_XL, SPACE_L);
    narrow(&body, ui);
    lay_text(&body, "fft-thanks", FONT_TITLE, t->text, tr(S_FFT_THANKS));
    lay_text(&body, "fft-thanks-body", FONT_LARGE, t->text, tr(S_FFT_THANKS_BODY));
    pals_note(app, &body);
    bool finish = lay_button(&body, "fft-finish", UI_BUTTON_PRIMARY, tr(S_FFT_FINISH), NULL,
                             LAY_START);
    lay_scroll_end(&page, &body);
    lay_end(&page);
    if (finish)
        app_forget(app);
}

static void feedback_update(App *app, void *st, Ui *ui, Rect area)
{
    FeedbackState *fs = st;
    switch (fs->step) {
    case FFT_STEP_QUESTION: draw_question(app, fs, ui, area); break;
    case FFT_STEP_TEXT: draw_text(app, fs, ui, area); break;
    case FFT_STEP_THANKS: draw_thanks(app, fs, ui, area); break;
    }
}

static void feedback_init(App *app, void *st)
{
    (void)app;
    FeedbackState *fs = st;
    strbuf_init(&fs->text, FFT_TEXT_MAX);
    fs->text.wipe = true;
}

/* arg 0: the question; 1 to 6: the follow-up for that answer (previews, tests). */
static void feedback_enter(App *app, void *st, int arg)
{
    FeedbackState *fs = st;
    wipe(app, fs);
    if (arg >= 1 && arg <= FFT_ANSWERS) {
        fs->answer = arg;
        fs->step = FFT_STEP_TEXT;
    }
    ui_scroll_to(app->ui, "fft-body", 0);
}

static void feedback_leave(App *app, void *st)
{
    wipe(app, st);
}

static void feedback_forget(App *app, void *st)
{
    wipe(app, st);
}

/* Back from the follow-up goes to the question (the answer kept, the words too). */
static bool feedback_back(App *app, void *st)
{
    (void)app;
    FeedbackState *fs = st;
    if (fs->step != FFT_STEP_TEXT)
        return false;
    fs->step = FFT_STEP_QUESTION;
    ui_focus(app->ui, NULL);
    return true;
}

static bool feedback_holds_answers(const App *app, const void *st)
{
    (void)app;
    const FeedbackState *fs = st;
    return fs->step == FFT_STEP_TEXT && fs->text.len > 0;
}

const Screen screen_feedback = {
    .name = "feedback",
    .has_header = true,
    .title = S_FFT_TITLE,
    .state_size = sizeof(FeedbackState),
    .init = feedback_init,
    .enter = feedback_enter,
    .update = feedback_update,
    .leave = feedback_leave,
    .forget = feedback_forget,
    .back = feedback_back,
    .holds_answers = feedback_holds_answers,
};
