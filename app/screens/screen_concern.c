/* screen_concern.c: "Raise a concern", one question a step: an introduction (what
 * PALS does, concern or complaint, anonymity, what happens next) that asks first
 * whether someone is at risk right now; then who, their agreement, what about, where,
 * when, what happened, what would help, contact, communication needs and consent to
 * share; a review with a way to change each answer; then sending, which seals the
 * concern and says "sent" only once the outbox has committed it.
 *
 * "Clear my answers" and a privacy cover are on every step. Everything typed lives in
 * CS(app)->c and is wiped when the person finishes, clears, goes home or is idle. */
#include "screens.h"
#include "screen_legacy.h"

#include "log.h"
#include "mem.h"

#include <stdio.h>
#include <string.h>

typedef enum ConcernStep {
    CSTEP_INTRO, CSTEP_URGENT, CSTEP_WHO, CSTEP_CONSENT, CSTEP_CATEGORY, CSTEP_WHERE,
    CSTEP_WHEN, CSTEP_WHAT, CSTEP_OUTCOME, CSTEP_CONTACT, CSTEP_NEEDS, CSTEP_SHARE,
    CSTEP_REVIEW, CSTEP_SENT, CSTEP_FAILED
} ConcernStep;

typedef struct ConcernState {
    Concern c;                /* the answers: wiped on leave, clear, idle and finish */
    ConcernStep step;
    bool from_review;         /* a "Change" from the review: Next returns there */
    bool covered;             /* privacy cover is up */
    bool where_typing;        /* typing the place rather than choosing it */
    const char *problem;      /* a kind message about the current answer, or NULL */
    char reference[OUTBOX_REF_MAX];
    bool sent_anonymous;      /* for the "what happens next" words after the wipe */
    OutboxStatus status;
    QrMatrix qr;              /* reference and PALS phone: no personal data */
} ConcernState;

static ConcernState *CS(const App *app)
{
    return screen_state((App *)app, SCREEN_CONCERN);
}

/* The numbered questions, for "Question N of M". */
static const ConcernStep questions[] = {CSTEP_WHO, CSTEP_CATEGORY, CSTEP_WHERE, CSTEP_WHEN,
                                        CSTEP_WHAT, CSTEP_OUTCOME, CSTEP_CONTACT, CSTEP_NEEDS,
                                        CSTEP_SHARE};
enum { NQUESTIONS = sizeof questions / sizeof questions[0] };

static const struct { unsigned bit; StrId label; } needs[] = {
    {AIS_LARGE_PRINT, S_CONCERN_NEED_LARGE_PRINT},
    {AIS_EASY_READ, S_CONCERN_NEED_EASY_READ},
    {AIS_BRAILLE, S_CONCERN_NEED_BRAILLE},
    {AIS_AUDIO, S_CONCERN_NEED_AUDIO},
    {AIS_BSL_INTERPRETER, S_CONCERN_NEED_BSL},
    {AIS_DEAFBLIND_INTERPRETER, S_CONCERN_NEED_DEAFBLIND},
    {AIS_LIPSPEAKER, S_CONCERN_NEED_LIPSPEAKER},
    {AIS_HEARING_LOOP, S_CONCERN_NEED_LOOP},
    {AIS_LONGER_APPOINTMENT, S_CONCERN_NEED_LONGER},
    {AIS_SUPPORT_FROM_CARER, S_CONCERN_NEED_CARER},
};
enum { NNEEDS = sizeof needs / sizeof needs[0] };

static const char *pals_phone(const App *app)
{
    const Site *s = app->site;
    if (s && s->pals_phone && *s->pals_phone)
        return s->pals_phone;
    return s && s->phone ? s->phone : "";
}

/* Forgets every answer (wiping it) and starts again at the introduction. */
static void wipe_all(App *app)
{
    ConcernState *cs = CS(app);
    concern_clear(&cs->c);
    qr_release(&cs->qr);
    mem_wipe(cs->reference, sizeof cs->reference);
    cs->step = CSTEP_INTRO;
    cs->from_review = false;
    cs->covered = false;
    cs->where_typing = false;
    cs->problem = NULL;
    cs->status = OUTBOX_OK;
    ui_focus(app->ui, NULL);
    app->forgot = true; /* rendered text of the answers goes too */
}

static void concern_enter(App *app, void *st_, int arg)
{
    (void)st_;
    (void)arg;
    wipe_all(app);
}

static void concern_leave(App *app, void *st_)
{
    (void)st_;
    wipe_all(app);
}

static void go_step(App *app, ConcernStep step)
{
    ConcernState *cs = CS(app);
    cs->step = step;
    cs->problem = NULL;
    ui_focus(app->ui, NULL);
    ui_scroll_to(app->ui, "concern-body", 0);
    ui_scroll_to(app->ui, "concern-places", 0);
}

/* The step after `step` (the consent question only for someone else). */
static ConcernStep next_of(const App *app, ConcernStep step)
{
    const ConcernState *cs = CS(app);
    if (cs->from_review && step != CSTEP_WHO)
        return CSTEP_REVIEW;
    switch (step) {
    case CSTEP_INTRO: return CSTEP_WHO;
    case CSTEP_WHO: return cs->c.who == WHO_SOMEONE_ELSE ? CSTEP_CONSENT
                           : cs->from_review         ? CSTEP_REVIEW
                                                     : CSTEP_CATEGORY;
    case CSTEP_CONSENT: return cs->from_review ? CSTEP_REVIEW : CSTEP_CATEGORY;
    case CSTEP_CATEGORY: return CSTEP_WHERE;
    case CSTEP_WHERE: return CSTEP_WHEN;
    case CSTEP_WHEN: return CSTEP_WHAT;
    case CSTEP_WHAT: return CSTEP_OUTCOME;
    case CSTEP_OUTCOME: return CSTEP_CONTACT;
    case CSTEP_CONTACT: return CSTEP_NEEDS;
    case CSTEP_NEEDS: return CSTEP_SHARE;
    case CSTEP_SHARE: return CSTEP_REVIEW;
    default: return step;
    }
}

