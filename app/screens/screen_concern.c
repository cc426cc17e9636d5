/* screen_concern.c: "Raise a concern" (and, with its own steps in needs_steps.c,
 * "Tell us how you need information"), one question a step (the steps and their table
 * are in concern_steps.c): an introduction that asks first whether someone is at risk
 * right now, the questions, a review with a way to change each answer, then sending,
 * which seals the concern and says "sent" only once the outbox has committed it.
 *
 * This file runs the frame (layout engine): on the questions and the review a top bar
 * (progress and "Hide my answers", wrapping to two lines when it does not fit), the
 * step in a scroll region, the on-screen keyboard beside it on a wide screen or under
 * it on a tall one when the step is typing, and a bottom bar (Back and "Clear my
 * answers" at the start side, Next or Send at the end side; wrapping when needed).
 * "Hide my answers" raises a privacy cover (an overlay); "Clear my answers", Home and
 * Back from the start ask "Discard your answers?" first (holds_answers).
 *
 * Everything typed lives in the state (st) and is wiped when the person finishes,
 * clears, goes home or is idle. Concerns that cannot be stored (no outbox, or one that
 * is not working) are told on the introduction, with the PALS phone number; a failed
 * outbox is opened again on entering, at each Send and at "Try again". */
#include "concern_form.h"

#include "err.h"
#include "log.h"
#include "mem.h"

#include <stdio.h>
#include <string.h>

const char *concern_pals_phone(const App *app)
{
    const Site *s = app->site;
    if (s && s->pals_phone && *s->pals_phone)
        return s->pals_phone;
    return s && s->phone ? s->phone : "";
}

bool concern_can_store(const App *app)
{
    return app->outbox && outbox_status(app->outbox) == OUTBOX_OK;
}

void concern_mark(StepFrame *f, int top, int bottom)
{
    if (!f->l->scroll)
        return;
    top -= f->l->scroll_y0;
    bottom -= f->l->scroll_y0;
    if (f->mark_top < 0 || top < f->mark_top)
        f->mark_top = top;
    if (bottom > f->mark_bottom)
        f->mark_bottom = bottom;
}

void concern_go(StepFrame *f, ConcernStep step)
{
    f->going = true;
    f->go = step;
}

/* ==== state ==== */

/* Forgets every answer (wiping it), back to the introduction. */
static void reset(ConcernState *cs)
{
    concern_clear(&cs->c);
    cs->c.kind = cs->kind;
    qr_release(&cs->qr);
    mem_wipe(cs->reference, sizeof cs->reference);
    cs->step = CSTEP_INTRO;
    cs->from_review = false;
    cs->covered = false;
    cs->where_typing = false;
    cs->problem = NULL;
    cs->sent_anonymous = false;
    cs->attempts = 0;
    cs->reveal = false;
    cs->seen_focus = 0;
    cs->seen_view_h = 0;
}

static void wipe_all(App *app, ConcernState *cs)
{
    reset(cs);
    ui_focus(app->ui, NULL);
    app->forgot = true; /* rendered text of the answers goes too */
}

/* True when the person has given any answer. */
static bool has_answers(const Concern *c)
{
    return c->who != WHO_UNSET || c->consent != CONSENT_UNSET || c->category ||
           c->where_place || c->where_text.len || c->when.year || c->what.len ||
           c->outcome.len || c->contact != CONTACT_UNSET || c->name.len || c->phone.len ||
           c->email.len || c->address.len || c->ais_needs || c->interpreter ||
           c->language.len || c->other_need.len || c->consent_to_share;
}

static void go_step(App *app, ConcernState *cs, ConcernStep step)
{
    cs->step = step;
    cs->problem = NULL;
    ui_focus(app->ui, NULL);
    ui_focus_restart(app->ui); /* keys start again on the new question */
    ui_scroll_to(app->ui, "concern-body", 0);
    ui_scroll_to(app->ui, "concern-side", 0);
}

/* The step after `step`, skipping follow-ups that do not apply. After a "Change" from
 * the review, Next returns there, unless a follow-up now applies (who it is about
 * changed to someone else: their agreement is asked). */
static ConcernStep step_after(const ConcernState *cs, ConcernStep step)
{
    ConcernStep n = cs->steps[step].next;
    while (cs->steps[n].applies && !cs->steps[n].applies(&cs->c))
        n = cs->steps[n].next;
    if (cs->from_review && !cs->steps[n].applies)
        return CSTEP_REVIEW;
    return n;
}

