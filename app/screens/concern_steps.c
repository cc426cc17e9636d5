/* concern_steps.c: the steps of "Raise a concern", each laid out in the column the
 * frame gives it (screen_concern.c), and the table that ties them together: the
 * introduction (what PALS does, whether someone is at risk now, and whether concerns
 * can be stored at the moment), the questions one a step, the review, and the Sent and
 * Failed steps. A kind message about an answer ("Please choose one.") appears just
 * above the choices or the field it is about. */
#include "concern_form.h"

#include <stdio.h>
#include <string.h>

/* ==== pieces ==== */

void step_question(StepFrame *f, StrId q)
{
    lay_text(f->l, "concern-q", FONT_TITLE, f->ui->theme.text, tr(q));
}

void step_hint(StepFrame *f, StrId h)
{
    lay_text(f->l, "concern-hint", FONT_BODY, f->ui->theme.text, tr(h));
}

/* The kind message about the current answer, if any, where it is drawn. */
void step_problem(StepFrame *f)
{
    if (!f->cs->problem)
        return;
    int top = f->l->y;
    screen_notice(f->l, "concern-problem", f->cs->problem);
    concern_mark(f, top, f->l->y);
}

bool step_choice(StepFrame *f, const char *id, StrId label, bool selected)
{
    return lay_tab(f->l, id, tr(label), selected);
}

/* A tight group placed in l (a label over its value): a one-cell row whose cell
 * stacks its children SPACE_XS apart. End it with tight_end. */
static Lay *tight_begin(Lay *l, Lay *row, Lay *cell)
{
    LayLen one = LAY_FR(1);
    lay_row(l, row, 1, &one, SPACE_XS);
    lay_cell(row, cell, 0, SPACE_NONE);
    return cell;
}

static void tight_end(Lay *l, Lay *row, Lay *cell)
{
    lay_cell_end(row, cell);
    lay_row_end(l, row);
}

/* A labelled one-line field. */
void step_field(StepFrame *f, const char *id, StrId label, StrBuf *sb)
{
    Lay row, cell;
    Lay *g = tight_begin(f->l, &row, &cell);
    lay_text(g, NULL, FONT_BODY_BOLD, f->ui->theme.text, tr(label));
    ui_set_personal(f->ui, true); /* what is typed is read aloud only in private */
    lay_field(g, id, sb, NULL);
    ui_set_personal(f->ui, false);
    tight_end(f->l, &row, &cell);
}

/* How far the step's column is filled (for a text area that takes the rest). */
static int used(const Lay *l)
{
    return l->y - (l->scroll ? l->scroll_y0 : l->box.y);
}

static const char *choose_one(void)
{
    return tr(S_CONCERN_CHOOSE_ONE);
}

/* ==== the introduction ==== */

/* "Is someone at risk of harm right now?" in a box with a strong border. */
static void risk_box(StepFrame *f)
{
    Ui *ui = f->ui;
    const Theme *t = &ui->theme;
    LayPanelStyle style = lay_style_card(ui);
    style.border = t->primary;
    style.border_w = t->high_contrast ? 4 : 3;
    Lay box;
    lay_panel(f->l, &box, &style, SPACE_L, SPACE_L, "concern-risk");
    lay_text(&box, "concern-risk-q", FONT_TITLE, t->text, tr(S_CONCERN_RISK_QUESTION));
    if (lay_button(&box, "concern-risk-yes", UI_BUTTON_SECONDARY, tr(S_CONCERN_RISK_YES), NULL,
                   LAY_STRETCH))
        concern_go(f, CSTEP_URGENT);
    if (lay_button(&box, "concern-risk-no", UI_BUTTON_PRIMARY, tr(S_CONCERN_RISK_NO), NULL,
                   LAY_STRETCH))
        concern_go(f, CSTEP_WHO);
    lay_panel_end(f->l, &box);
}

/* The explanation, after a plain notice when concerns cannot be stored now. */
static void intro_words(StepFrame *f)
{
    const Theme *t = &f->ui->theme;
    step_unavailable_notice(f);
    lay_text(f->l, "concern-intro-heading", FONT_TITLE, t->text, tr(S_CONCERN_INTRO_HEADING));
}

static void intro_more(StepFrame *f)
{
    const Theme *t = &f->ui->theme;
    lay_text(f->l, "concern-intro-body", FONT_LARGE, t->text, tr(S_CONCERN_INTRO_BODY));
    lay_text(f->l, "concern-intro-next", FONT_LARGE, t->text, tr(S_CONCERN_INTRO_NEXT));
}

/* Someone who came only to say how they need information has a form of their own. */
static void intro_needs(StepFrame *f)
{
    const Theme *t = &f->ui->theme;
    lay_space(f->l, SPACE_M);
    lay_text(f->l, "concern-intro-needs-q", FONT_BODY, t->text, tr(S_NEEDS_ONLY_Q));
    if (lay_button(f->l, "concern-to-needs", UI_BUTTON_SECONDARY, tr(S_HOME_NEEDS), NULL,
                   LAY_START))
        app_go(f->app, SCREEN_NEEDS, 0);
}

/* Landscape: the explanation in one column and the first question beside it, both in
 * view at once; portrait: the question straight after the heading, then the rest. */
