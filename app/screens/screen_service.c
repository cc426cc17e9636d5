/* screen_service.c: one support service: what it does, who it is for, when it meets
 * (in words, with the next date), where (an address, or a place on this site with a
 * button that opens its directions), how to reach it, cost, languages, when the entry
 * was last checked, any closure or alert; and a QR code that hands it to a phone as a
 * contact card, the phone number alone, or the website.
 *
 * Landscape: the words scroll at the start side; how to get in touch and the QR code
 * stand at the end side, in view without scrolling. Portrait: one scrolling column with
 * the contact details and the QR code high up, under the name and any notices. */
#include "screens.h"

#include "handoff.h"
#include "log.h"

#include <stdio.h>
#include <string.h>

/* How a service is handed to a phone. */
typedef enum HandoffMode { HANDOFF_CARD, HANDOFF_PHONE, HANDOFF_WEB, HANDOFF_COUNT } HandoffMode;

typedef struct ServiceState {
    int service;              /* index into site->services */
    HandoffMode mode;
    QrMatrix qr;
} ServiceState;

enum { SERVICE_QR_TEXT = 900 };

static const struct {
    const char *id;
    StrId label, caption;
} handoff_modes[HANDOFF_COUNT] = {
    [HANDOFF_CARD] = {"qr-mode-card", S_SERVICE_QR_CARD, S_SERVICE_QR_CAPTION_CARD},
    [HANDOFF_PHONE] = {"qr-mode-phone", S_SERVICE_QR_PHONE, S_SERVICE_QR_CAPTION_PHONE},
    [HANDOFF_WEB] = {"qr-mode-web", S_SERVICE_QR_WEB, S_SERVICE_QR_CAPTION_WEB},
};

static bool has_mode(const Service *sv, HandoffMode m)
{
    switch (m) {
    case HANDOFF_CARD: return true;
    case HANDOFF_PHONE: return sv->nphones > 0;
    case HANDOFF_WEB: return sv->url && *sv->url;
    case HANDOFF_COUNT: break;
    }
    return false;
}

/* The index of the service shown, for its translations. */
static int shown_service(const App *app)
{
    return ((const ServiceState *)screen_state((App *)app, SCREEN_SERVICE))->service;
}

static void service_qr(App *app, ServiceState *ss)
{
    const Service *sv = app_service(app, ss->service);
    if (!sv)
        return;
    char text[SERVICE_QR_TEXT];
    int rc = -1;
    switch (ss->mode) {
    case HANDOFF_CARD: rc = handoff_vcard(app->site, sv, text, sizeof text); break;
    case HANDOFF_PHONE: rc = handoff_tel_uri(sv->phones[0].number, text, sizeof text); break;
    case HANDOFF_WEB:
        rc = snprintf(text, sizeof text, "%s", sv->url) < (int)sizeof text ? 0 : -1;
        break;
    case HANDOFF_COUNT: break;
    }
    if (rc != 0 || qr_encode(text, &ss->qr) != 0) {
        log_warn("QR for service %s could not be made", sv->id);
        qr_release(&ss->qr);
    }
}

static void service_enter(App *app, void *st, int arg)
{
    ServiceState *ss = st;
    ss->service = arg;
    ss->mode = HANDOFF_CARD;
    service_qr(app, ss);
    ui_scroll_to(app->ui, "service-info", 0);
    ui_scroll_to(app->ui, "service-side", 0);
}

/* ---- the words ---- */

/* The meetings in words, one a line, then the next date. */
static void when_section(App *app, const Service *sv, Lay *l)
{
    char buf[1200], line[300];
    size_t o = 0;
    buf[0] = '\0';
    bool have_next = false;
    CivilDate best = {0, 0, 0};
    for (size_t i = 0; i < sv->nschedules; i++) {
        const Schedule *sc = &sv->schedules[i];
        schedule_words(sc, line, sizeof line);
        o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%s", o ? "\n" : "", line);
        if (o < sizeof buf && sc->description && *sc->description)
            o += (size_t)snprintf(buf + o, sizeof buf - o, " (%s)", sc->description);
        if (o >= sizeof buf)
            o = sizeof buf - 1;
        CivilDate next;
        if (sv->status == SERVICE_ACTIVE && schedule_next(sc, app->today, &next) &&
            (!have_next || civil_to_days(next) < civil_to_days(best))) {
            best = next;
            have_next = true;
        }
    }
    if (have_next && o + 2 < sizeof buf) {
        char date[64];
        screen_date_words(best, date, sizeof date);
        i18n_format(line, sizeof line, S_SERVICE_NEXT, date, NULL, NULL);
        snprintf(buf + o, sizeof buf - o, "\n%s", line);
    }
    lay_section(l, "service-when", tr(S_SERVICE_WHEN), buf);
}

