/* screen_staff.c: the staff PIN pad ("staff-pin") and the staff screen ("staff"): the
 * kiosk's state in plain words for PALS staff and the IT team, and the way out. The
 * PIN typed so far lives only in the pad's state and is wiped as soon as it is tried,
 * cancelled or the person leaves; it is never drawn (dots only) or logged. */
#include "screens.h"
#include "staff_mode.h"

#include "err.h"
#include "log.h"
#include "mem.h"
#include "signing.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>

/* ==== the PIN pad ==== */

typedef struct PinPad {
    char pin[STAFF_PIN_MAX + 1];
    int len;
    StrId message;  /* what the last try said; 0 none */
    int64_t locked_for; /* ms left when the pad refused a try */
} PinPad;

static void pin_wipe(PinPad *p)
{
    mem_wipe(p, sizeof *p);
}

static void pin_enter(App *app, void *st, int arg)
{
    (void)app;
    (void)arg;
    pin_wipe(st);
}

static void pin_forget(App *app, void *st)
{
    (void)app;
    pin_wipe(st);
}

/* Tries the PIN typed so far; wipes it whatever the answer. */
static void pin_try(App *app, PinPad *p)
{
    int64_t now = (int64_t)app->now_ms;
    StaffVerdict v = staff_gate_try(&app->staff.gate, app->cfg->staff_pin_hash, p->pin, now);
    mem_wipe(p->pin, sizeof p->pin);
    p->len = 0;
    switch (v) {
    case STAFF_PIN_OK:
        p->message = 0;
        staff_enter(app);
        return;
    case STAFF_PIN_WRONG:
        staff_log(app, STAFF_EV_WRONG_PIN, NULL);
        log_warn("staff PIN pad: wrong PIN (%d in a row)", app->staff.gate.failures);
        if (staff_gate_wait_ms(&app->staff.gate, now) > 0) {
            staff_log(app, STAFF_EV_LOCKED, NULL);
            p->message = S_STAFF_PIN_LOCKED;
            p->locked_for = staff_gate_wait_ms(&app->staff.gate, now);
        } else {
            p->message = S_STAFF_PIN_WRONG;
        }
        return;
    case STAFF_PIN_LOCKED:
        p->message = S_STAFF_PIN_LOCKED;
        p->locked_for = staff_gate_wait_ms(&app->staff.gate, now);
        return;
    case STAFF_PIN_DISABLED:
        p->message = S_STAFF_PIN_DISABLED;
        return;
    }
}