static void draw_intro(StepFrame *f)
{
    Lay *page = f->page;
    if (f->wide) {
        ScreenColumns cols;
        f->l = screen_columns_begin(&cols, page, "concern-body", SPACE_L);
        intro_words(f);
        intro_more(f);
        f->l = screen_columns_next(&cols, "concern-side", SPACE_L);
        risk_box(f);
        intro_needs(f);
        screen_columns_end(&cols, page);
        return;
    }
    Lay body;
    lay_scroll(page, &body, "concern-body", 0, SPACE_NONE, SPACE_L);
    /* f->l points at body only while this function runs: it is cleared before return. */
    // cppcheck-suppress autoVariables
    f->l = &body;
    intro_words(f);
    risk_box(f);
    intro_more(f);
    intro_needs(f);
    lay_scroll_end(page, &body);
    f->l = NULL;
}

static void draw_urgent(StepFrame *f)
{
    const Theme *t = &f->ui->theme;
    LayPanelStyle style = lay_style_notice(f->ui);
    Lay panel;
    lay_panel(f->l, &panel, &style, SPACE_XL, SPACE_L, NULL);
    lay_text(&panel, "concern-urgent-title", FONT_HUGE, t->notice_text,
             tr(S_CONCERN_URGENT_TITLE));
    lay_text(&panel, "concern-urgent-body", FONT_LARGE, t->notice_text,
             tr(S_CONCERN_URGENT_BODY));
    lay_panel_end(f->l, &panel);
}

/* ==== the questions ==== */

static void draw_who(StepFrame *f)
{
    Concern *c = &f->cs->c;
    step_question(f, S_CONCERN_WHO_Q);
    step_problem(f);
    if (step_choice(f, "who-me", S_CONCERN_WHO_ME, c->who == WHO_ME)) {
        c->who = WHO_ME;
        c->consent = CONSENT_UNSET;
    }
    if (step_choice(f, "who-other", S_CONCERN_WHO_OTHER, c->who == WHO_SOMEONE_ELSE))
        c->who = WHO_SOMEONE_ELSE;
}

static const char *check_who(const App *app, const Concern *c)
{
    (void)app;
    return c->who == WHO_UNSET ? choose_one() : NULL;
}

static bool consent_applies(const Concern *c)
{
    return c->who == WHO_SOMEONE_ELSE;
}

static void draw_consent(StepFrame *f)
{
    Concern *c = &f->cs->c;
    step_question(f, S_CONCERN_CONSENT_Q);
    step_hint(f, S_CONCERN_CONSENT_HINT);
    step_problem(f);
    if (step_choice(f, "consent-yes", S_CONCERN_CONSENT_YES, c->consent == CONSENT_YES))
        c->consent = CONSENT_YES;
    if (step_choice(f, "consent-no", S_CONCERN_CONSENT_NO, c->consent == CONSENT_NO))
        c->consent = CONSENT_NO;
    if (step_choice(f, "consent-cannot", S_CONCERN_CONSENT_CANNOT, c->consent == CONSENT_CANNOT))
        c->consent = CONSENT_CANNOT;
}

static const char *check_consent(const App *app, const Concern *c)
{
    (void)app;
    return c->consent == CONSENT_UNSET ? choose_one() : NULL;
}

static void draw_category(StepFrame *f)
{
    Concern *c = &f->cs->c;
    step_question(f, S_CONCERN_CATEGORY_Q);
    step_problem(f);
    size_t n;
    const ConcernCategory *cats = concern_categories(&n);
    for (size_t i = 0; i < n; i++) {
        char id[64];
        snprintf(id, sizeof id, "category-%s", cats[i].id);
        bool sel = c->category && strcmp(c->category, cats[i].id) == 0;
        if (lay_tab(f->l, id, cats[i].label, sel))
            c->category = cats[i].id;
    }
}

static const char *check_category(const App *app, const Concern *c)
{
    (void)app;
    return c->category ? NULL : choose_one();
}

static void draw_where(StepFrame *f)
{
    ConcernState *cs = f->cs;
    Concern *c = &cs->c;
    step_question(f, S_CONCERN_WHERE_Q);
    step_hint(f, S_CONCERN_WHERE_HINT);
    StrId toggle = cs->where_typing ? S_CONCERN_WHERE_LIST : S_CONCERN_WHERE_TYPE;
    if (lay_button(f->l, "where-type", UI_BUTTON_SECONDARY, tr(toggle), NULL, LAY_START)) {
        cs->where_typing = !cs->where_typing;
        if (cs->where_typing) {
            c->where_place = NULL;
            c->where_place_name = NULL;
            ui_focus(f->ui, "where-field");
        } else {
            strbuf_reset(&c->where_text);
            ui_focus(f->ui, NULL);
        }
    }
    if (cs->where_typing) {
        int top = f->l->y;
        ui_set_personal(f->ui, true);
        if (lay_field(f->l, "where-field", &c->where_text, tr(S_CONCERN_WHERE_FIELD)))
            cs->reveal = true; /* what is typed stays in view */
        ui_set_personal(f->ui, false);
        concern_mark(f, top, f->l->y);
        return;
    }
    const Site *s = f->app->site;
    for (size_t i = 0; s && i < s->ndestinations; i++) {
        const Destination *d = &s->destinations[i];
        char id[96];
        snprintf(id, sizeof id, "where-%s", d->id);
        bool sel = c->where_place && strcmp(c->where_place, d->id) == 0;
        if (lay_tab(f->l, id, d->name, sel)) {
            c->where_place = sel ? NULL : d->id;
            c->where_place_name = sel ? NULL : d->name;
        }
    }
}

