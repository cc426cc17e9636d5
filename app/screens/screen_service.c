/* screen_service.c: one support service: what it does, who it is for, when it meets
 * (in words, with the next date), where (an address, or a place on this site with a
 * button that opens its directions), how to reach it, cost, languages, when the entry
 * was last checked, any closure or alert; and a QR code that hands it to a phone as a
 * contact card, the phone number alone, or the website. */
#include "screens.h"
#include "screen_legacy.h"

#include "handoff.h"
#include "log.h"

#include <stdio.h>
#include <string.h>

/* How a service is handed to a phone. */
typedef enum HandoffMode { HANDOFF_CARD, HANDOFF_PHONE, HANDOFF_WEB } HandoffMode;

typedef struct ServiceState {
    int category;             /* the list shown by SCREEN_SERVICE_LIST */
    int service;              /* SCREEN_SERVICE */
    HandoffMode mode;
    QrMatrix qr;
} ServiceState;

static ServiceState *SVS(const App *app)
{
    return screen_state((App *)app, SCREEN_SERVICE);
}

enum { SERVICE_QR_TEXT = 900 };

static bool has_mode(const Service *sv, HandoffMode m)
{
    switch (m) {
    case HANDOFF_CARD: return true;
    case HANDOFF_PHONE: return sv->nphones > 0;
    case HANDOFF_WEB: return sv->url && *sv->url;
    }
    return false;
}

static void service_qr(App *app)
{
    ServiceState *ss = SVS(app);
    const Service *sv = &app->site->services[ss->service];
    char text[SERVICE_QR_TEXT];
    int rc = -1;
    switch (ss->mode) {
    case HANDOFF_CARD: rc = handoff_vcard(app->site, ss->service, text, sizeof text); break;
    case HANDOFF_PHONE: rc = handoff_tel_uri(sv->phones[0].number, text, sizeof text); break;
    case HANDOFF_WEB:
        rc = snprintf(text, sizeof text, "%s", sv->url) < (int)sizeof text ? 0 : -1;
        break;
    }
    if (rc != 0 || qr_encode(text, &ss->qr) != 0) {
        log_warn("QR for service %s could not be made", sv->id);
        qr_release(&ss->qr);
    }
}

static void service_enter(App *app, void *st_, int arg)
{
    (void)st_;
    SVS(app)->service = arg;
    SVS(app)->mode = HANDOFF_CARD;
    service_qr(app);
    ui_scroll_to(app->ui, "service-info", 0);
}

static void service_leave(App *app, void *st_)
{
    (void)st_;
    (void)app;
}

/* A notice box (closed, alert, stale details); returns the height used. */
static int notice(Ui *ui, const char *id, Rect r, const char *text)
{
    const Theme *t = &ui->theme;
    int u = t->unit;
    int h = ui_text_height(ui, FONT_LARGE_BOLD, r.w - u * 6, text);
    ui_fill(ui, rect_make(r.x, r.y, r.w, h + u * 4), t->notice_bg, t->radius);
    ui_fill(ui, rect_make(r.x, r.y, u, h + u * 4), t->end_marker, 0);
    ui_text(ui, id, rect_make(r.x + u * 3, r.y + u * 2, r.w - u * 6, h), FONT_LARGE_BOLD,
            t->notice_text, UI_ALIGN_LEFT, text);
    return h + u * 7;
}

static int when_section(App *app, Ui *ui, const Service *sv, Rect r)
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
    return legacy_section(ui, "service-when", r, tr(S_SERVICE_WHEN), buf);
}

static int contact_section(Ui *ui, const Service *sv, Rect r)
{
    char buf[1200];
    size_t o = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < sv->nphones && o < sizeof buf; i++) {
        const ServicePhone *p = &sv->phones[i];
        o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%s%s%s", o ? "\n" : "", p->number,
                              *p->description ? ", " : "", p->description);
    }
    if (o < sizeof buf && sv->email && *sv->email)
        o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%s", o ? "\n" : "", sv->email);
    if (o < sizeof buf && sv->url && *sv->url) {
        const char *u = sv->url;
        if (strncmp(u, "https://", 8) == 0)
            u += 8;
        else if (strncmp(u, "http://", 7) == 0)
            u += 7;
        snprintf(buf + o, sizeof buf - o, "%s%s", o ? "\n" : "", u);
    }
    if (!buf[0])
        return 0;
    return legacy_section(ui, "service-contact", r, tr(S_SERVICE_CONTACT), buf);
}