static void pin_update(App *app, void *st, Ui *ui, Rect area)
{
    PinPad *p = st;
    const Theme *t = &ui->theme;
    ui_fill(ui, area, t->surface, 0);
    /* A pad of three keys a row, 2.5 targets each, centred. */
    int key_w = t->min_target * 5 / 2, gap = t->space[SPACE_M];
    int pad_w = 3 * key_w + 2 * gap;
    if (pad_w > area.w - 2 * t->space[SPACE_L])
        pad_w = area.w - 2 * t->space[SPACE_L];
    Lay page;
    lay_column(&page, ui, area, SPACE_XL, SPACE_L, NULL, NULL);
    lay_text_align(&page, "staff-pin-title", FONT_TITLE, t->text, UI_ALIGN_CENTER,
                   tr(S_STAFF_PIN_TITLE));
    lay_text_align(&page, "staff-pin-prompt", FONT_LARGE, t->text, UI_ALIGN_CENTER,
                   tr(S_STAFF_PIN_PROMPT));
    char dots[3 * (STAFF_PIN_MAX + 1) + 1] = "";
    for (int i = 0; i < p->len; i++)
        strcat(dots, "\xE2\x97\x8F"); /* U+25CF BLACK CIRCLE, never the digit */
    lay_text_align(&page, "staff-pin-dots", FONT_HUGE, t->text, UI_ALIGN_CENTER,
                   p->len ? dots : " ");
    if (p->message) {
        char msg[256], secs[24];
        snprintf(secs, sizeof secs, "%lld", (long long)((p->locked_for + 999) / 1000));
        i18n_format(msg, sizeof msg, p->message, secs, NULL, NULL);
        lay_text_align(&page, "staff-pin-message", FONT_BODY_BOLD, t->text, UI_ALIGN_CENTER,
                       msg);
    }
    static const char *const labels[12] = {"1", "2", "3", "4", "5", "6",
                                           "7", "8", "9", NULL, "0", NULL};
    static const char *const ids[12] = {"pin-1", "pin-2", "pin-3", "pin-4", "pin-5", "pin-6",
                                        "pin-7", "pin-8", "pin-9", "pin-clear", "pin-0",
                                        "pin-ok"};
    Lay pad;
    lay_column(&pad, ui, lay_next_w(&page, pad_w, lay_remaining(&page), LAY_CENTER),
               SPACE_NONE, SPACE_M, "staff-pin-pad", NULL);
    for (int r = 0; r < 4; r++) {
        Lay row, cell;
        LayLen lens[3] = {LAY_FR(1), LAY_FR(1), LAY_FR(1)};
        lay_row(&pad, &row, 3, lens, SPACE_M);
        for (int c = 0; c < 3; c++) {
            int k = r * 3 + c;
            const char *label = labels[k] ? labels[k]
                                : k == 9  ? tr(S_STAFF_PIN_CLEAR)
                                          : tr(S_STAFF_PIN_OK);
            lay_cell(&row, &cell, c, SPACE_NONE);
            UiButtonStyle style = k == 11 ? UI_BUTTON_PRIMARY : UI_BUTTON_SECONDARY;
            if (lay_button(&cell, ids[k], style, label, NULL, LAY_STRETCH)) {
                if (labels[k] && p->len < STAFF_PIN_MAX) {
                    p->pin[p->len++] = labels[k][0];
                    p->message = 0;
                } else if (k == 9) {
                    mem_wipe(p->pin, sizeof p->pin);
                    p->len = 0;
                } else if (k == 11) {
                    pin_try(app, p);
                }
            }
            lay_cell_end(&row, &cell);
        }
        lay_row_end(&pad, &row);
    }
    if (lay_button(&pad, "pin-cancel", UI_BUTTON_SECONDARY, tr(S_STAFF_PIN_CANCEL), NULL,
                   LAY_STRETCH)) {
        pin_wipe(p);
        app_close_staff(app);
    }
    lay_end(&pad);
    lay_end(&page);
}

const Screen screen_staff_pin = {
    .name = "staff-pin",
    .has_header = false,
    .title = S_STAFF_PIN_TITLE,
    .state_size = sizeof(PinPad),
    .enter = pin_enter,
    .update = pin_update,
    .leave = pin_forget,
    .forget = pin_forget,
};

/* ==== the staff screen ==== */

/* The staff screen's state: the result of the last action, until staff leave. */
typedef struct StaffScreen {
    StaffResult result;
} StaffScreen;

static void staff_screen_enter(App *app, void *st, int arg)
{
    (void)arg;
    memset(st, 0, sizeof(StaffScreen));
    /* Ask the printer how it is (nothing is printed); the run loop redraws while the
     * answer is awaited, as for a slip (app_printing). */
    if (app->printer) {
        int id = printer_check(app->printer);
        app->print.job = id > 0 ? id : 0;
    }
}

/* The printer's line: not configured, checking, ready, or what is wrong. */
static StrId printer_words(App *app)
{
    if (!app->printer)
        return S_STAFF_PRINTER_NONE;
    PrinterProblem pr = PRINTER_OK;
    PrinterJobState js = app->print.job > 0
                             ? printer_job_state(app->printer, app->print.job, &pr)
                             : PRINTER_JOB_WAITING; /* a slip was printing: not asked yet */
    if (js == PRINTER_JOB_WAITING || js == PRINTER_JOB_NONE)
        return S_STAFF_PRINTER_CHECKING;
    if (js == PRINTER_JOB_DONE)
        return S_STAFF_PRINTER_READY;
    switch (pr) {
    case PRINTER_PAPER_OUT:
        return S_STAFF_PRINTER_PAPER;
    case PRINTER_COVER_OPEN:
        return S_STAFF_PRINTER_COVER;
    default:
        return S_STAFF_PRINTER_OFFLINE;
    }
}

/* Unix seconds as "09:14 UTC" when today, else "2026-12-04 09:14 UTC". */
static void time_words(char *out, size_t cap, long long when)
{
    time_t t = (time_t)when, now = time(NULL);
    struct tm tm, today;
    if (!gmtime_r(&t, &tm) || !gmtime_r(&now, &today)) {
        snprintf(out, cap, "?");
        return;
    }
    bool same = tm.tm_year == today.tm_year && tm.tm_yday == today.tm_yday;
    strftime(out, cap, same ? "%H:%M UTC" : "%Y-%m-%d %H:%M UTC", &tm);
}