static StrBuf *typing_where(ConcernState *cs, const Ui *ui)
{
    (void)ui;
    return cs->where_typing ? &cs->c.where_text : NULL;
}

/* The quick ways to choose a day, as a grid of equal buttons. */
static void when_buttons(StepFrame *f)
{
    Ui *ui = f->ui;
    const Theme *t = &ui->theme;
    Concern *c = &f->cs->c;
    long today = civil_to_days(f->app->today);
    long cur = c->when.year ? civil_to_days(c->when) : today;
    const struct {
        const char *id;
        StrId label;
        long to;
    } quick[] = {
        {"when-today", S_CONCERN_WHEN_TODAY, today},
        {"when-yesterday", S_CONCERN_WHEN_YESTERDAY, today - 1},
        {"when-not-sure", S_CONCERN_WHEN_NOT_SURE, -1},
        {"when-day-earlier", S_CONCERN_WHEN_DAY_EARLIER, cur - 1},
        {"when-day-later", S_CONCERN_WHEN_DAY_LATER, cur + 1 > today ? today : cur + 1},
        {"when-month-earlier", S_CONCERN_WHEN_MONTH_EARLIER, cur - 30},
    };
    enum { NQUICK = sizeof quick / sizeof quick[0] };
    int min_w = t->min_target * 3;
    for (int i = 0; i < NQUICK; i++) {
        int w = ui_button_width(ui, UI_BUTTON_SECONDARY, tr(quick[i].label));
        min_w = w > min_w ? w : min_w;
    }
    int cols = lay_grid_columns(lay_width(f->l), min_w, t->space[SPACE_M], 3);
    LayLen lens[3] = {LAY_FR(1), LAY_FR(1), LAY_FR(1)};
    Lay row, cell;
    for (int i = 0; i < NQUICK; i += cols) {
        lay_row(f->l, &row, cols, lens, SPACE_M);
        int h = 0;
        for (int k = 0; k < cols && i + k < NQUICK; k++) {
            int bh = ui_button_height(ui, UI_BUTTON_SECONDARY, row.cell_w[k],
                                      tr(quick[i + k].label), NULL);
            h = bh > h ? bh : h;
        }
        for (int k = 0; k < cols && i + k < NQUICK; k++) {
            lay_cell(&row, &cell, k, SPACE_NONE);
            if (ui_button(ui, quick[i + k].id, lay_next(&cell, h), UI_BUTTON_SECONDARY,
                          tr(quick[i + k].label), NULL)) {
                if (quick[i + k].to < 0)
                    c->when = (CivilDate){0, 0, 0};
                else
                    c->when = civil_from_days(quick[i + k].to);
                f->cs->problem = NULL;
            }
            lay_cell_end(&row, &cell);
        }
        lay_row_end(f->l, &row);
    }
}

/* "You chose:" and the day, under the buttons (so choosing never moves the buttons
 * under the person's finger); brought into view when it changes. */
static void when_chosen(StepFrame *f, bool changed)
{
    const Theme *t = &f->ui->theme;
    const Concern *c = &f->cs->c;
    char date[96];
    screen_date_words(c->when, date, sizeof date);
    if (c->when.year != f->app->today.year)
        snprintf(date + strlen(date), sizeof date - strlen(date), " %d", c->when.year);
    int top = f->l->y;
    Lay row, cell;
    Lay *g = tight_begin(f->l, &row, &cell);
    lay_text(g, NULL, FONT_BODY_BOLD, t->text_muted, tr(S_CONCERN_WHEN_CHOSEN));
    lay_text(g, "when-date", FONT_HUGE, t->text, date);
    tight_end(f->l, &row, &cell);
    if (changed) {
        concern_mark(f, top, f->l->y);
        f->cs->reveal = true;
    }
}

static void draw_when(StepFrame *f)
{
    const Theme *t = &f->ui->theme;
    Concern *c = &f->cs->c;
    step_question(f, S_CONCERN_WHEN_Q);
    step_problem(f);
    CivilDate before = c->when;
    when_buttons(f);
    if (c->when.year) {
        bool changed = before.year != c->when.year || before.month != c->when.month ||
                       before.day != c->when.day;
        when_chosen(f, changed);
    }
    if (c->when.year && civil_to_days(f->app->today) - civil_to_days(c->when) > 365)
        lay_text(f->l, "when-old", FONT_BODY, t->text, tr(S_CONCERN_WHEN_OLD));
}

static const char *check_when(const App *app, const Concern *c)
{
    return c->when.year ? concern_check_when(c->when, app->today) : NULL;
}

static void chars_left(StepFrame *f, const StrBuf *sb)
{
    char num[16], buf[64];
    snprintf(num, sizeof num, "%zu", sb->max - sb->len);
    i18n_format(buf, sizeof buf, S_CONCERN_CHARS_LEFT, num, NULL, NULL);
    lay_text(f->l, "concern-chars-left", FONT_BODY, f->ui->theme.text_muted, buf);
}