static void info_column(App *app, Ui *ui, Rect view)
{
    const Site *s = app->site;
    const Service *sv = &s->services[SVS(app)->service];
    const Theme *t = &ui->theme;
    int u = t->unit;
    char buf[1200];
    int y0 = ui_scroll_begin(ui, "service-info", view);
    Rect r = rect_make(view.x + u * 2, y0 + u * 2, view.w - u * 6, view.h);
    int y = r.y;
#define AT rect_make(r.x, y, r.w, r.h)
    y += ui_text(ui, "service-name", AT, FONT_HUGE, t->text, UI_ALIGN_LEFT, sv->name);
    if (sv->organization >= 0) {
        i18n_format(buf, sizeof buf, S_SERVICE_BY, s->organizations[sv->organization].name, NULL,
                    NULL);
        y += ui_text(ui, "service-org", AT, FONT_LARGE, t->text_muted, UI_ALIGN_LEFT, buf);
    }
    y += u * 3;
    bool stale = sv->assured.year != 0 &&
                 civil_to_days(app->today) - civil_to_days(sv->assured) > 365;
    if (sv->status == SERVICE_TEMPORARILY_CLOSED)
        y += notice(ui, "service-closed", AT, tr(S_SERVICE_CLOSED_NOTICE));
    if (stale)
        y += notice(ui, "service-checked", AT, tr(S_SERVICE_NOT_CHECKED));
    if (sv->alert && *sv->alert)
        y += notice(ui, "service-alert", AT, sv->alert);
    if (sv->description && *sv->description)
        y += legacy_section(ui, "service-what", AT, tr(S_SERVICE_WHAT), sv->description);
    if (sv->nschedules)
        y += when_section(app, ui, sv, AT);
    /* Where: here on site (with directions), or an address outside. */
    if (sv->destination >= 0) {
        const Destination *d = &s->destinations[sv->destination];
        i18n_format(buf, sizeof buf, S_SERVICE_ON_SITE, s->name, d->name, NULL);
        y += legacy_section(ui, "service-where", AT, tr(S_SERVICE_WHERE), buf) - u * 2;
        int bw = ui_text_width(ui, FONT_LARGE_BOLD, tr(S_SERVICE_SHOW_WAY)) + u * 8;
        Rect b = rect_make(r.x, y, bw < r.w ? bw : r.w, t->min_target);
        if (ui_button(ui, "service-show-way", b, UI_BUTTON_PRIMARY, tr(S_SERVICE_SHOW_WAY), NULL))
            app_go(app, SCREEN_DESTINATION, sv->destination);
        y += b.h + u * 4;
    } else if (sv->address && *sv->address) {
        y += legacy_section(ui, "service-where", AT, tr(S_SERVICE_WHERE), sv->address);
    }
    if (sv->attending && *sv->attending)
        y += legacy_section(ui, "service-attending", AT, tr(S_SERVICE_HOW), sv->attending);
    y += contact_section(ui, sv, AT);
    /* Who it is for: words and ages. */
    buf[0] = '\0';
    char a1[16], a2[16], ages[96] = "";
    snprintf(a1, sizeof a1, "%d", sv->min_age);
    snprintf(a2, sizeof a2, "%d", sv->max_age);
    if (sv->min_age >= 0 && sv->max_age >= 0)
        i18n_format(ages, sizeof ages, S_SERVICE_AGES, a1, a2, NULL);
    else if (sv->min_age >= 0)
        i18n_format(ages, sizeof ages, S_SERVICE_AGES_MIN, a1, NULL, NULL);
    else if (sv->max_age >= 0)
        i18n_format(ages, sizeof ages, S_SERVICE_AGES_MAX, a2, NULL, NULL);
    snprintf(buf, sizeof buf, "%s%s%s", sv->eligibility ? sv->eligibility : "",
             sv->eligibility && *sv->eligibility && ages[0] ? "\n" : "", ages);
    if (buf[0])
        y += legacy_section(ui, "service-who", AT, tr(S_SERVICE_WHO), buf);
    if (sv->fees && *sv->fees)
        y += legacy_section(ui, "service-cost", AT, tr(S_SERVICE_COST), sv->fees);
    if (sv->languages && *sv->languages)
        y += legacy_section(ui, "service-languages", AT, tr(S_SERVICE_LANGUAGES), sv->languages);
    /* When the details were last checked (stale entries are flagged at the top). */
    if (sv->assured.year == 0) {
        y += ui_text(ui, "service-checked", AT, FONT_BODY, t->text_muted, UI_ALIGN_LEFT,
                     tr(S_SERVICE_CHECKED_UNKNOWN)) + u * 2;
    } else if (!stale) {
        char ago[64];
        civil_ago_words(sv->assured, app->today, ago, sizeof ago);
        i18n_format(buf, sizeof buf, S_SERVICE_CHECKED, ago, NULL, NULL);
        y += ui_text(ui, "service-checked", AT, FONT_BODY, t->text_muted, UI_ALIGN_LEFT, buf) +
             u * 2;
    }
#undef AT
    ui_scroll_end(ui, y - y0 + u * 4);
}