/* Where: here on site, with a button to its directions, or an address outside. */
static void where_section(App *app, const Service *sv, Lay *l)
{
    const Site *s = app->site;
    if (sv->destination >= 0) {
        char buf[1200];
        i18n_format(buf, sizeof buf, S_SERVICE_ON_SITE, s->name,
                    screen_text(app, TR_DESTINATION, TR_NAME, sv->destination,
                                s->destinations[sv->destination].name, NULL), NULL);
        lay_section(l, "service-where", tr(S_SERVICE_WHERE), buf);
        if (lay_button(l, "service-show-way", UI_BUTTON_PRIMARY, tr(S_SERVICE_SHOW_WAY), NULL,
                       LAY_START))
            app_go(app, SCREEN_DESTINATION, sv->destination);
    } else if (sv->address && *sv->address) {
        lay_section(l, "service-where", tr(S_SERVICE_WHERE), sv->address);
    }
}

/* Who it is for: words and ages. */
static void who_section(const App *app, const Service *sv, Lay *l)
{
    bool fb = false;
    const char *who = screen_text(app, TR_SERVICE, TR_ELIGIBILITY,
                                  shown_service(app), sv->eligibility, &fb);
    char buf[1200], a1[16], a2[16], ages[96] = "";
    snprintf(a1, sizeof a1, "%d", sv->min_age);
    snprintf(a2, sizeof a2, "%d", sv->max_age);
    if (sv->min_age >= 0 && sv->max_age >= 0)
        i18n_format(ages, sizeof ages, S_SERVICE_AGES, a1, a2, NULL);
    else if (sv->min_age >= 0)
        i18n_format(ages, sizeof ages, S_SERVICE_AGES_MIN, a1, NULL, NULL);
    else if (sv->max_age >= 0)
        i18n_format(ages, sizeof ages, S_SERVICE_AGES_MAX, a2, NULL, NULL);
    snprintf(buf, sizeof buf, "%s%s%s", who ? who : "", who && *who && ages[0] ? "\n" : "",
             ages);
    if (buf[0])
        lay_section_lang(l, "service-who", tr(S_SERVICE_WHO), buf, screen_lang_en(fb));
}

/* When the details were last checked (a stale entry has a notice at the top instead). */
static void checked_line(const App *app, const Service *sv, bool stale, Lay *l)
{
    const Theme *t = &l->ui->theme;
    if (sv->assured.year == 0) {
        lay_text(l, "service-checked", FONT_BODY, t->text_muted, tr(S_SERVICE_CHECKED_UNKNOWN));
    } else if (!stale) {
        char ago[64], buf[256];
        civil_ago_words(sv->assured, app->today, ago, sizeof ago);
        i18n_format(buf, sizeof buf, S_SERVICE_CHECKED, ago, NULL, NULL);
        lay_text(l, "service-checked", FONT_BODY, t->text_muted, buf);
    }
}

static bool is_stale(const App *app, const Service *sv)
{
    return sv->assured.year != 0 && civil_to_days(app->today) - civil_to_days(sv->assured) > 365;
}

/* The service's words in the person's language (screen_text), and whether any of them
 * is English in place of a translation. */
typedef struct ServiceWords {
    const char *name, *description, *eligibility, *fees, *attending, *alert;
    bool fb_name, fb_description, fb_fees, fb_attending, fb_alert, any;
} ServiceWords;