/* A question answered in words: a text area as tall as the view leaves, at least three
 * lines, with the characters left under it; the area and its count are kept in view
 * while the person types (large text can push them below the question's words). */
static void text_step(StepFrame *f, StrId q, StrId h, const char *id, StrBuf *sb)
{
    Ui *ui = f->ui;
    const Theme *t = &ui->theme;
    step_question(f, q);
    step_hint(f, h);
    step_problem(f);
    if (!ui_has_focus(ui))
        ui_focus(ui, id);
    int below = ui_line_height(ui, FONT_BODY) + 2 * f->l->gap + f->l->pad;
    int area_h = f->view_h - used(f->l) - below;
    int least = 3 * ui_line_height(ui, FONT_LARGE) + 2 * t->space[SPACE_M];
    if (least < t->min_target * 2)
        least = t->min_target * 2;
    if (area_h < least)
        area_h = least;
    int top = f->l->y;
    ui_set_personal(ui, true);
    bool changed = ui_textarea(ui, id, lay_next(f->l, area_h), sb, NULL);
    ui_set_personal(ui, false);
    if (changed)
        f->cs->reveal = true;
    chars_left(f, sb);
    if (ui_is_focused(ui, id))
        concern_mark(f, top, f->l->y);
}

static void draw_what(StepFrame *f)
{
    text_step(f, S_CONCERN_WHAT_Q, S_CONCERN_WHAT_HINT, "what-field", &f->cs->c.what);
}

static const char *check_what(const App *app, const Concern *c)
{
    (void)app;
    return c->what.len == 0 ? tr(S_CONCERN_CHECK_WHAT) : NULL;
}

static StrBuf *typing_what(ConcernState *cs, const Ui *ui)
{
    (void)ui;
    return &cs->c.what;
}

static void draw_outcome(StepFrame *f)
{
    text_step(f, S_CONCERN_OUTCOME_Q, S_CONCERN_OUTCOME_HINT, "outcome-field",
              &f->cs->c.outcome);
}

static StrBuf *typing_outcome(ConcernState *cs, const Ui *ui)
{
    (void)ui;
    return &cs->c.outcome;
}

static StrBuf *contact_detail(Concern *c, StrId *label)
{
    if (c->contact == CONTACT_PHONE) {
        *label = S_CONCERN_PHONE;
        return &c->phone;
    }
    if (c->contact == CONTACT_EMAIL) {
        *label = S_CONCERN_EMAIL;
        return &c->email;
    }
    *label = S_CONCERN_ADDRESS;
    return &c->address;
}

/* Keeps the field being typed in (with the problem about it) in view: the name and the
 * detail together when they fit, else just the focused one. */
static void contact_mark(StepFrame *f, int top, int name_end, int detail_top)
{
    bool name = ui_is_focused(f->ui, "contact-name");
    if (!name && !ui_is_focused(f->ui, "contact-detail"))
        return;
    if (f->l->y - top <= f->view_h)
        concern_mark(f, top, f->l->y);
    else if (name)
        concern_mark(f, top, name_end);
    else
        concern_mark(f, detail_top, f->l->y);
}

/* The ways of contact (anonymous first, when offered), then the name and the detail
 * for the way chosen. */
void step_contact(StepFrame *f, bool offer_anonymous, StrId name_label)
{
    ConcernState *cs = f->cs;
    Concern *c = &cs->c;
    static const struct {
        const char *id;
        StrId label;
        ContactMethod m;
    } opts[] = {
        {"contact-anonymous", S_CONCERN_CONTACT_ANON, CONTACT_ANONYMOUS},
        {"contact-phone", S_CONCERN_CONTACT_PHONE, CONTACT_PHONE},
        {"contact-email", S_CONCERN_CONTACT_EMAIL, CONTACT_EMAIL},
        {"contact-post", S_CONCERN_CONTACT_POST, CONTACT_POST},
    };
    /* Without the choice not to be contacted, the others are not "Yes, ...". */
    static const StrId plain[] = {S_CONCERN_CONTACT_ANON, S_NEEDS_BY_PHONE, S_NEEDS_BY_EMAIL,
                                  S_NEEDS_BY_POST};
    if (c->contact == CONTACT_UNSET)
        step_problem(f);
    for (size_t i = offer_anonymous ? 0 : 1; i < sizeof opts / sizeof opts[0]; i++)
        if (step_choice(f, opts[i].id, offer_anonymous ? opts[i].label : plain[i],
                        c->contact == opts[i].m)) {
            c->contact = opts[i].m;
            cs->problem = NULL;
            ui_focus(f->ui, opts[i].m == CONTACT_ANONYMOUS ? NULL : "contact-name");
        }
    if (c->contact == CONTACT_ANONYMOUS) {
        lay_text(f->l, "contact-anon-note", FONT_BODY, f->ui->theme.text,
                 tr(S_CONCERN_ANON_NOTE));
        return;
    }
    if (c->contact == CONTACT_UNSET)
        return;
    int top = f->l->y;
    step_field(f, "contact-name", name_label, &c->name);
    int name_end = f->l->y;
    step_problem(f);
    int detail_top = f->l->y;
    StrId label;
    StrBuf *detail = contact_detail(c, &label);
    step_field(f, "contact-detail", label, detail);
    contact_mark(f, top, name_end, detail_top);
}