static ConcernStep step_before(const ConcernState *cs, ConcernStep step)
{
    ConcernStep p = cs->steps[step].prev;
    while (cs->steps[p].applies && !cs->steps[p].applies(&cs->c))
        p = cs->steps[p].prev;
    return p;
}

/* Back inside the form; false at the introduction and after sending (leave it). */
static bool back_step(App *app, ConcernState *cs)
{
    if (cs->step == CSTEP_INTRO || cs->step == CSTEP_SENT || cs->step == CSTEP_FAILED)
        return false;
    if (cs->from_review) {
        cs->from_review = false;
        go_step(app, cs, CSTEP_REVIEW);
        return true;
    }
    go_step(app, cs, step_before(cs, cs->step));
    return true;
}

/* Next: the step's check first; a problem is shown just above what it is about. */
static void next_step(App *app, ConcernState *cs)
{
    const ConcernStepDef *d = &cs->steps[cs->step];
    const char *problem = d->check ? d->check(app, &cs->c) : NULL;
    if (problem) {
        cs->problem = problem;
        cs->reveal = true;
        return;
    }
    go_step(app, cs, step_after(cs, cs->step));
}

/* Seals and stores the concern; "sent" only when the outbox has committed it. */
static void send(App *app, ConcernState *cs)
{
    const char *problem = concern_check(&cs->c, app->today);
    if (problem) {
        cs->problem = problem;
        cs->reveal = true;
        return;
    }
    if (app->outbox)
        outbox_reopen(app->outbox); /* a disk that was full may have space now */
    cs->attempts++;
    const char *kiosk = app->kiosk >= 0 ? app->site->kiosks[app->kiosk].id : "";
    const char *kiosk_name = app->kiosk >= 0 ? app->site->kiosks[app->kiosk].name : NULL;
    OutboxStatus st = app->outbox ? outbox_submit(app->outbox, &cs->c, kiosk, kiosk_name,
                                                  cs->reference)
                                  : OUTBOX_ERROR;
    if (st != OUTBOX_OK) {
        log_error("concern could not be stored: %s",
                  app->outbox ? outbox_problem(app->outbox) : "no outbox");
        go_step(app, cs, CSTEP_FAILED);
        return;
    }
    /* The answers have been sealed and stored: wipe them from memory now. */
    cs->sent_anonymous = cs->c.contact == CONTACT_ANONYMOUS;
    concern_clear(&cs->c);
    app->forgot = true;
    char text[300];
    i18n_format(text, sizeof text, S_CONCERN_QR_TEXT, app->site->name, cs->reference,
                concern_pals_phone(app));
    if (qr_encode(text, &cs->qr) != 0)
        log_warn("QR for the reference: %s", err_msg());
    go_step(app, cs, CSTEP_SENT);
}

/* ==== the top bar: progress and "Hide my answers" ==== */

/* A bar that fills as the questions go by, across r, centred in its height; from the
 * right in right-to-left languages. */
static void progress_bar(Ui *ui, Rect r, int question, int questions)
{
    const Theme *t = &ui->theme;
    Rect track = r;
    track.h = t->space[SPACE_S];
    track.y = r.y + (r.h - track.h) / 2;
    ui_fill(ui, track, t->surface_alt, track.h / 2);
    ui_border(ui, track, t->high_contrast ? t->text : t->border, 1, track.h / 2);
    Rect done = track;
    done.w = track.w * question / questions;
    if (ui->rtl)
        done.x = track.x + track.w - done.w;
    ui_fill(ui, done, t->primary, track.h / 2);
}

/* Words centred in the height h of a cell. */
static void centred_text(Ui *ui, Lay *cell, const char *id, int h, const char *text)
{
    const Theme *t = &ui->theme;
    Rect r = lay_next(cell, h);
    int th = ui_text_height(ui, FONT_BODY_BOLD, r.w, text);
    r.y += (h - th) / 2;
    r.h = th;
    ui_text(ui, id, r, FONT_BODY_BOLD, t->text, UI_ALIGN_LEFT, text);
}

/* "Question 3 of 9", the bar and "Hide my answers" in one row when they fit; else the
 * words and the bar, with the button under them at the end side. True when Hide is
 * tapped. */