static ConcernStep prev_of(const App *app, ConcernStep step)
{
    const ConcernState *cs = CS(app);
    switch (step) {
    case CSTEP_URGENT: return CSTEP_INTRO;
    case CSTEP_WHO: return CSTEP_INTRO;
    case CSTEP_CONSENT: return CSTEP_WHO;
    case CSTEP_CATEGORY: return cs->c.who == WHO_SOMEONE_ELSE ? CSTEP_CONSENT : CSTEP_WHO;
    case CSTEP_WHERE: return CSTEP_CATEGORY;
    case CSTEP_WHEN: return CSTEP_WHERE;
    case CSTEP_WHAT: return CSTEP_WHEN;
    case CSTEP_OUTCOME: return CSTEP_WHAT;
    case CSTEP_CONTACT: return CSTEP_OUTCOME;
    case CSTEP_NEEDS: return CSTEP_CONTACT;
    case CSTEP_SHARE: return CSTEP_NEEDS;
    case CSTEP_REVIEW: return CSTEP_SHARE;
    default: return step;
    }
}

static bool concern_back_step(App *app)
{
    ConcernState *cs = CS(app);
    if (cs->step == CSTEP_INTRO || cs->step == CSTEP_SENT || cs->step == CSTEP_FAILED)
        return false;
    if (cs->from_review) {
        cs->from_review = false;
        go_step(app, CSTEP_REVIEW);
        return true;
    }
    go_step(app, prev_of(app, cs->step));
    return true;
}

/* Whether the current step's answer lets the person go on; sets a kind message if not. */
static bool step_ok(App *app)
{
    ConcernState *cs = CS(app);
    Concern *c = &cs->c;
    cs->problem = NULL;
    switch (cs->step) {
    case CSTEP_WHO:
        if (c->who == WHO_UNSET)
            cs->problem = tr(S_CONCERN_WHO_Q);
        break;
    case CSTEP_CONSENT:
        if (c->consent == CONSENT_UNSET)
            cs->problem = tr(S_CONCERN_CONSENT_Q);
        break;
    case CSTEP_CATEGORY:
        if (!c->category)
            cs->problem = tr(S_CONCERN_CATEGORY_Q);
        break;
    case CSTEP_WHEN:
        if (c->when.year)
            cs->problem = concern_check_when(c->when, app->today);
        break;
    case CSTEP_WHAT:
        if (c->what.len == 0)
            cs->problem = tr(S_CONCERN_WHAT_HINT);
        break;
    case CSTEP_CONTACT:
        if (c->contact == CONTACT_UNSET)
            cs->problem = tr(S_CONCERN_CONTACT_Q);
        else if (c->contact == CONTACT_PHONE)
            cs->problem = concern_check_phone(c->phone.buf);
        else if (c->contact == CONTACT_EMAIL)
            cs->problem = concern_check_email(c->email.buf);
        else if (c->contact == CONTACT_POST && c->address.len < 6)
            cs->problem = tr(S_CONCERN_ADDRESS);
        break;
    default:
        break;
    }
    return cs->problem == NULL;
}

/* ==== drawing helpers ==== */

typedef struct Layout {
    Rect body;      /* the question's content */
    Rect side;      /* the keyboard's place (wide screens), else empty */
    int y;          /* next free y in body */
    StrBuf *kbd;    /* what the on-screen keyboard edits this frame, or NULL */
} Layout;

/* A full-width choice; returns true when tapped. */
static bool choice(Ui *ui, Layout *l, const char *id, const char *label, bool selected)
{
    const Theme *t = &ui->theme;
    int h = ui_tab_height(ui, l->body.w, label);
    bool hit = ui_tab(ui, id, rect_make(l->body.x, l->y, l->body.w, h), label, selected);
    l->y += h + t->unit * 2;
    return hit;
}

static void text_line(Ui *ui, Layout *l, const char *id, int font, const char *text)
{
    l->y += ui_text(ui, id, rect_make(l->body.x, l->y, l->body.w, l->body.h), font,
                    ui->theme.text, UI_ALIGN_LEFT, text) + ui->theme.unit * 2;
}

static void problem_line(App *app, Ui *ui, Layout *l)
{
    const char *p = CS(app)->problem;
    if (!p)
        return;
    const Theme *t = &ui->theme;
    int u = t->unit;
    int h = ui_text_height(ui, FONT_BODY_BOLD, l->body.w - u * 4, p);
    ui_fill(ui, rect_make(l->body.x, l->y, l->body.w, h + u * 2), t->notice_bg, t->radius / 2);
    ui_text(ui, "concern-problem", rect_make(l->body.x + u * 2, l->y + u, l->body.w - u * 4, h),
            FONT_BODY_BOLD, t->notice_text, UI_ALIGN_LEFT, p);
    l->y += h + u * 4;
}

static void chars_left(Ui *ui, Layout *l, const StrBuf *sb)
{
    char num[16], buf[64];
    snprintf(num, sizeof num, "%zu", sb->max - sb->len);
    i18n_format(buf, sizeof buf, S_CONCERN_CHARS_LEFT, num, NULL, NULL);
    l->y += ui_text(ui, "concern-chars-left", rect_make(l->body.x, l->y, l->body.w, l->body.h),
                    FONT_BODY, ui->theme.text_muted, UI_ALIGN_LEFT, buf) + ui->theme.unit;
}

/* ==== steps ==== */