static void draw_contact(StepFrame *f)
{
    step_question(f, S_CONCERN_CONTACT_Q);
    step_contact(f, true, S_CONCERN_NAME);
}

static const char *check_contact(const App *app, const Concern *c)
{
    (void)app;
    switch (c->contact) {
    case CONTACT_UNSET: return choose_one();
    case CONTACT_PHONE: return concern_check_phone(c->phone.buf);
    case CONTACT_EMAIL: return concern_check_email(c->email.buf);
    case CONTACT_POST:
        if (c->address.len == 0)
            return tr(S_CONCERN_CHECK_ADDRESS_EMPTY);
        return c->address.len < 6 ? tr(S_CONCERN_ADDRESS_SHORT) : NULL;
    case CONTACT_ANONYMOUS: break;
    }
    return NULL;
}

StrBuf *step_typing_contact(ConcernState *cs, const Ui *ui)
{
    Concern *c = &cs->c;
    if (c->contact == CONTACT_UNSET || c->contact == CONTACT_ANONYMOUS)
        return NULL;
    if (ui_is_focused(ui, "contact-name"))
        return &c->name;
    StrId label;
    return contact_detail(c, &label);
}

void step_needs_switches(StepFrame *f)
{
    Ui *ui = f->ui;
    const Theme *t = &ui->theme;
    Concern *c = &f->cs->c;
    size_t n;
    const ConcernAisNeed *needs = concern_ais_needs(&n);
    int cols = lay_grid_columns(lay_width(f->l), t->min_target * 7, t->space[SPACE_M], 2);
    LayLen lens[2] = {LAY_FR(1), LAY_FR(1)};
    Lay row, cell;
    for (size_t i = 0; i < n; i += (size_t)cols) {
        lay_row(f->l, &row, cols, lens, SPACE_M);
        int h = 0;
        for (int k = 0; k < cols && i + (size_t)k < n; k++) {
            int sh = ui_switch_height(ui, row.cell_w[k], needs[i + (size_t)k].label);
            h = sh > h ? sh : h;
        }
        for (int k = 0; k < cols && i + (size_t)k < n; k++) {
            const ConcernAisNeed *need = &needs[i + (size_t)k];
            char id[32];
            snprintf(id, sizeof id, "need-%zu", i + (size_t)k);
            bool on = (c->ais_needs & need->bit) != 0;
            lay_cell(&row, &cell, k, SPACE_NONE);
            if (ui_switch(ui, id, lay_next(&cell, h), need->label, &on))
                c->ais_needs = on ? c->ais_needs | need->bit : c->ais_needs & ~need->bit;
            lay_cell_end(&row, &cell);
        }
        lay_row_end(f->l, &row);
    }
    lay_space(f->l, SPACE_S);
    if (lay_switch(f->l, "need-interpreter", tr(S_CONCERN_INTERPRETER), &c->interpreter) &&
        c->interpreter)
        ui_focus(ui, "need-language");
    if (c->interpreter) {
        int top = f->l->y;
        step_field(f, "need-language", S_CONCERN_LANGUAGE, &c->language);
        if (ui_is_focused(ui, "need-language"))
            concern_mark(f, top, f->l->y);
    }
}

static void draw_needs(StepFrame *f)
{
    step_question(f, S_CONCERN_NEEDS_Q);
    step_hint(f, S_CONCERN_NEEDS_HINT);
    step_needs_switches(f);
}

static StrBuf *typing_needs(ConcernState *cs, const Ui *ui)
{
    (void)ui;
    return cs->c.interpreter ? &cs->c.language : NULL;
}

static void draw_share(StepFrame *f)
{
    Concern *c = &f->cs->c;
    step_question(f, S_CONCERN_SHARE_Q);
    step_hint(f, S_CONCERN_SHARE_HINT);
    if (step_choice(f, "share-yes", S_CONCERN_SHARE_YES, c->consent_to_share))
        c->consent_to_share = true;
    if (step_choice(f, "share-no", S_CONCERN_SHARE_NO, !c->consent_to_share))
        c->consent_to_share = false;
}

/* ==== the review ==== */

static const char *category_label(const char *id)
{
    size_t n;
    const ConcernCategory *cats = concern_categories(&n);
    for (size_t i = 0; id && i < n; i++)
        if (strcmp(cats[i].id, id) == 0)
            return cats[i].label;
    return tr(S_CONCERN_ANSWER_NONE);
}

/* The review's labels, to size their column. */
static const StrId review_labels[] = {
    S_CONCERN_LABEL_WHO, S_CONCERN_LABEL_CONSENT, S_CONCERN_LABEL_CATEGORY,
    S_CONCERN_LABEL_WHERE, S_CONCERN_LABEL_WHEN, S_CONCERN_LABEL_WHAT,
    S_CONCERN_LABEL_OUTCOME, S_CONCERN_LABEL_CONTACT, S_CONCERN_LABEL_NEEDS,
    S_CONCERN_LABEL_SHARE};