static bool top_bar(const ConcernStepDef *d, int questions, Ui *ui, Lay *page)
{
    const Theme *t = &ui->theme;
    const char *hide = tr(S_CONCERN_COVER);
    int hw = ui_button_width(ui, UI_BUTTON_SECONDARY, hide) + t->space[SPACE_S];
    if (hw < t->min_target * 2)
        hw = t->min_target * 2;
    int w = lay_width(page), gap = t->space[SPACE_L], min_bar = t->min_target * 3;
    if (!d->question)
        return lay_button(page, "concern-cover", UI_BUTTON_SECONDARY, hide, NULL, LAY_END);
    char a[8], b[8], words[64];
    snprintf(a, sizeof a, "%d", d->question);
    snprintf(b, sizeof b, "%d", questions);
    i18n_format(words, sizeof words, S_CONCERN_PROGRESS, a, b, NULL);
    /* Wrapping adds the words' widths one by one: a little room so they stay on a line. */
    int tw = ui_text_width(ui, FONT_BODY_BOLD, words) + t->space[SPACE_S];
    bool one_line = tw + min_bar + hw + 2 * gap <= w;
    Lay row, cell;
    LayLen lens[3] = {LAY_FIT(tw), LAY_FR(1), LAY_FIT(hw)};
    bool bar_beside = tw + gap + min_bar <= w;
    lay_row(page, &row, one_line ? 3 : bar_beside ? 2 : 1, lens, SPACE_L);
    int h = ui_text_height(ui, FONT_BODY_BOLD, row.cell_w[0], words);
    int bh = ui_button_height(ui, UI_BUTTON_SECONDARY, hw, hide, NULL);
    if (one_line && bh > h)
        h = bh;
    lay_cell(&row, &cell, 0, SPACE_NONE);
    centred_text(ui, &cell, "concern-progress", h, words);
    lay_cell_end(&row, &cell);
    if (bar_beside) {
        lay_cell(&row, &cell, 1, SPACE_NONE);
        progress_bar(ui, lay_next(&cell, h), d->question, questions);
        lay_cell_end(&row, &cell);
    }
    bool tapped = false;
    if (one_line) {
        lay_cell(&row, &cell, 2, SPACE_NONE);
        tapped = ui_button(ui, "concern-cover", lay_next(&cell, h), UI_BUTTON_SECONDARY, hide,
                           NULL);
        lay_cell_end(&row, &cell);
    }
    lay_row_end(page, &row);
    if (!bar_beside)
        progress_bar(ui, lay_next(page, t->space[SPACE_M]), d->question, questions);
    if (!one_line)
        tapped = lay_button(page, "concern-cover", UI_BUTTON_SECONDARY, hide, NULL, LAY_END);
    return tapped;
}

/* ==== the bottom bar ==== */

typedef enum Act {
    ACT_NONE, ACT_BACK, ACT_CLEAR, ACT_NEXT, ACT_SEND, ACT_FINISH, ACT_RETRY
} Act;

typedef struct NavButton {
    const char *id;
    StrId label;
    UiButtonStyle style;
    Act act;
    bool end;     /* at the end side (the way on) */
    int w;        /* as wide as its words, at least two touch targets */
} NavButton;

enum { NAV_MAX = 3 };

typedef enum NavShape {
    NAV_ONE_LINE,  /* all in one row */
    NAV_TWO_LINES, /* the first and the last in a row, the middle one under them */
    NAV_STACKED    /* one under another, full width */
} NavShape;

typedef struct NavPlan {
    NavButton b[NAV_MAX];
    int n;
    NavShape shape;
    int h;        /* the bar's height */
} NavPlan;

static const NavButton nav_back = {"concern-back", S_CONCERN_BACK, UI_BUTTON_SECONDARY,
                                   ACT_BACK, false, 0};
static const NavButton nav_clear = {"concern-clear", S_CONCERN_CLEAR, UI_BUTTON_SECONDARY,
                                    ACT_CLEAR, false, 0};
static const NavButton nav_next = {"concern-next", S_CONCERN_NEXT, UI_BUTTON_PRIMARY,
                                   ACT_NEXT, true, 0};
static const NavButton nav_send = {"concern-send", S_CONCERN_SEND, UI_BUTTON_PRIMARY,
                                   ACT_SEND, true, 0};
static const NavButton nav_finish = {"concern-finish", S_CONCERN_FINISH, UI_BUTTON_PRIMARY,
                                     ACT_FINISH, true, 0};
static const NavButton nav_retry = {"concern-try-again", S_CONCERN_TRY_AGAIN,
                                    UI_BUTTON_SECONDARY, ACT_RETRY, false, 0};