/* The sync's line, from the status file it leaves beside the outbox. */
static void sync_words(App *app, char *value, size_t cap)
{
    char path[CONFIG_PATH_MAX + 16];
    OutboxSyncStatus s;
    if (!app->cfg->fleet_url[0]) {
        snprintf(value, cap, "%s", tr(S_STAFF_SYNC_OFF));
        return;
    }
    int rc = outbox_sync_status_path(app->cfg->outbox, path, sizeof path) == 0
                 ? outbox_sync_status_read(path, &s)
                 : -1;
    if (rc == 1) {
        snprintf(value, cap, "%s", tr(S_STAFF_SYNC_NEVER));
        return;
    }
    char last[64], waiting[16];
    if (rc != 0) { /* the file itself is the problem: say so in its own words */
        i18n_format(value, cap, S_STAFF_SYNC_ERROR, err_msg(), "?", "?");
        return;
    }
    if (s.last_ok > 0)
        time_words(last, sizeof last, s.last_ok);
    else
        snprintf(last, sizeof last, "%s", tr(S_STAFF_NEVER));
    if (s.waiting >= 0)
        snprintf(waiting, sizeof waiting, "%d", s.waiting);
    else
        snprintf(waiting, sizeof waiting, "?");
    if (s.ok)
        i18n_format(value, cap, S_STAFF_SYNC_OK, last, waiting, NULL);
    else
        i18n_format(value, cap, S_STAFF_SYNC_ERROR, s.message, last, waiting);
}

/* "2026-12-05T09:14:03Z" as "2026-12-05 09:14 UTC". */
static void when_words(char *out, size_t cap, const char *iso)
{
    if (strlen(iso) >= 16)
        snprintf(out, cap, "%.10s %.5s UTC", iso, iso + 11);
    else
        snprintf(out, cap, "%s", iso);
}

/* One line of the status: a label and its value in words. */
static void status_line(Lay *l, const char *id, StrId label, const char *value)
{
    const Theme *t = &l->ui->theme;
    Lay row, cell;
    LayLen lens[2] = {LAY_FR(2), LAY_FR(3)};
    lay_row(l, &row, 2, lens, SPACE_L);
    lay_cell(&row, &cell, 0, SPACE_NONE);
    lay_text(&cell, NULL, FONT_BODY_BOLD, t->text, tr(label));
    lay_cell_end(&row, &cell);
    lay_cell(&row, &cell, 1, SPACE_NONE);
    lay_text(&cell, id, FONT_BODY, t->text, value);
    lay_cell_end(&row, &cell);
    lay_row_end(l, &row);
}