static void service_words(const App *app, const Service *sv, ServiceWords *w)
{
    int i = shown_service(app);
    bool fb_who = false;
    memset(w, 0, sizeof *w);
    w->name = screen_text(app, TR_SERVICE, TR_NAME, i, sv->name, &w->fb_name);
    w->description = screen_text(app, TR_SERVICE, TR_DESCRIPTION, i, sv->description,
                                 &w->fb_description);
    w->eligibility = screen_text(app, TR_SERVICE, TR_ELIGIBILITY, i, sv->eligibility, &fb_who);
    w->fees = screen_text(app, TR_SERVICE, TR_FEES, i, sv->fees, &w->fb_fees);
    w->attending = screen_text(app, TR_SERVICE, TR_ATTENDING, i, sv->attending,
                               &w->fb_attending);
    w->alert = screen_text(app, TR_SERVICE, TR_ALERT, i, sv->alert, &w->fb_alert);
    w->any = w->fb_name || w->fb_description || fb_who || w->fb_fees || w->fb_attending ||
             w->fb_alert;
}

/* The name, who runs it, and the notices: closed, not checked, an alert. */
static void title_block(App *app, const Service *sv, Lay *l)
{
    const Site *s = app->site;
    const Theme *t = &l->ui->theme;
    ServiceWords w;
    service_words(app, sv, &w);
    ui_set_text_lang(l->ui, screen_lang_en(w.fb_name));
    lay_text(l, "service-name", FONT_HUGE, t->text, w.name);
    ui_set_text_lang(l->ui, NULL);
    if (sv->organization >= 0) {
        char buf[1200];
        i18n_format(buf, sizeof buf, S_SERVICE_BY, s->organizations[sv->organization].name, NULL,
                    NULL);
        lay_text(l, "service-org", FONT_LARGE, t->text_muted, buf);
    }
    if (w.any)
        screen_fallback_note(l);
    lay_space(l, SPACE_S);
    if (sv->status == SERVICE_TEMPORARILY_CLOSED)
        screen_notice(l, "service-closed", tr(S_SERVICE_CLOSED_NOTICE));
    if (is_stale(app, sv))
        screen_notice(l, "service-checked", tr(S_SERVICE_NOT_CHECKED));
    if (w.alert && *w.alert) {
        ui_set_text_lang(l->ui, screen_lang_en(w.fb_alert));
        screen_notice(l, "service-alert", w.alert);
        ui_set_text_lang(l->ui, NULL);
    }
}

/* What it does, when, where, how to attend, who for, cost, languages, last checked. */
static void details_block(App *app, const Service *sv, Lay *l)
{
    ServiceWords w;
    service_words(app, sv, &w);
    if (w.description && *w.description)
        lay_section_lang(l, "service-what", tr(S_SERVICE_WHAT), w.description,
                         screen_lang_en(w.fb_description));
    if (sv->nschedules)
        when_section(app, sv, l);
    where_section(app, sv, l);
    if (w.attending && *w.attending)
        lay_section_lang(l, "service-attending", tr(S_SERVICE_HOW), w.attending,
                         screen_lang_en(w.fb_attending));
    who_section(app, sv, l);
    if (w.fees && *w.fees)
        lay_section_lang(l, "service-cost", tr(S_SERVICE_COST), w.fees,
                         screen_lang_en(w.fb_fees));
    if (sv->languages && *sv->languages)
        lay_section(l, "service-languages", tr(S_SERVICE_LANGUAGES), sv->languages);
    checked_line(app, sv, is_stale(app, sv), l);
}

/* ---- getting in touch and the QR code ---- */

/* Phones (with what each is for), email and website, one a line. */
static void contact_words(const Service *sv, char *buf, size_t cap)
{
    size_t o = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < sv->nphones && o < cap; i++) {
        const ServicePhone *p = &sv->phones[i];
        o += (size_t)snprintf(buf + o, cap - o, "%s%s%s%s", o ? "\n" : "", p->number,
                              *p->description ? ", " : "", p->description);
    }
    if (o < cap && sv->email && *sv->email)
        o += (size_t)snprintf(buf + o, cap - o, "%s%s", o ? "\n" : "", sv->email);
    if (o < cap && sv->url && *sv->url) {
        const char *u = sv->url;
        if (strncmp(u, "https://", 8) == 0)
            u += 8;
        else if (strncmp(u, "http://", 7) == 0)
            u += 7;
        snprintf(buf + o, cap - o, "%s%s", o ? "\n" : "", u);
    }
}