/* How wide the labels' column is beside the answers, or 0 to put each label above its
 * answer (a narrow column, or labels that would take more than a third of it). */
static int review_label_w(Ui *ui, int w)
{
    const Theme *t = &ui->theme;
    int lw = 0;
    for (size_t i = 0; i < sizeof review_labels / sizeof review_labels[0]; i++) {
        int tw = ui_text_width(ui, FONT_BODY_BOLD, tr(review_labels[i])) + t->space[SPACE_S];
        lw = tw > lw ? tw : lw;
    }
    return lw * 3 <= w ? lw : 0;
}

/* One answer: its label beside it (or above it), its words, and "Change" at the end
 * side; a rule under it. */
void step_review_row(StepFrame *f, const char *id, StrId label, const char *answer,
                       ConcernStep step)
{
    Ui *ui = f->ui;
    const Theme *t = &ui->theme;
    const char *change = tr(S_CONCERN_CHANGE);
    int cw = ui_button_width(ui, UI_BUTTON_SECONDARY, change) + t->space[SPACE_S];
    if (cw < t->min_target * 2)
        cw = t->min_target * 2;
    int lw = review_label_w(ui, lay_width(f->l));
    LayLen lens[3] = {LAY_FIT(lw), LAY_FR(1), LAY_FIT(cw)};
    int first = lw ? 0 : 1;
    Lay row, cell, words_row, words;
    lay_row(f->l, &row, 3 - first, lens + first, SPACE_L);
    if (lw) {
        lay_cell(&row, &cell, 0, SPACE_NONE);
        lay_text(&cell, NULL, FONT_BODY_BOLD, t->text_muted, tr(label));
        lay_cell_end(&row, &cell);
    }
    lay_cell(&row, &cell, 1 - first, SPACE_NONE);
    Lay *g = tight_begin(&cell, &words_row, &words);
    if (!lw)
        lay_text(g, NULL, FONT_BODY_BOLD, t->text_muted, tr(label));
    ui_set_personal(ui, true); /* the person's own answer: read aloud only in private */
    lay_text(g, id, FONT_LARGE, t->text, answer && *answer ? answer : tr(S_CONCERN_ANSWER_NONE));
    ui_set_personal(ui, false);
    tight_end(&cell, &words_row, &words);
    lay_cell_end(&row, &cell);
    lay_cell(&row, &cell, 2 - first, SPACE_NONE);
    char bid[64];
    snprintf(bid, sizeof bid, "change-%s", id);
    if (lay_button(&cell, bid, UI_BUTTON_SECONDARY, change, NULL, LAY_STRETCH)) {
        concern_go(f, step);
        f->go_from_review = true;
    }
    lay_cell_end(&row, &cell);
    lay_row_end(f->l, &row);
    ui_fill(ui, lay_next(f->l, t->high_contrast ? 3 : 2), t->border, 0);
}

void step_needs_words(const Concern *c, char *buf, size_t cap)
{
    size_t n, o = 0;
    const ConcernAisNeed *needs = concern_ais_needs(&n);
    buf[0] = '\0';
    for (size_t i = 0; i < n && o < cap; i++)
        if (c->ais_needs & needs[i].bit)
            o += (size_t)snprintf(buf + o, cap - o, "%s%s", o ? ", " : "", needs[i].label);
    if (c->interpreter && o < cap)
        o += (size_t)snprintf(buf + o, cap - o, "%s%s (%s)", o ? ", " : "",
                              tr(S_CONCERN_INTERPRETER), c->language.buf);
    if (c->other_need.len && o < cap)
        snprintf(buf + o, cap - o, "%s%s", o ? "\n" : "", c->other_need.buf);
}

void step_contact_words(const Concern *c, char *buf, size_t cap)
{
    const char *how = c->contact == CONTACT_ANONYMOUS ? tr(S_CONCERN_CONTACT_ANON)
                      : c->contact == CONTACT_PHONE   ? c->phone.buf
                      : c->contact == CONTACT_EMAIL   ? c->email.buf
                                                      : c->address.buf;
    bool named = c->contact != CONTACT_ANONYMOUS && c->name.len;
    snprintf(buf, cap, "%s%s%s", named ? c->name.buf : "", named ? "\n" : "", how);
}

void step_unavailable_notice(StepFrame *f)
{
    if (concern_can_store(f->app))
        return;
    char words[512];
    i18n_format(words, sizeof words,
                f->cs->kind == KIND_NEEDS ? S_NEEDS_UNAVAILABLE : S_CONCERN_UNAVAILABLE,
                concern_pals_phone(f->app), NULL, NULL);
    screen_notice(f->l, "concern-unavailable", words);
}

