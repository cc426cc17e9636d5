/* staff_drive.c: the staff screen's actions that use the removable drive ([staff]
 * export_dir, a mounted drive unless export_must_be_drive = false): "Collect concerns"
 * and "Confirm collection" (the outbox's outbox_collect and outbox_confirm), and
 * "Update content" (a signed pack from signpostctl content pack, checked and published
 * with content_publish). Each says what happened in plain words and goes to the audit
 * log by count or outcome only. */
#include "screens.h"
#include "staff_mode.h"

#include "err.h"
#include "log.h"
#include "publish.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* True when dir is there, a folder, and (when must_be_drive) a mounted drive: on
 * another device than its parent folder. */
static bool drive_there(const char *dir, bool must_be_drive)
{
    struct stat sb, parent;
    if (!dir[0] || stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
        return false;
    if (!must_be_drive)
        return true;
    char up[CONFIG_PATH_MAX + 4];
    snprintf(up, sizeof up, "%s/..", dir);
    return stat(up, &parent) == 0 && (parent.st_dev != sb.st_dev || parent.st_ino == sb.st_ino);
}

static void say(StaffResult *res, bool ok, const char *text)
{
    res->shown = true;
    res->ok = ok;
    snprintf(res->message, sizeof res->message, "%s", text);
}

static const char *kiosk_id(const App *app)
{
    return app->site && app->kiosk >= 0 ? app->site->kiosks[app->kiosk].id : app->cfg->kiosk_id;
}

void staff_collect(App *app, StaffResult *res)
{
    const char *dir = app->cfg->staff_export_dir;
    char text[1024], a[32];
    if (!drive_there(dir, app->cfg->staff_export_must_be_drive)) {
        i18n_format(text, sizeof text, S_STAFF_NO_DRIVE, dir, NULL, NULL);
        say(res, false, text);
        staff_log(app, STAFF_EV_ACTION, "collect-no-drive");
        return;
    }
    OutboxCollection col;
    const char *name = app->site && app->kiosk >= 0 ? app->site->kiosks[app->kiosk].name : NULL;
    if (!app->outbox || outbox_collect(app->outbox, dir, kiosk_id(app), name, &col) != 0) {
        i18n_format(text, sizeof text, S_STAFF_COLLECT_FAILED,
                    app->outbox ? err_msg() : "no outbox", NULL, NULL);
        say(res, false, text);
        log_error("staff: collecting concerns failed: %s", app->outbox ? err_msg() : "no outbox");
        staff_log(app, STAFF_EV_ACTION, "collect-failed");
        return;
    }
    if (col.count == 0) {
        say(res, true, tr(S_STAFF_COLLECT_NONE));
        staff_log(app, STAFF_EV_ACTION, "collect-0");
        return;
    }
    snprintf(a, sizeof a, "%d", col.count);
    const char *file = strrchr(col.file, '/');
    i18n_format_text(text, sizeof text, tr_n(S_STAFF_COLLECT_DONE, (unsigned long)col.count), a,
                     file ? file + 1 : col.file, NULL);
    say(res, true, text);
    char detail[48];
    snprintf(detail, sizeof detail, "collect-%d", col.count);
    staff_log(app, STAFF_EV_ACTION, detail);
}

/* True for a name ending in ".receipt". */
static bool is_receipt(const char *name)
{
    size_t n = strlen(name);
    return n > 8 && strcmp(name + n - 8, ".receipt") == 0 && name[0] != '.';
}

void staff_confirm(App *app, StaffResult *res)
{
    const char *dir = app->cfg->staff_export_dir;
    char text[1024], a[32];
    if (!drive_there(dir, app->cfg->staff_export_must_be_drive)) {
        i18n_format(text, sizeof text, S_STAFF_NO_DRIVE, dir, NULL, NULL);
        say(res, false, text);
        staff_log(app, STAFF_EV_ACTION, "confirm-no-drive");
        return;
    }
    DIR *d = opendir(dir);
    int receipts = 0, purged = 0;
    char problem[768] = "";
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        if (!is_receipt(e->d_name))
            continue;
        char path[CONFIG_PATH_MAX + 300];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        receipts++;
        OutboxConfirm done;
        if (!app->outbox || outbox_confirm(app->outbox, path, kiosk_id(app), &done) != 0) {
            /* The first problem is shown; each is logged. Others still count. */
            const char *why = app->outbox ? err_msg() : "no outbox";
            log_error("staff: %s", why);
            if (!problem[0])
                snprintf(problem, sizeof problem, "%s", why);
            continue;
        }
        purged += done.purged;
    }
    if (d)
        closedir(d);
    snprintf(a, sizeof a, "%d", purged);
    if (receipts == 0) {
        i18n_format(text, sizeof text, S_STAFF_NO_RECEIPT, dir, NULL, NULL);
        say(res, false, text);
    } else if (problem[0]) {
        i18n_format(text, sizeof text, S_STAFF_CONFIRM_REFUSED, a, problem, NULL);
        say(res, false, text);
    } else {
        i18n_format_text(text, sizeof text, tr_n(S_STAFF_CONFIRM_DONE, (unsigned long)purged), a,
                         NULL, NULL);
        say(res, true, text);
    }
    char detail[48];
    snprintf(detail, sizeof detail, problem[0] ? "confirm-%d-refused" : "confirm-%d", purged);
    staff_log(app, STAFF_EV_ACTION, detail);
}