/* The contact words in a card. */
static void contact_card(const Service *sv, Lay *l)
{
    char buf[1200];
    contact_words(sv, buf, sizeof buf);
    if (!buf[0])
        return;
    LayPanelStyle style = lay_style_card(l->ui);
    Lay card;
    lay_panel(l, &card, &style, SPACE_L, SPACE_S, "service-contact-card");
    lay_section(&card, "service-contact", tr(S_SERVICE_CONTACT), buf);
    lay_panel_end(l, &card);
}

/* The printed slip: the service's contact card (its name and how to get in touch)
 * and the same QR code as the screen. */
static void service_slip(App *app, void *st, Slip *slip)
{
    ServiceState *ss = st;
    const Service *sv = app_service(app, ss->service);
    if (!sv)
        return;
    char buf[1200];
    slip_add(slip, SLIP_TITLE, sv->name);
    contact_words(sv, buf, sizeof buf);
    if (buf[0]) {
        slip_add(slip, SLIP_RULE, NULL);
        slip_add(slip, SLIP_HEADING, tr(S_SERVICE_CONTACT));
        slip_add(slip, SLIP_TEXT, buf);
    }
    if (ss->qr.payload) {
        slip_add(slip, SLIP_QR, ss->qr.payload);
        slip_add(slip, SLIP_TEXT, tr(handoff_modes[ss->mode].caption));
    }
}

/* Tabs for the ways to hand the service over (when there is more than one), then the
 * QR code. */
static void handoff_block(App *app, ServiceState *ss, const Service *sv, Lay *l)
{
    const char *ids[HANDOFF_COUNT], *labels[HANDOFF_COUNT];
    HandoffMode modes[HANDOFF_COUNT];
    int n = 0, selected = 0;
    for (int m = 0; m < HANDOFF_COUNT; m++) {
        if (!has_mode(sv, (HandoffMode)m))
            continue;
        if (ss->mode == (HandoffMode)m)
            selected = n;
        modes[n] = (HandoffMode)m;
        ids[n] = handoff_modes[m].id;
        labels[n++] = tr(handoff_modes[m].label);
    }
    if (n > 1) {
        int tapped = screen_tab_row(l, n, ids, labels, selected);
        if (tapped >= 0 && modes[tapped] != ss->mode) {
            ss->mode = modes[tapped];
            service_qr(app, ss);
        }
    }
    screen_qr_panel(l, "service-qr", &ss->qr, tr(handoff_modes[ss->mode].caption));
    screen_print_button(app, l, ss, service_slip);
}

/* ---- the two shapes ---- */

static void service_landscape(App *app, ServiceState *ss, const Service *sv, Lay *page)
{
    ScreenColumns cols;
    Lay *col = screen_columns_begin(&cols, page, "service-info", SPACE_L);
    title_block(app, sv, col);
    details_block(app, sv, col);
    col = screen_columns_next(&cols, "service-side", SPACE_L);
    contact_card(sv, col);
    handoff_block(app, ss, sv, col);
    screen_columns_end(&cols, page);
}

static void service_portrait(App *app, ServiceState *ss, const Service *sv, Lay *page)
{
    Lay scroll;
    lay_scroll(page, &scroll, "service-info", 0, SPACE_NONE, SPACE_L);
    title_block(app, sv, &scroll);
    contact_card(sv, &scroll);
    handoff_block(app, ss, sv, &scroll);
    details_block(app, sv, &scroll);
    lay_scroll_end(page, &scroll);
}

static void service_update(App *app, void *st, Ui *ui, Rect area)
{
    ServiceState *ss = st;
    const Service *sv = app_service(app, ss->service);
    if (!sv)
        return;
    Lay page;
    lay_column(&page, ui, area, SPACE_XL, SPACE_L, NULL, NULL);
    if (area.w > area.h)
        service_landscape(app, ss, sv, &page);
    else
        service_portrait(app, ss, sv, &page);
    lay_end(&page);
}

static void service_forget(App *app, void *st)
{
    (void)app;
    ServiceState *ss = st;
    qr_release(&ss->qr);
    memset(ss, 0, sizeof *ss);
}

const Screen screen_service = {
    .name = "service",
    .has_header = true,
    .title = S_SUPPORT_TITLE,
    .state_size = sizeof(ServiceState),
    .enter = service_enter,
    .update = service_update,
    .forget = service_forget,
};