static void step_intro(App *app, Ui *ui, Layout *l)
{
    const Theme *t = &ui->theme;
    int u = t->unit;
    /* Wide screens: the explanation on the left, the first question in a box on the
     * right, so both are in view at once. */
    bool wide = l->body.w > t->min_target * 14;
    Rect text = l->body, box = l->body;
    if (wide) {
        text.w = l->body.w * 3 / 5;
        box = rect_make(text.x + text.w + u * 4, l->y, l->body.w - text.w - u * 4, l->body.h);
    }
    Layout tl = {text, rect_make(0, 0, 0, 0), l->y, NULL};
    text_line(ui, &tl, "concern-intro-heading", FONT_TITLE, tr(S_CONCERN_INTRO_HEADING));
    text_line(ui, &tl, "concern-intro-body", FONT_LARGE, tr(S_CONCERN_INTRO_BODY));
    text_line(ui, &tl, "concern-intro-next", FONT_LARGE, tr(S_CONCERN_INTRO_NEXT));
    int y = wide ? box.y : tl.y + u * 2;
    int inner = box.w - u * 6;
    int qh = ui_text_height(ui, FONT_TITLE, inner, tr(S_CONCERN_RISK_QUESTION));
    int h1 = ui_tab_height(ui, inner, tr(S_CONCERN_RISK_YES));
    int h2 = ui_tab_height(ui, inner, tr(S_CONCERN_RISK_NO));
    int bh = qh + h1 + h2 + u * 14;
    ui_fill(ui, rect_make(box.x, y, box.w, bh), t->surface, t->radius);
    ui_border(ui, rect_make(box.x, y, box.w, bh), t->primary, 3, t->radius);
    int by = y + u * 3;
    by += ui_text(ui, "concern-risk-q", rect_make(box.x + u * 3, by, inner, qh), FONT_TITLE,
                  t->text, UI_ALIGN_LEFT, tr(S_CONCERN_RISK_QUESTION)) + u * 4;
    if (ui_button(ui, "concern-risk-yes", rect_make(box.x + u * 3, by, inner, h1),
                  UI_BUTTON_SECONDARY, tr(S_CONCERN_RISK_YES), NULL))
        go_step(app, CSTEP_URGENT);
    by += h1 + u * 3;
    if (ui_button(ui, "concern-risk-no", rect_make(box.x + u * 3, by, inner, h2),
                  UI_BUTTON_PRIMARY, tr(S_CONCERN_RISK_NO), NULL))
        go_step(app, CSTEP_WHO);
    l->y = wide ? (tl.y > y + bh ? tl.y : y + bh) : y + bh + u * 2;
}

static void step_urgent(App *app, Ui *ui, Layout *l)
{
    (void)app;
    const Theme *t = &ui->theme;
    int u = t->unit;
    int th = ui_text_height(ui, FONT_HUGE, l->body.w - u * 8, tr(S_CONCERN_URGENT_TITLE));
    int bh = ui_text_height(ui, FONT_LARGE, l->body.w - u * 8, tr(S_CONCERN_URGENT_BODY));
    ui_fill(ui, rect_make(l->body.x, l->y, l->body.w, th + bh + u * 12), t->notice_bg, t->radius);
    ui_text(ui, "concern-urgent-title", rect_make(l->body.x + u * 4, l->y + u * 4,
                                                  l->body.w - u * 8, th),
            FONT_HUGE, t->notice_text, UI_ALIGN_LEFT, tr(S_CONCERN_URGENT_TITLE));
    ui_text(ui, "concern-urgent-body", rect_make(l->body.x + u * 4, l->y + u * 8 + th,
                                                 l->body.w - u * 8, bh),
            FONT_LARGE, t->notice_text, UI_ALIGN_LEFT, tr(S_CONCERN_URGENT_BODY));
    l->y += th + bh + u * 14;
}

static void step_who(App *app, Ui *ui, Layout *l)
{
    Concern *c = &CS(app)->c;
    text_line(ui, l, "concern-q", FONT_TITLE, tr(S_CONCERN_WHO_Q));
    problem_line(app, ui, l);
    if (choice(ui, l, "who-me", tr(S_CONCERN_WHO_ME), c->who == WHO_ME)) {
        c->who = WHO_ME;
        c->consent = CONSENT_UNSET;
    }
    if (choice(ui, l, "who-other", tr(S_CONCERN_WHO_OTHER), c->who == WHO_SOMEONE_ELSE))
        c->who = WHO_SOMEONE_ELSE;
}

static void step_consent(App *app, Ui *ui, Layout *l)
{
    Concern *c = &CS(app)->c;
    text_line(ui, l, "concern-q", FONT_TITLE, tr(S_CONCERN_CONSENT_Q));
    text_line(ui, l, "concern-hint", FONT_BODY, tr(S_CONCERN_CONSENT_HINT));
    problem_line(app, ui, l);
    if (choice(ui, l, "consent-yes", tr(S_CONCERN_CONSENT_YES), c->consent == CONSENT_YES))
        c->consent = CONSENT_YES;
    if (choice(ui, l, "consent-no", tr(S_CONCERN_CONSENT_NO), c->consent == CONSENT_NO))
        c->consent = CONSENT_NO;
    if (choice(ui, l, "consent-cannot", tr(S_CONCERN_CONSENT_CANNOT),
               c->consent == CONSENT_CANNOT))
        c->consent = CONSENT_CANNOT;
}

static void step_category(App *app, Ui *ui, Layout *l)
{
    Concern *c = &CS(app)->c;
    text_line(ui, l, "concern-q", FONT_TITLE, tr(S_CONCERN_CATEGORY_Q));
    problem_line(app, ui, l);
    size_t n;
    const ConcernCategory *cats = concern_categories(&n);
    for (size_t i = 0; i < n; i++) {
        char id[64];
        snprintf(id, sizeof id, "category-%s", cats[i].id);
        if (choice(ui, l, id, cats[i].label, c->category && strcmp(c->category, cats[i].id) == 0))
            c->category = cats[i].id;
    }
}