static void staff_screen_update(App *app, void *st, Ui *ui, Rect area)
{
    const Theme *t = &ui->theme;
    ui_fill(ui, area, t->surface, 0);
    Lay outer, page, card;
    lay_column(&outer, ui, area, SPACE_NONE, SPACE_NONE, NULL, NULL);
    /* Scrolls when larger text or a long message needs more than the screen. */
    lay_scroll(&outer, &page, "staff-page", 0, SPACE_XL, SPACE_L);
    /* The title, and the way out where it is always in view. */
    Lay top, top_cell;
    const char *leave = tr(S_STAFF_LEAVE);
    LayLen top_lens[2] = {LAY_FR(1), LAY_FIT(ui_button_width(ui, UI_BUTTON_PRIMARY, leave))};
    lay_row(&page, &top, 2, top_lens, SPACE_L);
    lay_cell(&top, &top_cell, 0, SPACE_NONE);
    lay_text(&top_cell, "staff-title", FONT_TITLE, t->text, tr(S_STAFF_TITLE));
    lay_text(&top_cell, "staff-auto-leave", FONT_BODY, t->text_muted, tr(S_STAFF_AUTO_LEAVE));
    lay_cell_end(&top, &top_cell);
    lay_cell(&top, &top_cell, 1, SPACE_NONE);
    bool leaving = lay_button(&top_cell, "staff-leave", UI_BUTTON_PRIMARY, leave, NULL,
                              LAY_STRETCH);
    lay_cell_end(&top, &top_cell);
    lay_row_end(&page, &top);
    /* The actions first, with their result under them where it is always in view;
     * collecting concerns with proof: to the drive, then PALS' receipt back. */
    StaffScreen *ss = st;
    static const struct {
        const char *id;
        StrId label;
        void (*act)(App *, StaffResult *);
    } actions[] = {
        {"staff-content", S_STAFF_UPDATE_CONTENT, staff_update_content},
        {"staff-collect", S_STAFF_COLLECT, staff_collect},
        {"staff-confirm", S_STAFF_CONFIRM, staff_confirm},
    };
    Lay row, cell;
    LayLen lens[3] = {LAY_FR(1), LAY_FR(1), LAY_FR(1)};
    lay_row(&page, &row, 3, lens, SPACE_L);
    for (int i = 0; i < 3; i++) {
        lay_cell(&row, &cell, i, SPACE_NONE);
        if (lay_button(&cell, actions[i].id, UI_BUTTON_SECONDARY, tr(actions[i].label), NULL,
                       LAY_STRETCH))
            actions[i].act(app, &ss->result);
        lay_cell_end(&row, &cell);
    }
    lay_row_end(&page, &row);
    if (ss->result.shown) {
        /* Done: a blue bar; refused or failed: the notice colours. */
        LayPanelStyle note = {ss->result.ok ? t->surface_alt : t->notice_bg, t->border, 0,
                              ss->result.ok ? t->primary : t->notice_text, t->unit, 0};
        Lay box;
        lay_panel(&page, &box, &note, SPACE_M, SPACE_S, "staff-result");
        lay_text(&box, "staff-message", FONT_BODY, t->text, ss->result.message);
        lay_panel_end(&page, &box);
    }

    LayPanelStyle style = lay_style_card(ui);
    lay_panel(&page, &card, &style, SPACE_L, SPACE_M, "staff-status");

    char value[1024], a[64], b[64];
    if (app->fault[0])
        i18n_format(value, sizeof value, S_STAFF_STATE_FAULT, app->fault, NULL, NULL);
    else if (app->content_note[0])
        i18n_format(value, sizeof value, S_STAFF_STATE_FALLBACK, app->content_note, NULL, NULL);
    else
        snprintf(value, sizeof value, "%s", tr(S_STAFF_STATE_OK));
    status_line(&card, "staff-state", S_STAFF_STATE, value);
    /* Health next: the printer and the link to the central database. */
    status_line(&card, "staff-printer", S_STAFF_PRINTER, tr(printer_words(app)));
    sync_words(app, value, sizeof value);
    status_line(&card, "staff-sync", S_STAFF_SYNC, value);

    const char *built = app->site && app->site->content_version ? app->site->content_version : "";
    if (built[0])
        i18n_format(value, sizeof value, S_STAFF_CONTENT_VALUE, built, NULL, NULL);
    else
        snprintf(value, sizeof value, "%s", tr(S_STAFF_CONTENT_NONE));
    status_line(&card, "staff-content-version", S_STAFF_CONTENT, value);
    /* Who can have signed it (the key the kiosk checks with), and when it went live. */
    unsigned char pk[SIGNING_PUBLIC_BYTES];
    if (app->cfg->content_public_key[0] &&
        signing_public_key_read(app->cfg->content_public_key, pk) == 0) {
        snprintf(a, sizeof a, "%02x%02x%02x%02x", pk[0], pk[1], pk[2], pk[3]);
        i18n_format(value, sizeof value, S_STAFF_SIGNED, a, NULL, NULL);
    } else {
        snprintf(value, sizeof value, "%s", tr(S_STAFF_UNSIGNED));
    }
    status_line(&card, "staff-signature", S_STAFF_SIGNATURE, value);
    struct stat live;
    struct tm tm;
    if (stat(app->cfg->content_store, &live) == 0 && gmtime_r(&live.st_mtime, &tm)) {
        strftime(value, sizeof value, "%Y-%m-%d %H:%M UTC", &tm);
        status_line(&card, "staff-published", S_STAFF_PUBLISHED, value);
    }

    OutboxCounts counts;
    bool counted = app->outbox && outbox_counts(app->outbox, &counts) == 0;
    if (counted) {
        snprintf(a, sizeof a, "%d", counts.pending);
        when_words(b, sizeof b, counts.oldest);
        i18n_format(value, sizeof value,
                    counts.pending ? S_STAFF_OLDEST_VALUE : S_STAFF_CONCERNS_VALUE, a, b, NULL);
    } else {
        snprintf(value, sizeof value, "%s", tr(S_STAFF_CONCERNS_UNKNOWN));
    }
    status_line(&card, "staff-concerns", S_STAFF_CONCERNS, value);
    if (counted) {
        snprintf(value, sizeof value, "%d", counts.collected);
        status_line(&card, "staff-collected", S_STAFF_COLLECTED, value);
        if (counts.last_collected[0])
            when_words(value, sizeof value, counts.last_collected);
        else
            snprintf(value, sizeof value, "%s", tr(S_STAFF_NEVER));
        status_line(&card, "staff-last-collection", S_STAFF_LAST_COLLECTION, value);
    }

    /* The Friends and Family Test and today's use, in one line each. */
    char day[16];
    snprintf(day, sizeof day, "%04d-%02d-%02d", app->today.year % 10000, app->today.month % 100,
             app->today.day % 100);
    OutboxFeedbackCounts fb;
    if (app->outbox && outbox_feedback_counts(app->outbox, day, &fb) == 0) {
        snprintf(a, sizeof a, "%d", fb.today);
        snprintf(b, sizeof b, "%d", fb.comments);
        i18n_format(value, sizeof value, S_STAFF_FEEDBACK_VALUE, a, b, NULL);
        status_line(&card, "staff-feedback", S_STAFF_FEEDBACK, value);
    }
    long people = 0, empty = 0;
    if (usage_day_totals(app->usage, app->outbox, day, &people, &empty) == 0) {
        snprintf(a, sizeof a, "%ld", people);
        snprintf(b, sizeof b, "%ld", empty);
        i18n_format(value, sizeof value, S_STAFF_USAGE_VALUE, a, b, NULL);
        status_line(&card, "staff-usage", S_STAFF_USAGE, value);
    }

    struct statvfs vfs;
    char dir[CONFIG_PATH_MAX];
    snprintf(dir, sizeof dir, "%s", app->cfg->outbox);
    char *slash = strrchr(dir, '/');
    if (slash)
        *(slash == dir ? slash + 1 : slash) = '\0';
    if (statvfs(slash ? dir : ".", &vfs) == 0) {
        snprintf(a, sizeof a, "%llu",
                 (unsigned long long)vfs.f_bavail * vfs.f_frsize / (1024ull * 1024ull));
        i18n_format(value, sizeof value, S_STAFF_DISK_VALUE, a, NULL, NULL);
    } else {
        snprintf(value, sizeof value, "%s", tr(S_STAFF_DISK_UNKNOWN));
    }
    status_line(&card, "staff-disk", S_STAFF_DISK, value);


    uint64_t up = (app->now_ms - app->staff.started_ms) / 60000u;
    snprintf(a, sizeof a, "%llu", (unsigned long long)(up / 60));
    snprintf(b, sizeof b, "%llu", (unsigned long long)(up % 60));
    i18n_format(value, sizeof value, S_STAFF_UPTIME_VALUE, a, b, NULL);
    status_line(&card, "staff-uptime", S_STAFF_UPTIME, value);
    lay_panel_end(&page, &card);

    /* The last warnings and errors, newest first, in the log's plain words. */
    LogRecent recent[5];
    int nrecent = log_recent(recent, 5);
    lay_text(&page, "staff-problems-title", FONT_BODY_BOLD, t->text, tr(S_STAFF_PROBLEMS));
    if (nrecent == 0)
        lay_text(&page, "staff-problems", FONT_BODY, t->text, tr(S_STAFF_NO_PROBLEMS));
    for (int i = 0; i < nrecent; i++) {
        time_t when = (time_t)recent[i].time;
        struct tm at;
        char line[400], stamp[32] = "";
        if (gmtime_r(&when, &at))
            strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M UTC", &at);
        snprintf(line, sizeof line, "%s  %s", stamp, recent[i].line);
        char id[32];
        snprintf(id, sizeof id, "staff-problem-%d", i);
        lay_text(&page, id, FONT_SMALL, t->text, line);
    }

    lay_scroll_end(&outer, &page);
    lay_end(&outer);
    if (leaving) /* after the frame's layout: leaving wipes this screen's state */
        staff_leave(app, false);
}

const Screen screen_staff = {
    .name = "staff",
    .has_header = false,
    .title = S_STAFF_TITLE,
    .state_size = sizeof(StaffScreen),
    .enter = staff_screen_enter,
    .update = staff_screen_update,
};