static void nav_buttons(StepBar bar, NavPlan *p)
{
    p->n = 0;
    switch (bar) {
    case BAR_NONE: break;
    case BAR_BACK: p->b[p->n++] = nav_back; break;
    case BAR_NEXT:
    case BAR_SEND:
        p->b[p->n++] = nav_back;
        p->b[p->n++] = nav_clear;
        p->b[p->n++] = bar == BAR_NEXT ? nav_next : nav_send;
        break;
    case BAR_FINISH: p->b[p->n++] = nav_finish; break;
    case BAR_RETRY:
        p->b[p->n++] = nav_retry;
        p->b[p->n++] = nav_finish;
        break;
    }
}

static int button_h(Ui *ui, const NavButton *b, int w)
{
    return ui_button_height(ui, b->style, w, tr(b->label), NULL);
}

/* Which shape fits the width w, and how tall the bar is. */
static void nav_plan(Ui *ui, StepBar bar, int w, NavPlan *p)
{
    const Theme *t = &ui->theme;
    int gap = t->space[SPACE_M];
    nav_buttons(bar, p);
    int sum = 0;
    for (int i = 0; i < p->n; i++) {
        /* A little room: wrapping adds the words' widths one by one. */
        p->b[i].w = ui_button_width(ui, p->b[i].style, tr(p->b[i].label)) + t->space[SPACE_S];
        if (p->b[i].w < t->min_target * 2)
            p->b[i].w = t->min_target * 2;
        sum += p->b[i].w + (i ? gap : 0);
    }
    p->h = 0;
    if (sum <= w) {
        p->shape = NAV_ONE_LINE;
        for (int i = 0; i < p->n; i++) {
            int h = button_h(ui, &p->b[i], p->b[i].w);
            p->h = h > p->h ? h : p->h;
        }
        return;
    }
    if (p->n == 3 && p->b[0].w + gap + p->b[2].w <= w && p->b[1].w <= w) {
        p->shape = NAV_TWO_LINES;
        int h0 = button_h(ui, &p->b[0], p->b[0].w), h2 = button_h(ui, &p->b[2], p->b[2].w);
        p->h = (h0 > h2 ? h0 : h2) + gap + button_h(ui, &p->b[1], p->b[1].w);
        return;
    }
    p->shape = NAV_STACKED;
    for (int i = 0; i < p->n; i++)
        p->h += button_h(ui, &p->b[i], w) + (i ? gap : 0);
}

/* Buttons b[0..n) in one row: those at the start side, a gap, those at the end. */
static Act nav_row(Ui *ui, Lay *bar, const NavButton *b, int n)
{
    LayLen lens[NAV_MAX + 1];
    int k = 0, cell_of[NAV_MAX];
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1)
            lens[k++] = LAY_FR(1);
        for (int i = 0; i < n; i++)
            if (b[i].end == (pass == 1)) {
                cell_of[i] = k;
                lens[k++] = LAY_FIT(b[i].w);
            }
    }
    int h = 0;
    for (int i = 0; i < n; i++) {
        int bh = button_h(ui, &b[i], b[i].w);
        h = bh > h ? bh : h;
    }
    Lay row, cell;
    Act act = ACT_NONE;
    lay_row(bar, &row, k, lens, SPACE_M);
    for (int i = 0; i < n; i++) {
        lay_cell(&row, &cell, cell_of[i], SPACE_NONE);
        if (ui_button(ui, b[i].id, lay_next(&cell, h), b[i].style, tr(b[i].label), NULL))
            act = b[i].act;
        lay_cell_end(&row, &cell);
    }
    lay_row_end(bar, &row);
    return act;
}

static Act nav_draw(Ui *ui, const NavPlan *p, Rect r)
{
    Lay bar;
    Act act = ACT_NONE, a;
    lay_column(&bar, ui, r, SPACE_NONE, SPACE_M, "concern-nav", "group");
    switch (p->shape) {
    case NAV_ONE_LINE: act = nav_row(ui, &bar, p->b, p->n); break;
    case NAV_TWO_LINES: {
        NavButton outer[2] = {p->b[0], p->b[2]};
        act = nav_row(ui, &bar, outer, 2);
        a = nav_row(ui, &bar, &p->b[1], 1);
        act = a != ACT_NONE ? a : act;
        break;
    }
    case NAV_STACKED:
        for (int i = 0; i < p->n; i++)
            if (lay_button(&bar, p->b[i].id, p->b[i].style, tr(p->b[i].label), NULL,
                           LAY_STRETCH))
                act = p->b[i].act;
        break;
    }
    lay_end(&bar);
    return act;
}