static void step_where(App *app, Ui *ui, Layout *l)
{
    ConcernState *cs = CS(app);
    Concern *c = &cs->c;
    const Theme *t = &ui->theme;
    int u = t->unit;
    text_line(ui, l, "concern-q", FONT_TITLE, tr(S_CONCERN_WHERE_Q));
    text_line(ui, l, "concern-hint", FONT_BODY, tr(S_CONCERN_WHERE_HINT));
    if (choice(ui, l, "where-type", tr(cs->where_typing ? S_CONCERN_WHERE_LIST
                                                        : S_CONCERN_WHERE_TYPE), false)) {
        cs->where_typing = !cs->where_typing;
        if (cs->where_typing) {
            c->where_place = NULL;
            ui_focus(ui, "where-field");
        } else {
            strbuf_reset(&c->where_text);
        }
    }
    if (cs->where_typing) {
        Rect f = rect_make(l->body.x, l->y, l->body.w, t->min_target);
        ui_field(ui, "where-field", f, &c->where_text, tr(S_CONCERN_WHERE_FIELD));
        l->y += f.h + u * 2;
        l->kbd = &c->where_text;
        return;
    }
    const Site *s = app->site;
    Rect view = rect_make(l->body.x, l->y, l->body.w, l->body.y + l->body.h - l->y);
    int rh = t->min_target + u;
    int y0 = ui_scroll_begin(ui, "concern-places", view), y = y0;
    for (size_t i = 0; i < s->ndestinations; i++) {
        const Destination *d = &s->destinations[i];
        char id[96];
        snprintf(id, sizeof id, "where-%s", d->id);
        bool sel = c->where_place && strcmp(c->where_place, d->id) == 0;
        if (ui_tab(ui, id, rect_make(view.x, y, view.w - u * 3, rh - u), d->name, sel))
            c->where_place = sel ? NULL : d->id;
        y += rh;
    }
    ui_scroll_end(ui, y - y0);
    l->y = view.y + view.h;
}

static void step_when(App *app, Ui *ui, Layout *l)
{
    Concern *c = &CS(app)->c;
    const Theme *t = &ui->theme;
    int u = t->unit;
    text_line(ui, l, "concern-q", FONT_TITLE, tr(S_CONCERN_WHEN_Q));
    char date[96];
    if (c->when.year)
        screen_date_words(c->when, date, sizeof date);
    else
        snprintf(date, sizeof date, "%s", tr(S_CONCERN_WHEN_NONE));
    if (c->when.year && c->when.year != app->today.year)
        snprintf(date + strlen(date), sizeof date - strlen(date), " %d", c->when.year);
    text_line(ui, l, "when-date", FONT_HUGE, date);
    problem_line(app, ui, l);
    int bw = (l->body.w - u * 2 * 2) / 3, bh = t->min_target;
    long today = civil_to_days(app->today);
    long cur = c->when.year ? civil_to_days(c->when) : today;
    struct { const char *id; StrId label; long to; } quick[] = {
        {"when-today", S_CONCERN_WHEN_TODAY, today},
        {"when-yesterday", S_CONCERN_WHEN_YESTERDAY, today - 1},
        {"when-not-sure", S_CONCERN_WHEN_NOT_SURE, -1},
        {"when-day-earlier", S_CONCERN_WHEN_DAY_EARLIER, cur - 1},
        {"when-day-later", S_CONCERN_WHEN_DAY_LATER, cur + 1 > today ? today : cur + 1},
        {"when-month-earlier", S_CONCERN_WHEN_MONTH_EARLIER, cur - 30},
    };
    for (int i = 0; i < 6; i++) {
        Rect r = rect_make(l->body.x + (i % 3) * (bw + u * 2), l->y + (i / 3) * (bh + u * 2), bw, bh);
        if (ui_button(ui, quick[i].id, r, UI_BUTTON_SECONDARY, tr(quick[i].label), NULL)) {
            if (quick[i].to < 0) {
                c->when.year = c->when.month = c->when.day = 0;
            } else {
                c->when = civil_from_days(quick[i].to);
            }
        }
    }
    l->y += 2 * (bh + u * 2) + u * 2;
    if (c->when.year && today - civil_to_days(c->when) > 365)
        text_line(ui, l, "when-old", FONT_BODY, tr(S_CONCERN_WHEN_OLD));
}

static void step_text(App *app, Ui *ui, Layout *l, StrId q, StrId hint, const char *id,
                      StrBuf *sb)
{
    const Theme *t = &ui->theme;
    int u = t->unit;
    text_line(ui, l, "concern-q", FONT_TITLE, tr(q));
    text_line(ui, l, "concern-hint", FONT_BODY, tr(hint));
    problem_line(app, ui, l);
    if (ui->focus == 0)
        ui_focus(ui, id);
    int h = l->body.y + l->body.h - l->y - ui_line_height(ui, FONT_BODY) - u * 2;
    if (h < t->min_target * 2)
        h = t->min_target * 2;
    ui_textarea(ui, id, rect_make(l->body.x, l->y, l->body.w, h), sb, NULL);
    l->y += h + u;
    chars_left(ui, l, sb);
    l->kbd = sb;
}

static void detail_field(Ui *ui, Layout *l, const char *id, StrId label, StrBuf *sb)
{
    const Theme *t = &ui->theme;
    text_line(ui, l, NULL, FONT_BODY_BOLD, tr(label));
    l->y -= t->unit;
    Rect f = rect_make(l->body.x, l->y, l->body.w, t->min_target);
    ui_field(ui, id, f, sb, NULL);
    l->y += f.h + t->unit * 3;
}