/* ==== updating the content from a pack ==== */

/* True for "signpost-content-*.db". */
static bool is_pack(const char *name)
{
    size_t n = strlen(name);
    return strncmp(name, "signpost-content-", 17) == 0 && n > 20 &&
           strcmp(name + n - 3, ".db") == 0;
}

void staff_update_content(App *app, StaffResult *res)
{
    const KioskConfig *cfg = app->cfg;
    const char *dir = cfg->staff_export_dir;
    char text[1024];
    if (!cfg->content_public_key[0]) {
        say(res, false, tr(S_STAFF_PACK_NO_KEY));
        staff_log(app, STAFF_EV_ACTION, "content-no-key");
        return;
    }
    if (!drive_there(dir, cfg->staff_export_must_be_drive)) {
        i18n_format(text, sizeof text, S_STAFF_NO_DRIVE, dir, NULL, NULL);
        say(res, false, text);
        staff_log(app, STAFF_EV_ACTION, "content-no-drive");
        return;
    }
    /* The newest pack by name: names carry the build time, so they sort by it. */
    char best[256] = "";
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL)
        if (is_pack(e->d_name) && strcmp(e->d_name, best) > 0)
            snprintf(best, sizeof best, "%s", e->d_name);
    if (d)
        closedir(d);
    if (!best[0]) {
        i18n_format(text, sizeof text, S_STAFF_NO_PACK, dir, NULL, NULL);
        say(res, false, text);
        staff_log(app, STAFF_EV_ACTION, "content-no-pack");
        return;
    }
    char pack[CONFIG_PATH_MAX + 300], built[64] = "";
    snprintf(pack, sizeof pack, "%s/%s", dir, best);
    const char *kiosk = kiosk_id(app);
    /* Checked as the kiosk would open it: the signature first, then the store. */
    if (content_store_check(pack, cfg->content_public_key, kiosk, built, sizeof built) != 0) {
        i18n_format(text, sizeof text, S_STAFF_PACK_REFUSED, err_msg(), NULL, NULL);
        say(res, false, text);
        log_error("staff: content pack refused: %s", err_msg());
        staff_log(app, STAFF_EV_ACTION, "content-refused");
        return;
    }
    const char *live = app->site && app->site->content_version ? app->site->content_version : "";
    if (live[0] && strcmp(built, live) <= 0) { /* ISO 8601 UTC times compare as text */
        i18n_format(text, sizeof text, S_STAFF_PACK_OLDER, built, live, NULL);
        say(res, false, text);
        staff_log(app, STAFF_EV_ACTION, "content-older");
        return;
    }
    PublishRequest rq = {.source = pack, .live = cfg->content_store,
                         .public_key = cfg->content_public_key, .kiosk_id = kiosk};
    PublishResult pr;
    if (content_publish(&rq, &pr) != 0) {
        i18n_format(text, sizeof text, S_STAFF_PACK_REFUSED, err_msg(), NULL, NULL);
        say(res, false, text);
        log_error("staff: publishing the content pack failed: %s", err_msg());
        staff_log(app, STAFF_EV_ACTION, "content-failed");
        return;
    }
    i18n_format(text, sizeof text, S_STAFF_PACK_DONE, pr.built_at, NULL, NULL);
    say(res, true, text);
    log_info("staff: content pack %s published (built %s)", pack, pr.built_at);
    staff_log(app, STAFF_EV_ACTION, "content-published");
}