static void handoff_panel(App *app, Ui *ui, Rect r)
{
    ServiceState *ss = SVS(app);
    const Service *sv = &app->site->services[ss->service];
    const Theme *t = &ui->theme;
    int u = t->unit;
    static const struct { HandoffMode mode; const char *id; StrId label, caption; } modes[] = {
        {HANDOFF_CARD, "qr-mode-card", S_SERVICE_QR_CARD, S_SERVICE_QR_CAPTION_CARD},
        {HANDOFF_PHONE, "qr-mode-phone", S_SERVICE_QR_PHONE, S_SERVICE_QR_CAPTION_PHONE},
        {HANDOFF_WEB, "qr-mode-web", S_SERVICE_QR_WEB, S_SERVICE_QR_CAPTION_WEB},
    };
    int n = 0;
    for (int i = 0; i < 3; i++)
        n += has_mode(sv, modes[i].mode);
    int tab_h = t->min_target;
    int tw = (r.w - (n - 1) * u) / (n ? n : 1);
    int k = 0;
    StrId caption = S_SERVICE_QR_CAPTION_CARD;
    for (int i = 0; i < 3; i++) {
        if (!has_mode(sv, modes[i].mode))
            continue;
        if (n > 1 && ui_tab(ui, modes[i].id, rect_make(r.x + k * (tw + u), r.y, tw, tab_h),
                            tr(modes[i].label), ss->mode == modes[i].mode) &&
            ss->mode != modes[i].mode) {
            ss->mode = modes[i].mode;
            service_qr(app);
        }
        if (ss->mode == modes[i].mode)
            caption = modes[i].caption;
        k++;
    }
    int top = n > 1 ? tab_h + u * 2 : 0;
    legacy_qr_panel(ui, rect_make(r.x, r.y + top, r.w, r.h - top), "service-qr", &ss->qr,
                    tr(caption));
}

static void service_update(App *app, void *st_, Ui *ui, Rect area)
{
    (void)st_;
    const Theme *t = &ui->theme;
    int u = t->unit;
    area = rect_make(area.x + u * 2, area.y + u * 2, area.w - u * 4, area.h - u * 4);
    int qh = legacy_qr_panel_height(ui, &SVS(app)->qr) + t->min_target + u * 2;
    if (area.w > area.h) {
        int left_w = area.w * 11 / 20;
        info_column(app, ui, rect_make(area.x, area.y, left_w, area.h));
        Rect right = rect_make(area.x + left_w + u * 3, area.y, area.w - left_w - u * 3, area.h);
        if (qh > right.h)
            qh = right.h;
        handoff_panel(app, ui, rect_make(right.x, right.y, right.w, qh));
    } else {
        info_column(app, ui, rect_make(area.x, area.y, area.w, area.h - qh - u * 2));
        handoff_panel(app, ui, rect_make(area.x, area.y + area.h - qh, area.w, qh));
    }
}

static void service_forget(App *app, void *st)
{
    (void)app;
    ServiceState *ss = st;
    qr_release(&ss->qr);
}

const Screen screen_service = {
    .state_size = sizeof(ServiceState),
    .forget = service_forget,
    .name = "service",
    .has_header = true,
    .title = S_SUPPORT_TITLE,
    .enter = service_enter,
    .leave = service_leave,
    .update = service_update,
};