static void step_contact(App *app, Ui *ui, Layout *l)
{
    Concern *c = &CS(app)->c;
    text_line(ui, l, "concern-q", FONT_TITLE, tr(S_CONCERN_CONTACT_Q));
    problem_line(app, ui, l);
    static const struct { const char *id; StrId label; ContactMethod m; } opts[] = {
        {"contact-anonymous", S_CONCERN_CONTACT_ANON, CONTACT_ANONYMOUS},
        {"contact-phone", S_CONCERN_CONTACT_PHONE, CONTACT_PHONE},
        {"contact-email", S_CONCERN_CONTACT_EMAIL, CONTACT_EMAIL},
        {"contact-post", S_CONCERN_CONTACT_POST, CONTACT_POST},
    };
    for (int i = 0; i < 4; i++)
        if (choice(ui, l, opts[i].id, tr(opts[i].label), c->contact == opts[i].m)) {
            c->contact = opts[i].m;
            CS(app)->problem = NULL;
            ui_focus(ui, opts[i].m == CONTACT_ANONYMOUS ? NULL : "contact-name");
        }
    if (c->contact == CONTACT_ANONYMOUS) {
        text_line(ui, l, "contact-anon-note", FONT_BODY, tr(S_CONCERN_ANON_NOTE));
        return;
    }
    if (c->contact == CONTACT_UNSET)
        return;
    detail_field(ui, l, "contact-name", S_CONCERN_NAME, &c->name);
    StrBuf *detail = c->contact == CONTACT_PHONE   ? &c->phone
                     : c->contact == CONTACT_EMAIL ? &c->email
                                                   : &c->address;
    StrId label = c->contact == CONTACT_PHONE   ? S_CONCERN_PHONE
                  : c->contact == CONTACT_EMAIL ? S_CONCERN_EMAIL
                                                : S_CONCERN_ADDRESS;
    detail_field(ui, l, "contact-detail", label, detail);
    l->kbd = ui->focus == ui_id("contact-name") ? &c->name : detail;
}

static void step_needs(App *app, Ui *ui, Layout *l)
{
    Concern *c = &CS(app)->c;
    const Theme *t = &ui->theme;
    int u = t->unit;
    text_line(ui, l, "concern-q", FONT_TITLE, tr(S_CONCERN_NEEDS_Q));
    text_line(ui, l, "concern-hint", FONT_BODY, tr(S_CONCERN_NEEDS_HINT));
    int cols = l->body.w > t->min_target * 10 ? 2 : 1;
    int w = (l->body.w - (cols - 1) * u * 2) / cols;
    int row_h = 0;
    for (int i = 0; i < NNEEDS; i++) {
        int h = ui_switch_height(ui, w, tr(needs[i].label));
        if (h > row_h)
            row_h = h;
    }
    for (int i = 0; i < NNEEDS; i++) {
        char id[32];
        snprintf(id, sizeof id, "need-%d", i);
        bool on = (c->ais_needs & needs[i].bit) != 0;
        Rect r = rect_make(l->body.x + (i % cols) * (w + u * 2), l->y + (i / cols) * (row_h + u * 2),
                           w, row_h);
        if (ui_switch(ui, id, r, tr(needs[i].label), &on))
            c->ais_needs = on ? c->ais_needs | needs[i].bit : c->ais_needs & ~needs[i].bit;
    }
    l->y += ((NNEEDS + cols - 1) / cols) * (row_h + u * 2) + u * 2;
    int ih = ui_switch_height(ui, l->body.w, tr(S_CONCERN_INTERPRETER));
    if (ui_switch(ui, "need-interpreter", rect_make(l->body.x, l->y, l->body.w, ih),
                  tr(S_CONCERN_INTERPRETER), &c->interpreter) &&
        c->interpreter)
        ui_focus(ui, "need-language");
    l->y += ih + u * 3;
    if (c->interpreter) {
        detail_field(ui, l, "need-language", S_CONCERN_LANGUAGE, &c->language);
        l->kbd = &c->language;
    }
}

static void step_share(App *app, Ui *ui, Layout *l)
{
    Concern *c = &CS(app)->c;
    text_line(ui, l, "concern-q", FONT_TITLE, tr(S_CONCERN_SHARE_Q));
    text_line(ui, l, "concern-hint", FONT_BODY, tr(S_CONCERN_SHARE_HINT));
    if (choice(ui, l, "share-yes", tr(S_CONCERN_SHARE_YES), c->consent_to_share))
        c->consent_to_share = true;
    if (choice(ui, l, "share-no", tr(S_CONCERN_SHARE_NO), !c->consent_to_share))
        c->consent_to_share = false;
}

/* ==== review ==== */

static const char *category_label(const char *id)
{
    size_t n;
    const ConcernCategory *cats = concern_categories(&n);
    for (size_t i = 0; id && i < n; i++)
        if (strcmp(cats[i].id, id) == 0)
            return cats[i].label;
    return tr(S_CONCERN_ANSWER_NONE);
}

static void review_row(App *app, Ui *ui, Layout *l, const char *id, StrId label,
                       const char *answer, ConcernStep step)
{
    const Theme *t = &ui->theme;
    int u = t->unit;
    int bw = t->min_target * 2;
    Rect text = rect_make(l->body.x, l->y, l->body.w - bw - u * 3, l->body.h);
    int h = ui_text(ui, NULL, text, FONT_BODY_BOLD, t->text_muted, UI_ALIGN_LEFT, tr(label));
    h += ui_text(ui, id, rect_make(text.x, l->y + h, text.w, text.h), FONT_LARGE, t->text,
                 UI_ALIGN_LEFT, answer && *answer ? answer : tr(S_CONCERN_ANSWER_NONE));
    char bid[64];
    snprintf(bid, sizeof bid, "change-%s", id);
    if (ui_button(ui, bid, rect_make(l->body.x + l->body.w - bw, l->y, bw, t->min_target),
                  UI_BUTTON_SECONDARY, tr(S_CONCERN_CHANGE), NULL)) {
        go_step(app, step);
        CS(app)->from_review = true;
    }
    h = h > t->min_target ? h : t->min_target;
    ui_fill(ui, rect_make(l->body.x, l->y + h + u, l->body.w, 2), t->border, 0);
    l->y += h + u * 3;
}