/* ==== the privacy cover ==== */

static void cover(ConcernState *cs, Ui *ui)
{
    const Theme *t = &ui->theme;
    Lay dlg;
    ui_overlay_begin(ui, &dlg, "concern-cover-dialog", tr(S_CONCERN_COVERED), 0);
    lay_text_align(&dlg, "concern-covered", FONT_TITLE, t->text, UI_ALIGN_CENTER,
                   tr(S_CONCERN_COVERED));
    if (lay_button(&dlg, "concern-uncover", UI_BUTTON_PRIMARY, tr(S_CONCERN_UNCOVER), NULL,
                   LAY_CENTER))
        cs->covered = false;
    ui_overlay_end(ui, &dlg);
}

/* ==== the frame ==== */

/* Scrolls the step so what it marked (a problem just shown, a field just focused) is in
 * view, the top first when it is taller than the view. Only then, or when the view
 * changes height (the keyboard has just come up under a field being typed in): the
 * person may scroll away afterwards. */
static void reveal(ConcernState *cs, Ui *ui, const StepFrame *f, int view_h)
{
    if (ui_focused(ui) != cs->seen_focus || view_h != cs->seen_view_h) {
        cs->seen_focus = ui_focused(ui);
        cs->seen_view_h = view_h;
        cs->reveal = true;
    }
    if (!cs->reveal)
        return;
    cs->reveal = false;
    UiScrollState *s = ui_scroll_state(ui, "concern-body");
    if (f->mark_top < 0 || !s)
        return;
    int off = s->offset;
    if (f->mark_bottom > off + view_h)
        off = f->mark_bottom - view_h;
    if (f->mark_top < off)
        off = f->mark_top;
    if (off != s->offset) {
        ui_scroll_to(ui, "concern-body", off);
        ui_request_frame(ui);
    }
}

/* Splits the page for a step that is typing: on a wide screen the keyboard at the
 * bottom of a column at the end side, as tall as the page (the form keeps the start
 * side: *form is started there); on a tall one the keyboard across the bottom of the
 * page, under the form (*form is left alone). Returns the keyboard's place. */
static Rect place_keyboard(Ui *ui, Lay *page, bool wide, Lay *form)
{
    if (!wide)
        return lay_bottom(page, ui_keyboard_height(ui, lay_width(page)));
    int kbd_w = lay_width(page) / 2;
    if (kbd_w < ui_keyboard_width(ui))
        kbd_w = ui_keyboard_width(ui);
    LayLen lens[2] = {LAY_FR(1), LAY_PX(kbd_w)};
    Lay row, side;
    int h = lay_remaining(page);
    lay_row(page, &row, 2, lens, SPACE_XL);
    lay_column(form, ui, lay_cell_rect(&row, 0, h), SPACE_NONE, SPACE_L, NULL, NULL);
    lay_column(&side, ui, lay_cell_rect(&row, 1, h), SPACE_NONE, SPACE_NONE, NULL, NULL);
    Rect kbd = lay_bottom(&side, ui_keyboard_height(ui, lay_width(&side)));
    lay_end(&side);
    return kbd;
}

static void act(App *app, ConcernState *cs, Act a)
{
    switch (a) {
    case ACT_NONE: break;
    case ACT_BACK: back_step(app, cs); break;
    case ACT_CLEAR:
        if (has_answers(&cs->c))
            app_ask_discard(app, DISCARD_CLEAR);
        else
            wipe_all(app, cs);
        break;
    case ACT_NEXT: next_step(app, cs); break;
    case ACT_SEND: send(app, cs); break;
    case ACT_RETRY: send(app, cs); break;
    case ACT_FINISH:
        wipe_all(app, cs);
        app_forget(app);
        break;
    }
}