static void draw_review(StepFrame *f)
{
    const App *app = f->app;
    const Concern *c = &f->cs->c;
    char buf[600];
    step_question(f, S_CONCERN_REVIEW_Q);
    step_problem(f);
    step_review_row(f, "review-who", S_CONCERN_LABEL_WHO,
               c->who == WHO_UNSET ? NULL
                                   : tr(c->who == WHO_ME ? S_CONCERN_WHO_ME : S_CONCERN_WHO_OTHER),
               CSTEP_WHO);
    if (c->who == WHO_SOMEONE_ELSE)
        step_review_row(f, "review-consent", S_CONCERN_LABEL_CONSENT,
                   tr(c->consent == CONSENT_YES  ? S_CONCERN_CONSENT_YES
                      : c->consent == CONSENT_NO ? S_CONCERN_CONSENT_NO
                                                 : S_CONCERN_CONSENT_CANNOT),
                   CSTEP_CONSENT);
    step_review_row(f, "review-category", S_CONCERN_LABEL_CATEGORY, category_label(c->category),
               CSTEP_CATEGORY);
    int d = c->where_place ? site_find_destination(app->site, c->where_place) : -1;
    step_review_row(f, "review-where", S_CONCERN_LABEL_WHERE,
               d >= 0 ? app->site->destinations[d].name : c->where_text.buf, CSTEP_WHERE);
    buf[0] = '\0';
    if (c->when.year)
        screen_date_words(c->when, buf, sizeof buf);
    step_review_row(f, "review-when", S_CONCERN_LABEL_WHEN, buf, CSTEP_WHEN);
    step_review_row(f, "review-what", S_CONCERN_LABEL_WHAT, c->what.buf, CSTEP_WHAT);
    step_review_row(f, "review-outcome", S_CONCERN_LABEL_OUTCOME, c->outcome.buf, CSTEP_OUTCOME);
    step_contact_words(c, buf, sizeof buf);
    step_review_row(f, "review-contact", S_CONCERN_LABEL_CONTACT, buf, CSTEP_CONTACT);
    step_needs_words(c, buf, sizeof buf);
    step_review_row(f, "review-needs", S_CONCERN_LABEL_NEEDS, buf, CSTEP_NEEDS);
    step_review_row(f, "review-share", S_CONCERN_LABEL_SHARE,
               tr(c->consent_to_share ? S_CONCERN_YES : S_CONCERN_NO), CSTEP_SHARE);
    step_unavailable_notice(f);
    lay_text(f->l, "concern-sending-note", FONT_BODY, f->ui->theme.text,
             tr(S_CONCERN_SENDING_NOTE));
}

/* ==== sent and failed ==== */

/* What happens next, by the form and whether the person can be contacted. */
static StrId sent_next(const ConcernState *cs)
{
    if (cs->kind == KIND_NEEDS)
        return S_NEEDS_SENT_NEXT;
    return cs->sent_anonymous ? S_CONCERN_SENT_NEXT_ANON : S_CONCERN_SENT_NEXT;
}

/* The thanks, then the reference (the thing to keep) with what happens next. The
 * thanks is a size smaller when it would take more than two lines (large text, a
 * narrow column), so the reference stays in view. */
static void sent_words(StepFrame *f)
{
    Ui *ui = f->ui;
    const Theme *t = &ui->theme;
    ConcernState *cs = f->cs;
    bool needs = cs->kind == KIND_NEEDS;
    const char *thanks = tr(needs ? S_NEEDS_SENT_TITLE : S_CONCERN_SENT_TITLE);
    bool long_title = ui_text_height(ui, FONT_TITLE, lay_width(f->l), thanks) >
                      2 * ui_line_height(ui, FONT_TITLE);
    int font = long_title ? FONT_LARGE_BOLD : FONT_TITLE;
    lay_text(f->l, "concern-sent", font, t->text, thanks);
    Lay row, cell;
    Lay *g = tight_begin(f->l, &row, &cell);
    lay_text(g, "concern-reference-label", FONT_LARGE, t->text, tr(S_CONCERN_REFERENCE));
    lay_text(g, "concern-reference", FONT_HUGE, t->text, cs->reference);
    tight_end(f->l, &row, &cell);
    lay_text(f->l, "concern-next", FONT_LARGE, t->text, tr(sent_next(cs)));
}

/* The printed slip: the reference, how to reach PALS and what happens next, and the
 * same QR code as the screen. Never an answer from the form: by now they are sealed
 * and wiped (concern_clear), and the slip is made only from the reference, the
 * content and the interface's own words. */
static void concern_slip(App *app, void *st, Slip *slip)
{
    ConcernState *cs = st;
    char text[400];
    slip_add(slip, SLIP_HEADING, tr(S_CONCERN_REFERENCE));
    slip_add(slip, SLIP_TITLE, cs->reference);
    slip_add(slip, SLIP_RULE, NULL);
    i18n_format(text, sizeof text, S_CONCERN_QR_TEXT, app->site->name, cs->reference,
                concern_pals_phone(app));
    slip_add(slip, SLIP_TEXT, text);
    slip_add(slip, SLIP_TEXT, tr(sent_next(cs)));
    if (cs->qr.payload) {
        slip_add(slip, SLIP_QR, cs->qr.payload);
        slip_add(slip, SLIP_TEXT, tr(S_CONCERN_SENT_QR));
    }
}