static void step_review(App *app, Ui *ui, Layout *l)
{
    ConcernState *cs = CS(app);
    Concern *c = &cs->c;
    char buf[600];
    text_line(ui, l, "concern-q", FONT_TITLE, tr(S_CONCERN_REVIEW_Q));
    problem_line(app, ui, l);
    review_row(app, ui, l, "review-who", S_CONCERN_LABEL_WHO,
               tr(c->who == WHO_ME ? S_CONCERN_WHO_ME : S_CONCERN_WHO_OTHER), CSTEP_WHO);
    if (c->who == WHO_SOMEONE_ELSE)
        review_row(app, ui, l, "review-consent", S_CONCERN_LABEL_CONSENT,
                   tr(c->consent == CONSENT_YES ? S_CONCERN_CONSENT_YES
                      : c->consent == CONSENT_NO ? S_CONCERN_CONSENT_NO
                                                 : S_CONCERN_CONSENT_CANNOT),
                   CSTEP_CONSENT);
    review_row(app, ui, l, "review-category", S_CONCERN_LABEL_CATEGORY,
               category_label(c->category), CSTEP_CATEGORY);
    int d = c->where_place ? site_find_destination(app->site, c->where_place) : -1;
    review_row(app, ui, l, "review-where", S_CONCERN_LABEL_WHERE,
               d >= 0 ? app->site->destinations[d].name : c->where_text.buf, CSTEP_WHERE);
    buf[0] = '\0';
    if (c->when.year)
        screen_date_words(c->when, buf, sizeof buf);
    review_row(app, ui, l, "review-when", S_CONCERN_LABEL_WHEN, buf, CSTEP_WHEN);
    review_row(app, ui, l, "review-what", S_CONCERN_LABEL_WHAT, c->what.buf, CSTEP_WHAT);
    review_row(app, ui, l, "review-outcome", S_CONCERN_LABEL_OUTCOME, c->outcome.buf,
               CSTEP_OUTCOME);
    const char *how = c->contact == CONTACT_ANONYMOUS ? tr(S_CONCERN_CONTACT_ANON)
                      : c->contact == CONTACT_PHONE   ? c->phone.buf
                      : c->contact == CONTACT_EMAIL   ? c->email.buf
                                                      : c->address.buf;
    snprintf(buf, sizeof buf, "%s%s%s", c->contact != CONTACT_ANONYMOUS ? c->name.buf : "",
             c->contact != CONTACT_ANONYMOUS && c->name.len ? "\n" : "", how);
    review_row(app, ui, l, "review-contact", S_CONCERN_LABEL_CONTACT, buf, CSTEP_CONTACT);
    size_t o = 0;
    buf[0] = '\0';
    for (int i = 0; i < NNEEDS && o < sizeof buf; i++)
        if (c->ais_needs & needs[i].bit)
            o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%s", o ? ", " : "",
                                  tr(needs[i].label));
    if (c->interpreter && o < sizeof buf)
        snprintf(buf + o, sizeof buf - o, "%s%s (%s)", o ? ", " : "", tr(S_CONCERN_INTERPRETER),
                 c->language.buf);
    review_row(app, ui, l, "review-needs", S_CONCERN_LABEL_NEEDS, buf, CSTEP_NEEDS);
    review_row(app, ui, l, "review-share", S_CONCERN_LABEL_SHARE,
               tr(c->consent_to_share ? S_CONCERN_YES : S_CONCERN_NO), CSTEP_SHARE);
    text_line(ui, l, "concern-sending-note", FONT_BODY, tr(S_CONCERN_SENDING_NOTE));
}

/* Seals and stores the concern; "sent" only when the outbox has committed it. */
static void send(App *app)
{
    ConcernState *cs = CS(app);
    const char *problem = concern_check(&cs->c, app->today);
    if (problem) {
        cs->problem = problem;
        return;
    }
    const char *kiosk = app->kiosk >= 0 ? app->site->kiosks[app->kiosk].id : "";
    cs->status = app->outbox ? outbox_submit(app->outbox, &cs->c, kiosk, cs->reference)
                             : OUTBOX_ERROR;
    if (cs->status != OUTBOX_OK) {
        log_error("concern could not be stored: %s",
                  app->outbox ? outbox_problem(app->outbox) : "no outbox");
        go_step(app, CSTEP_FAILED);
        return;
    }
    /* The answers have been sealed and stored: wipe them from memory now. */
    cs->sent_anonymous = cs->c.contact == CONTACT_ANONYMOUS;
    concern_clear(&cs->c);
    char text[300];
    i18n_format(text, sizeof text, S_CONCERN_QR_TEXT, app->site->name, cs->reference,
                pals_phone(app));
    if (qr_encode(text, &cs->qr) != 0)
        log_warn("QR for the reference: %s", err_msg());
    go_step(app, CSTEP_SENT);
}

static void step_sent(App *app, Ui *ui, Layout *l)
{
    ConcernState *cs = CS(app);
    const Theme *t = &ui->theme;
    int u = t->unit;
    text_line(ui, l, "concern-sent", FONT_TITLE, tr(S_CONCERN_SENT_TITLE));
    text_line(ui, l, "concern-reference-label", FONT_LARGE, tr(S_CONCERN_REFERENCE));
    text_line(ui, l, "concern-reference", FONT_HUGE, cs->reference);
    text_line(ui, l, "concern-next", FONT_LARGE,
              tr(cs->sent_anonymous ? S_CONCERN_SENT_NEXT_ANON : S_CONCERN_SENT_NEXT));
    if (cs->qr.width) {
        int qh = legacy_qr_panel_height(ui, &cs->qr);
        Rect q = rect_empty(l->side) ? rect_make(l->body.x, l->y, l->body.w, qh)
                                     : rect_make(l->side.x, l->side.y, l->side.w, qh);
        legacy_qr_panel(ui, q, "concern-qr", &cs->qr, tr(S_CONCERN_SENT_QR));
        if (rect_empty(l->side))
            l->y += qh + u * 2;
    }
}

