/* needs_steps.c: the steps of "Tell us how you need information", a request to record
 * a person's communication needs (the Accessible Information Standard's formats,
 * professionals and support, plus a spoken language and interpreter) on their hospital
 * record. It runs in the concern form's frame (screen_concern.c) with its own table:
 * an introduction, what they need, how to reach them (never anonymous: a need is
 * recorded against someone), a review, then Sent or Failed. The answers follow the
 * concern form's privacy rules: personal fields, the privacy cover, sealed on Send,
 * wiped when the person leaves. */
#include "concern_form.h"

#include <stdio.h>

/* ==== the introduction ==== */

static void intro_start(StepFrame *f)
{
    if (lay_button(f->l, "needs-start", UI_BUTTON_PRIMARY, tr(S_NEEDS_START), NULL,
                   LAY_STRETCH))
        concern_go(f, CSTEP_NEEDS);
}

static void draw_intro(StepFrame *f)
{
    const Theme *t = &f->ui->theme;
    Lay *page = f->page;
    Lay body;
    lay_scroll(page, &body, "concern-body", 0, SPACE_NONE, SPACE_L);
    /* f->l points at body only while this function runs: it is cleared before return. */
    // cppcheck-suppress autoVariables
    f->l = &body;
    step_unavailable_notice(f);
    lay_text(f->l, "needs-intro-heading", FONT_TITLE, t->text, tr(S_NEEDS_INTRO_HEADING));
    lay_text(f->l, "needs-intro-body", FONT_LARGE, t->text, tr(S_NEEDS_INTRO_BODY));
    intro_start(f);
    lay_text(f->l, "needs-intro-next", FONT_LARGE, t->text, tr(S_NEEDS_INTRO_NEXT));
    lay_scroll_end(page, &body);
    f->l = NULL;
}

/* ==== what they need ==== */

static void draw_needs(StepFrame *f)
{
    ConcernState *cs = f->cs;
    Concern *c = &cs->c;
    /* A problem goes once it is put right; the one about the language is shown at the
     * end, beside the language field, the other at the top, above the needs. */
    if (cs->problem && !concern_check_needs(c))
        cs->problem = NULL;
    bool about_language = cs->problem == tr(S_NEEDS_CHECK_LANGUAGE);
    step_question(f, S_NEEDS_Q);
    step_hint(f, S_NEEDS_HINT);
    if (!about_language)
        step_problem(f);
    step_needs_switches(f);
    if (about_language)
        step_problem(f);
    int top = f->l->y;
    step_field(f, "need-other", S_NEEDS_OTHER, &c->other_need);
    if (ui_is_focused(f->ui, "need-other"))
        concern_mark(f, top, f->l->y);
}

static const char *check_needs(const App *app, const Concern *c)
{
    (void)app;
    return concern_check_needs(c);
}

static StrBuf *typing_needs(ConcernState *cs, const Ui *ui)
{
    if (ui_is_focused(ui, "need-other"))
        return &cs->c.other_need;
    return cs->c.interpreter ? &cs->c.language : NULL;
}

/* ==== how to reach them ==== */

static void draw_contact(StepFrame *f)
{
    step_question(f, S_NEEDS_CONTACT_Q);
    step_hint(f, S_NEEDS_CONTACT_HINT);
    step_contact(f, false, S_NEEDS_NAME);
}

static const char *check_contact(const App *app, const Concern *c)
{
    (void)app;
    return concern_check_needs_contact(c);
}

/* ==== the review ==== */

static void draw_review(StepFrame *f)
{
    const Concern *c = &f->cs->c;
    char buf[700];
    step_question(f, S_CONCERN_REVIEW_Q);
    step_problem(f);
    step_needs_words(c, buf, sizeof buf);
    step_review_row(f, "review-needs", S_CONCERN_LABEL_NEEDS, buf, CSTEP_NEEDS);
    step_contact_words(c, buf, sizeof buf);
    step_review_row(f, "review-contact", S_CONCERN_LABEL_CONTACT, buf, CSTEP_CONTACT);
    step_unavailable_notice(f);
    lay_text(f->l, "concern-sending-note", FONT_BODY, f->ui->theme.text,
             tr(S_NEEDS_SENDING_NOTE));
}

/* ==== the table ==== */

#define IN_FORM (STEP_IN_FORM | STEP_SCROLLS)

const ConcernStepDef needs_steps[CSTEP_COUNT] = {
    [CSTEP_INTRO] = {draw_intro, NULL, NULL, NULL, CSTEP_NEEDS, CSTEP_INTRO, 0, 0, BAR_NONE},
    [CSTEP_NEEDS] = {draw_needs, check_needs, typing_needs, NULL, CSTEP_CONTACT, CSTEP_INTRO, 1,
                     IN_FORM | STEP_KEYBOARD, BAR_NEXT},
    [CSTEP_CONTACT] = {draw_contact, check_contact, step_typing_contact, NULL, CSTEP_REVIEW,
                       CSTEP_NEEDS, 2, IN_FORM | STEP_KEYBOARD, BAR_NEXT},
    [CSTEP_REVIEW] = {draw_review, NULL, NULL, NULL, CSTEP_REVIEW, CSTEP_CONTACT, 0, IN_FORM,
                      BAR_SEND},
    [CSTEP_SENT] = {step_draw_sent, NULL, NULL, NULL, CSTEP_SENT, CSTEP_SENT, 0, 0, BAR_FINISH},
    [CSTEP_FAILED] = {step_draw_failed, NULL, NULL, NULL, CSTEP_FAILED, CSTEP_FAILED, 0,
                      STEP_SCROLLS, BAR_RETRY},
};