/* Landscape: the words, and the QR code beside them; portrait: one under the other. */
void step_draw_sent(StepFrame *f)
{
    Lay *page = f->page;
    ConcernState *cs = f->cs;
    if (f->wide && cs->qr.width) {
        ScreenColumns cols;
        f->l = screen_columns_begin(&cols, page, "concern-body", SPACE_L);
        sent_words(f);
        f->l = screen_columns_next(&cols, "concern-side", SPACE_L);
        screen_qr_panel(f->l, "concern-qr", &cs->qr, tr(S_CONCERN_SENT_QR));
        screen_print_button(f->app, f->l, cs, concern_slip);
        screen_columns_end(&cols, page);
        return;
    }
    Lay body;
    lay_scroll(page, &body, "concern-body", 0, SPACE_NONE, SPACE_L);
    /* f->l points at body only while this function runs: it is cleared before return. */
    // cppcheck-suppress autoVariables
    f->l = &body;
    sent_words(f);
    screen_qr_panel(f->l, "concern-qr", &cs->qr, tr(S_CONCERN_SENT_QR));
    screen_print_button(f->app, f->l, cs, concern_slip);
    lay_scroll_end(page, &body);
    f->l = NULL;
}

void step_draw_failed(StepFrame *f)
{
    const Theme *t = &f->ui->theme;
    char body[400];
    i18n_format(body, sizeof body, S_CONCERN_FAILED_BODY, concern_pals_phone(f->app), NULL,
                NULL);
    LayPanelStyle style = lay_style_notice(f->ui);
    Lay panel;
    lay_panel(f->l, &panel, &style, SPACE_XL, SPACE_L, NULL);
    lay_text(&panel, "concern-failed", FONT_TITLE, t->notice_text,
             tr(f->cs->kind == KIND_NEEDS ? S_NEEDS_FAILED_TITLE : S_CONCERN_FAILED_TITLE));
    if (f->cs->attempts > 1)
        lay_text(&panel, "concern-failed-again", FONT_LARGE_BOLD, t->notice_text,
                 tr(S_CONCERN_FAILED_AGAIN));
    lay_text(&panel, "concern-failed-body", FONT_LARGE, t->notice_text, body);
    lay_panel_end(f->l, &panel);
}

/* ==== the table ==== */

#define IN_FORM (STEP_IN_FORM | STEP_SCROLLS)

const ConcernStepDef concern_steps[CSTEP_COUNT] = {
    [CSTEP_INTRO] = {draw_intro, NULL, NULL, NULL, CSTEP_WHO, CSTEP_INTRO, 0, 0, BAR_NONE},
    [CSTEP_URGENT] = {draw_urgent, NULL, NULL, NULL, CSTEP_URGENT, CSTEP_INTRO, 0, STEP_SCROLLS,
                      BAR_BACK},
    [CSTEP_WHO] = {draw_who, check_who, NULL, NULL, CSTEP_CONSENT, CSTEP_INTRO, 1, IN_FORM,
                   BAR_NEXT},
    [CSTEP_CONSENT] = {draw_consent, check_consent, NULL, consent_applies, CSTEP_CATEGORY,
                       CSTEP_WHO, 1, IN_FORM, BAR_NEXT},
    [CSTEP_CATEGORY] = {draw_category, check_category, NULL, NULL, CSTEP_WHERE, CSTEP_CONSENT,
                        2, IN_FORM, BAR_NEXT},
    [CSTEP_WHERE] = {draw_where, NULL, typing_where, NULL, CSTEP_WHEN, CSTEP_CATEGORY, 3,
                     IN_FORM | STEP_KEYBOARD, BAR_NEXT},
    [CSTEP_WHEN] = {draw_when, check_when, NULL, NULL, CSTEP_WHAT, CSTEP_WHERE, 4, IN_FORM,
                    BAR_NEXT},
    [CSTEP_WHAT] = {draw_what, check_what, typing_what, NULL, CSTEP_OUTCOME, CSTEP_WHEN, 5,
                    IN_FORM | STEP_KEYBOARD, BAR_NEXT},
    [CSTEP_OUTCOME] = {draw_outcome, NULL, typing_outcome, NULL, CSTEP_CONTACT, CSTEP_WHAT, 6,
                       IN_FORM | STEP_KEYBOARD, BAR_NEXT},
    [CSTEP_CONTACT] = {draw_contact, check_contact, step_typing_contact, NULL, CSTEP_NEEDS,
                       CSTEP_OUTCOME, 7, IN_FORM | STEP_KEYBOARD, BAR_NEXT},
    [CSTEP_NEEDS] = {draw_needs, NULL, typing_needs, NULL, CSTEP_SHARE, CSTEP_CONTACT, 8,
                     IN_FORM | STEP_KEYBOARD, BAR_NEXT},
    [CSTEP_SHARE] = {draw_share, NULL, NULL, NULL, CSTEP_REVIEW, CSTEP_NEEDS, 9, IN_FORM,
                     BAR_NEXT},
    [CSTEP_REVIEW] = {draw_review, NULL, NULL, NULL, CSTEP_REVIEW, CSTEP_SHARE, 0, IN_FORM,
                      BAR_SEND},
    [CSTEP_SENT] = {step_draw_sent, NULL, NULL, NULL, CSTEP_SENT, CSTEP_SENT, 0, 0, BAR_FINISH},
    [CSTEP_FAILED] = {step_draw_failed, NULL, NULL, NULL, CSTEP_FAILED, CSTEP_FAILED, 0, STEP_SCROLLS,
                      BAR_RETRY},
};