static void step_failed(App *app, Ui *ui, Layout *l)
{
    const Theme *t = &ui->theme;
    int u = t->unit;
    char body[400];
    i18n_format(body, sizeof body, S_CONCERN_FAILED_BODY, pals_phone(app), NULL, NULL);
    int th = ui_text_height(ui, FONT_TITLE, l->body.w - u * 8, tr(S_CONCERN_FAILED_TITLE));
    int bh = ui_text_height(ui, FONT_LARGE, l->body.w - u * 8, body);
    ui_fill(ui, rect_make(l->body.x, l->y, l->body.w, th + bh + u * 12), t->notice_bg, t->radius);
    ui_text(ui, "concern-failed", rect_make(l->body.x + u * 4, l->y + u * 4, l->body.w - u * 8, th),
            FONT_TITLE, t->notice_text, UI_ALIGN_LEFT, tr(S_CONCERN_FAILED_TITLE));
    ui_text(ui, "concern-failed-body", rect_make(l->body.x + u * 4, l->y + u * 8 + th,
                                                 l->body.w - u * 8, bh),
            FONT_LARGE, t->notice_text, UI_ALIGN_LEFT, body);
    l->y += th + bh + u * 14;
}

/* ==== the frame ==== */

static bool needs_keyboard(const App *app)
{
    const ConcernState *cs = CS(app);
    switch (cs->step) {
    case CSTEP_WHAT:
    case CSTEP_OUTCOME: return true;
    case CSTEP_WHERE: return cs->where_typing;
    case CSTEP_CONTACT: return cs->c.contact > CONTACT_ANONYMOUS;
    case CSTEP_NEEDS: return cs->c.interpreter;
    case CSTEP_SENT: return true; /* the QR code goes where the keyboard would be */
    default: return false;
    }
}

static void cover(App *app, Ui *ui)
{
    const Theme *t = &ui->theme;
    ui->layer = 1;
    ui_occlude_all(ui);
    ui_fill(ui, rect_make(0, 0, ui->width, ui->height), t->header_bg, 0);
    int th = ui_line_height(ui, FONT_HUGE);
    ui_text(ui, "concern-covered", rect_make(0, ui->height / 3, ui->width, th), FONT_HUGE,
            t->header_text, UI_ALIGN_CENTER, tr(S_CONCERN_COVERED));
    int bw = t->min_target * 5;
    if (ui_button(ui, "concern-uncover",
                  rect_make((ui->width - bw) / 2, ui->height / 2, bw, t->min_target),
                  UI_BUTTON_SECONDARY, tr(S_CONCERN_UNCOVER), NULL))
        CS(app)->covered = false;
    ui->layer = 0;
}