static void concern_update(App *app, void *st, Ui *ui, Rect area)
{
    ConcernState *cs = st;
    if (cs->covered) {
        /* Only the cover: nothing of the answers is drawn, or in the tree, until the
         * person asks for them again. */
        cover(cs, ui);
        return;
    }
    const ConcernStepDef *d = &cs->steps[cs->step];
    StepFrame f = {.app = app, .cs = cs, .ui = ui, .wide = area.w > area.h, .mark_top = -1,
                   .mark_bottom = -1};
    Lay page, body, inner, side_form;
    lay_column(&page, ui, area, SPACE_XL, SPACE_L, NULL, NULL);
    NavPlan plan;
    nav_plan(ui, d->bar, lay_width(&page), &plan);
    Rect nav = {0}, kbd = {0};
    if (plan.n)
        nav = lay_bottom(&page, plan.h);
    StrBuf *typing = (d->flags & STEP_KEYBOARD) && d->typing ? d->typing(cs, ui) : NULL;
    Lay *form = &page;
    if (typing) {
        kbd = place_keyboard(ui, &page, f.wide, &side_form);
        if (f.wide)
            form = &side_form;
    }
    bool hide = (d->flags & STEP_IN_FORM) && top_bar(d, cs->questions, ui, form);
    lay_column(&body, ui, lay_rest(form), SPACE_NONE, SPACE_L, NULL, NULL);
    f.page = &body;
    f.view_h = lay_remaining(&body);
    if (d->flags & STEP_SCROLLS) {
        ui_focus_start(ui, "concern-body"); /* the question's first answer or field */
        lay_scroll(&body, &inner, "concern-body", 0, SPACE_NONE, SPACE_L);
        f.l = &inner;
        d->draw(&f);
        lay_scroll_end(&body, &inner);
        reveal(cs, ui, &f, f.view_h);
    } else {
        f.l = &body;
        d->draw(&f);
    }
    lay_end(&body);
    if (form != &page)
        lay_end(form);
    if (typing) {
        /* A dial pad for the phone number, an email keyboard for the address. */
        UiKeyboardMode mode = typing == &cs->c.phone   ? UI_KBD_PHONE
                              : typing == &cs->c.email ? UI_KBD_EMAIL
                                                       : UI_KBD_TEXT;
        ui_keyboard_for(ui, "kbd", kbd, typing, mode);
    }
    Act a = plan.n ? nav_draw(ui, &plan, nav) : ACT_NONE;
    lay_end(&page);
    if (hide) {
        cs->covered = true;
        ui_request_frame(ui);
    }
    if (f.going) {
        go_step(app, cs, f.go);
        cs->from_review = f.go_from_review;
    }
    act(app, cs, a);
}

/* ==== the screen ==== */

static void concern_enter(App *app, void *st, int arg)
{
    (void)arg;
    wipe_all(app, st);
    /* Tell the person now, before the first question, if concerns cannot be stored. */
    if (app->outbox && outbox_status(app->outbox) != OUTBOX_OK)
        outbox_reopen(app->outbox);
}

static void concern_leave(App *app, void *st)
{
    wipe_all(app, st);
}

static bool concern_back(App *app, void *st)
{
    return back_step(app, st);
}

static bool concern_holds_answers(const App *app, const void *st)
{
    (void)app;
    const ConcernState *cs = st;
    return cs->step != CSTEP_SENT && has_answers(&cs->c);
}

static void concern_init_state(App *app, void *st)
{
    (void)app;
    ConcernState *cs = st;
    cs->kind = KIND_CONCERN;
    cs->steps = concern_steps;
    cs->questions = CONCERN_QUESTIONS;
    concern_init(&cs->c);
}

static void needs_init_state(App *app, void *st)
{
    (void)app;
    ConcernState *cs = st;
    cs->kind = KIND_NEEDS;
    cs->steps = needs_steps;
    cs->questions = NEEDS_QUESTIONS;
    concern_init(&cs->c);
    cs->c.kind = KIND_NEEDS;
}

static void concern_forget(App *app, void *st)
{
    (void)app;
    reset(st);
}

const Screen screen_concern = {
    .name = "concern",
    .has_header = true,
    .title = S_CONCERN_TITLE,
    .state_size = sizeof(ConcernState),
    .init = concern_init_state,
    .enter = concern_enter,
    .update = concern_update,
    .leave = concern_leave,
    .forget = concern_forget,
    .back = concern_back,
    .holds_answers = concern_holds_answers,
};

/* "Tell us how you need information": the same frame and privacy, its own steps. */
const Screen screen_needs = {
    .name = "needs",
    .has_header = true,
    .title = S_NEEDS_TITLE,
    .state_size = sizeof(ConcernState),
    .init = needs_init_state,
    .enter = concern_enter,
    .update = concern_update,
    .leave = concern_leave,
    .forget = concern_forget,
    .back = concern_back,
    .holds_answers = concern_holds_answers,
};