static void concern_update(App *app, void *st_, Ui *ui, Rect area)
{
    (void)st_;
    ConcernState *cs = CS(app);
    const Theme *t = &ui->theme;
    int u = t->unit;
    area = rect_make(area.x + u * 4, area.y + u * 2, area.w - u * 8, area.h - u * 3);
    /* Top bar: progress, clear, cover. */
    int bar_h = t->min_target;
    int bw = ui_text_width(ui, FONT_BODY_BOLD, tr(S_CONCERN_CLEAR)) + u * 6;
    int cw = ui_text_width(ui, FONT_BODY_BOLD, tr(S_CONCERN_COVER)) + u * 6;
    bool in_form = cs->step != CSTEP_SENT && cs->step != CSTEP_FAILED &&
                   cs->step != CSTEP_INTRO && cs->step != CSTEP_URGENT;
    if (in_form) {
        if (ui_button(ui, "concern-cover", rect_make(area.x + area.w - cw, area.y, cw, bar_h),
                      UI_BUTTON_SECONDARY, tr(S_CONCERN_COVER), NULL))
            cs->covered = true;
        if (ui_button(ui, "concern-clear",
                      rect_make(area.x + area.w - cw - bw - u * 2, area.y, bw, bar_h),
                      UI_BUTTON_SECONDARY, tr(S_CONCERN_CLEAR), NULL))
            wipe_all(app);
    }
    for (int i = 0; i < NQUESTIONS; i++) {
        if (questions[i] != cs->step && !(cs->step == CSTEP_CONSENT && questions[i] == CSTEP_WHO))
            continue;
        char a[8], b[8], buf[64];
        snprintf(a, sizeof a, "%d", i + 1);
        snprintf(b, sizeof b, "%d", NQUESTIONS);
        i18n_format(buf, sizeof buf, S_CONCERN_PROGRESS, a, b, NULL);
        int lh = ui_line_height(ui, FONT_BODY_BOLD);
        ui_text(ui, "concern-progress", rect_make(area.x, area.y + (bar_h - lh) / 2, area.w / 3, lh),
                FONT_BODY_BOLD, t->text_muted, UI_ALIGN_LEFT, buf);
        /* A bar that fills as the questions go by. */
        int pw = area.w / 4, px = area.x + area.w / 3;
        ui_fill(ui, rect_make(px, area.y + bar_h / 2 - u, pw, u * 2), t->surface_alt, u);
        ui_fill(ui, rect_make(px, area.y + bar_h / 2 - u, pw * (i + 1) / NQUESTIONS, u * 2),
                t->primary, u);
    }
    /* Bottom bar: Back and Next (or Send / Finish). */
    int nav_h = t->min_target;
    Rect nav = rect_make(area.x, area.y + area.h - nav_h, area.w, nav_h);
    Rect content = rect_make(area.x, area.y + bar_h + u * 3, area.w,
                             nav.y - area.y - bar_h - u * 6);
    if (cs->step == CSTEP_INTRO) /* no progress, no Back/Next: all room to the words */
        content = rect_make(area.x, area.y + u, area.w, area.h - u);
    bool wide = area.w > area.h;
    Layout l = {content, rect_make(0, 0, 0, 0), content.y, NULL};
    if (needs_keyboard(app)) {
        int kbd_h = t->min_target * 5 + u * 4;
        if (wide) {
            int kw = content.w / 2;
            l.body = rect_make(content.x, content.y, content.w - kw - u * 4, content.h);
            l.side = rect_make(content.x + content.w - kw, content.y + content.h - kbd_h, kw, kbd_h);
            if (cs->step == CSTEP_SENT)
                l.side = rect_make(content.x + content.w - kw, content.y, kw, content.h);
        } else {
            l.body = rect_make(content.x, content.y, content.w, content.h - kbd_h - u * 3);
            l.side = rect_make(content.x, content.y + content.h - kbd_h, content.w, kbd_h);
        }
        l.y = l.body.y;
    }
    /* Long steps scroll; steps with their own list or text area do not. */
    bool scrolls = cs->step != CSTEP_WHERE && cs->step != CSTEP_WHAT && cs->step != CSTEP_OUTCOME &&
                   cs->step != CSTEP_SENT;
    int y0 = 0;
    if (scrolls) {
        y0 = ui_scroll_begin(ui, "concern-body", l.body);
        l.y = y0;
        l.body.y = y0;
    }
    switch (cs->step) {
    case CSTEP_INTRO: step_intro(app, ui, &l); break;
    case CSTEP_URGENT: step_urgent(app, ui, &l); break;
    case CSTEP_WHO: step_who(app, ui, &l); break;
    case CSTEP_CONSENT: step_consent(app, ui, &l); break;
    case CSTEP_CATEGORY: step_category(app, ui, &l); break;
    case CSTEP_WHERE: step_where(app, ui, &l); break;
    case CSTEP_WHEN: step_when(app, ui, &l); break;
    case CSTEP_WHAT:
        step_text(app, ui, &l, S_CONCERN_WHAT_Q, S_CONCERN_WHAT_HINT, "what-field", &cs->c.what);
        break;
    case CSTEP_OUTCOME:
        step_text(app, ui, &l, S_CONCERN_OUTCOME_Q, S_CONCERN_OUTCOME_HINT, "outcome-field",
                  &cs->c.outcome);
        break;
    case CSTEP_CONTACT: step_contact(app, ui, &l); break;
    case CSTEP_NEEDS: step_needs(app, ui, &l); break;
    case CSTEP_SHARE: step_share(app, ui, &l); break;
    case CSTEP_REVIEW: step_review(app, ui, &l); break;
    case CSTEP_SENT: step_sent(app, ui, &l); break;
    case CSTEP_FAILED: step_failed(app, ui, &l); break;
    }
    if (scrolls)
        ui_scroll_end(ui, l.y - y0 + u * 2);
    /* The keyboard sits outside the scrolling question, always in view. */
    if (l.kbd && !rect_empty(l.side))
        ui_keyboard(ui, "kbd", l.side, l.kbd);

    int nw = t->min_target * 3;
    if (cs->step == CSTEP_SENT || cs->step == CSTEP_FAILED) {
        int fw = ui_text_width(ui, FONT_LARGE_BOLD, tr(S_CONCERN_FINISH)) + u * 8;
        if (ui_button(ui, "concern-finish", rect_make(nav.x + nav.w - fw, nav.y, fw, nav_h),
                      UI_BUTTON_PRIMARY, tr(S_CONCERN_FINISH), NULL)) {
            wipe_all(app);
            app_forget(app);
        }
        if (cs->step == CSTEP_FAILED &&
            ui_button(ui, "concern-try-again", rect_make(nav.x, nav.y, nw, nav_h),
                      UI_BUTTON_SECONDARY, tr(S_CONCERN_TRY_AGAIN), NULL))
            go_step(app, CSTEP_REVIEW);
    } else if (cs->step != CSTEP_INTRO) {
        if (ui_button(ui, "concern-back", rect_make(nav.x, nav.y, nw, nav_h), UI_BUTTON_SECONDARY,
                      tr(S_CONCERN_BACK), NULL))
            concern_back_step(app);
        if (cs->step == CSTEP_REVIEW) {
            int sw = ui_text_width(ui, FONT_LARGE_BOLD, tr(S_CONCERN_SEND)) + u * 10;
            if (ui_button(ui, "concern-send", rect_make(nav.x + nav.w - sw, nav.y, sw, nav_h),
                          UI_BUTTON_PRIMARY, tr(S_CONCERN_SEND), NULL))
                send(app);
        } else if (cs->step != CSTEP_URGENT) {
            if (ui_button(ui, "concern-next", rect_make(nav.x + nav.w - nw, nav.y, nw, nav_h),
                          UI_BUTTON_PRIMARY, tr(S_CONCERN_NEXT), NULL) &&
                step_ok(app))
                go_step(app, next_of(app, cs->step));
        }
    }
    if (cs->covered)
        cover(app, ui);
}

static bool concern_back(App *app, void *st)
{
    (void)st;
    return concern_back_step(app);
}

static void concern_init_state(App *app, void *st)
{
    (void)app;
    ConcernState *cs = st;
    concern_init(&cs->c);
}

static void concern_forget(App *app, void *st)
{
    ConcernState *cs = st;
    concern_clear(&cs->c);
    qr_release(&cs->qr);
    mem_wipe(cs->reference, sizeof cs->reference);
    cs->step = CSTEP_INTRO;
    (void)app;
}

const Screen screen_concern = {
    .state_size = sizeof(ConcernState),
    .init = concern_init_state,
    .forget = concern_forget,
    .name = "concern",
    .has_header = true,
    .title = S_CONCERN_TITLE,
    .enter = concern_enter,
    .leave = concern_leave,
    .update = concern_update,
    .back = concern_back,
};
