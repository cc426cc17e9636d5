/* publish.c: safe publishing and rollback of the live content store (see publish.h).
 * The build of a content folder reuses content_build(), which already writes its own
 * .tmp, checks, syncs and renames; this file adds the candidate's checks, the kept
 * last-known-good copy and the final renames. */
#include "publish.h"

#include "err.h"
#include "files.h"
#include "live.h"
#include "mem.h"
#include "signing.h"
#include "store.h"

#include <sqlite3.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { PUB_PATH_MAX = 4096 };

/* Every file a publish touches, named from LIVE. */
typedef struct Paths {
    char live[PUB_PATH_MAX], live_sig[PUB_PATH_MAX];
    char next[PUB_PATH_MAX], next_sig[PUB_PATH_MAX];
    char good[PUB_PATH_MAX], good_sig[PUB_PATH_MAX];
    char bad[PUB_PATH_MAX], bad_sig[PUB_PATH_MAX];
    char lock[PUB_PATH_MAX];
    char tmp[PUB_PATH_MAX];
} Paths;

static int name_from(char *out, const char *live, const char *suffix)
{
    int n = snprintf(out, PUB_PATH_MAX, "%s%s", live, suffix);
    if (n < 0 || n >= PUB_PATH_MAX)
        return err_set("the file name %s is too long", live);
    return 0;
}

static int paths_init(Paths *p, const char *live)
{
    if (!live || !live[0])
        return err_set("no live content store given");
    if (name_from(p->live, live, "") != 0 || name_from(p->live_sig, live, ".sig") != 0 ||
        name_from(p->next, live, ".new") != 0 || name_from(p->next_sig, live, ".new.sig") != 0 ||
        name_from(p->good, live, ".good") != 0 ||
        name_from(p->good_sig, live, ".good.sig") != 0 ||
        name_from(p->bad, live, ".bad") != 0 || name_from(p->bad_sig, live, ".bad.sig") != 0 ||
        name_from(p->lock, live, ".lock") != 0)
        return -1;
    return 0;
}

static void progress(const PublishRequest *rq, const char *fmt, ...) SP_PRINTF(2, 3);
static void progress(const PublishRequest *rq, const char *fmt, ...)
{
    if (!rq->progress)
        return;
    va_list ap;
    va_start(ap, fmt);
    vfprintf(rq->progress, fmt, ap);
    va_end(ap);
    fputc('\n', rq->progress);
    fflush(rq->progress);
}

static bool exists(const char *path)
{
    struct stat sb;
    return lstat(path, &sb) == 0;
}

/* Removes path; a file that is not there is fine. */
static int remove_file(const char *path)
{
    if (unlink(path) != 0 && errno != ENOENT)
        return err_set("cannot remove %s: %s", path, strerror(errno));
    return 0;
}

/* Takes LIVE.lock; *fd holds it until closed. */
static int take_lock(const Paths *p, int *fd)
{
    *fd = open(p->lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (*fd < 0)
        return err_set("cannot create %s (is the folder there, and can it be written to?): %s",
                       p->lock, strerror(errno));
    struct flock fl;
    memset(&fl, 0, sizeof fl);
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    if (fcntl(*fd, F_SETLK, &fl) != 0) {
        int e = errno;
        close(*fd);
        *fd = -1;
        if (e == EACCES || e == EAGAIN)
            return err_set("another publish or rollback of %s is running (it holds %s); try "
                           "again when it has finished", p->live, p->lock);
        return err_set("cannot lock %s: %s", p->lock, strerror(e));
    }
    return 0;
}

/* Runs PRAGMA integrity_check on its own read-only connection. */
static int integrity_check(const char *path)
{
    sqlite3 *db = NULL;
    int rc = 0;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        rc = err_set("content store %s cannot be opened (%s)", path,
                     db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return rc;
    }
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check(1)", -1, &st, NULL) != SQLITE_OK) {
        rc = err_set("content store %s is damaged (%s)", path, sqlite3_errmsg(db));
    } else {
        int step = sqlite3_step(st);
        const char *res = step == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
        if (!res)
            rc = err_set("content store %s is damaged (%s)", path, sqlite3_errmsg(db));
        else if (strcmp(res, "ok") != 0)
            rc = err_set("content store %s is damaged: its integrity check says \"%s\"", path,
                         res);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return rc;
}

int content_store_check(const char *path, const char *public_key, const char *kiosk_id,
                        char *built_at, size_t cap)
{
    Store *st = content_open_checked(path, public_key, NULL);
    if (!st)
        return -1;
    const Site *site = store_site(st);
    int rc = 0;
    if (site->nkiosks == 0)
        rc = err_set("content store %s lists no kiosk locations (kiosks.csv is empty), so a "
                     "kiosk could not show it", path);
    else if (kiosk_id && kiosk_id[0] && site_find_kiosk(site, kiosk_id) < 0)
        rc = err_set("content store %s does not list this kiosk's location '%s' ([kiosk] "
                     "location) in kiosks.csv, so the kiosk would be out of order", path,
                     kiosk_id);
    if (rc == 0 && built_at)
        snprintf(built_at, cap, "%s", site->content_version);
    store_close(st);
    if (rc == 0)
        rc = integrity_check(path);
    return rc;
}

/* Makes dst the same file as src, replacing dst atomically: a hard link, or a synced
 * copy on a filesystem without them. */
static int keep_as(Paths *p, const char *src, const char *dst)
{
    if (name_from(p->tmp, dst, ".tmp") != 0 || remove_file(p->tmp) != 0)
        return -1;
    /* Already the same file (a publish stopped after this step): rename() would do
     * nothing and leave the .tmp link behind. */
    FileId a, b;
    file_id(src, &a);
    file_id(dst, &b);
    if (a.exists && b.exists && a.dev == b.dev && a.ino == b.ino)
        return 0;
    if (link(src, p->tmp) != 0) {
        int e = errno;
        if (e != EPERM && e != EXDEV && e != EMLINK && e != ENOTSUP && e != EOPNOTSUPP &&
            e != ENOSYS)
            return err_set("cannot keep %s as %s: %s", src, dst, strerror(e));
        if (file_copy(src, p->tmp, 0644) != 0)
            return -1;
    }
    if (rename(p->tmp, dst) != 0) {
        int e = errno;
        unlink(p->tmp);
        return err_set("cannot keep %s as %s: %s", src, dst, strerror(e));
    }
    return 0;
}

/* Keeps a store and its signature (or the lack of one) under new names. */
static int keep_pair(Paths *p, const char *src, const char *src_sig, const char *dst,
                     const char *dst_sig)
{
    int rc = exists(src_sig) ? keep_as(p, src_sig, dst_sig) : remove_file(dst_sig);
    return rc == 0 ? keep_as(p, src, dst) : -1;
}

/* Step 4: the signature, then the store. With a public key, LIVE.sig is first made to
 * hold the new store's signature and the current one's (see signing.h), so at every
 * moment, power cut included, it matches whichever store LIVE is; LIVE.new is renamed
 * over LIVE; then LIVE.new.sig over LIVE.sig. Without one, LIVE.new.sig simply goes
 * first. If the store's rename fails, a LIVE.sig holding only the new signature is put
 * back from where step 3 kept the current one (kept_sig; NULL when there was no LIVE). */
static int install(Paths *p, const PublishRequest *rq, const char *kept_sig)
{
    size_t nsigs = 0;
    if (exists(p->next_sig)) {
        unsigned char pk[SIGNING_PUBLIC_BYTES], sigs[2 * SIGNATURE_BYTES];
        if (rq->public_key && rq->public_key[0] &&
            signing_public_key_read(rq->public_key, pk) == 0 &&
            content_signature_for(p->next, pk, sigs, NULL) == 0) {
            nsigs = 1;
            if (exists(p->live) &&
                content_signature_for(p->live, pk, sigs + SIGNATURE_BYTES, NULL) == 0)
                nsigs = 2;
            if (content_sig_write(p->live_sig, sigs, nsigs) != 0)
                return -1;
        } else {
            nsigs = 1;
            if (rename(p->next_sig, p->live_sig) != 0)
                return err_set("cannot put %s in place as %s: %s", p->next_sig, p->live_sig,
                               strerror(errno));
        }
    } else if (remove_file(p->live_sig) != 0) {
        return -1;
    }
    if (rename(p->next, p->live) != 0) {
        int e = errno;
        if (nsigs == 1) {
            if (kept_sig && exists(kept_sig))
                keep_as(p, kept_sig, p->live_sig);
            else
                unlink(p->live_sig);
        }
        return err_set("cannot put %s in place as %s: %s", p->next, p->live, strerror(e));
    }
    if (file_sync_dir_of(p->live) != 0)
        return -1;
    if (exists(p->next_sig)) {
        if (rename(p->next_sig, p->live_sig) != 0)
            return err_set("%s is in place, but %s could not replace %s (which still holds "
                           "its signature): %s", p->live, p->next_sig, p->live_sig,
                           strerror(errno));
        if (file_sync_dir_of(p->live) != 0)
            return -1;
    }
    return 0;
}

static void discard_candidate(const Paths *p)
{
    unlink(p->next);
    unlink(p->next_sig);
}

/* Step 1 for a built store: copies it (and its .sig) to LIVE.new. */
static int copy_candidate(const PublishRequest *rq, Paths *p)
{
    const char *src = rq->source;
    static const char *const sidecars[] = {"-wal", "-journal"};
    for (size_t i = 0; i < 2; i++) {
        if (name_from(p->tmp, src, sidecars[i]) != 0)
            return -1;
        if (exists(p->tmp))
            return err_set("%s has a %s file beside it (%s): it is open in another program, "
                           "or was not closed properly; close it (or open and close it once "
                           "with sqlite3) and publish again", src, sidecars[i], p->tmp);
    }
    char src_sig[PUB_PATH_MAX];
    if (name_from(src_sig, src, ".sig") != 0)
        return -1;
    if (rq->public_key && rq->public_key[0] && !exists(src_sig))
        return err_set("it is not signed: there is no %s beside it, and a signature is "
                       "required (public key %s); sign it with 'signpostctl content sign' "
                       "first", src_sig, rq->public_key);
    progress(rq, "copying %s to %s", src, p->next);
    if (file_copy(src, p->next, 0644) != 0)
        return -1;
    if (exists(src_sig) && file_copy(src_sig, p->next_sig, 0644) != 0)
        return -1;
    return file_sync_dir_of(p->next);
}

/* Copies the message, adds the prefix and the outcome for LIVE. */
static int refuse(const Paths *p, const char *what, const char *source)
{
    char why[1024];
    snprintf(why, sizeof why, "%s", err_msg());
    return err_set("%s %s was refused: %s. The live store %s was not changed", what, source,
                   why, p->live);
}

/* Step 3, when LIVE is not a store file at all (a folder, a FIFO, a socket or a device,
 * made by mistake): it cannot be checked (opening a FIFO would wait forever), linked or
 * renamed over, so it is moved aside whole as LIVE.bad for staff (a file already there
 * is replaced, as for any bad store; a folder there is refused, never deleted). */
static int move_aside(const PublishRequest *rq, Paths *p, const struct stat *sb,
                      PublishResult *res)
{
    const char *what = S_ISDIR(sb->st_mode) ? "a folder" : "not a file";
    struct stat bad;
    if (lstat(p->bad, &bad) == 0 && S_ISDIR(bad.st_mode))
        return err_set("the live store %s is %s, and %s, where publish would keep it, is a "
                       "folder too: look at both and remove %s, then publish again",
                       p->live, what, p->bad, p->bad);
    if (remove_file(p->bad) != 0 || remove_file(p->bad_sig) != 0)
        return -1;
    if (rename(p->live, p->bad) != 0)
        return err_set("the live store %s is %s and cannot be moved aside as %s: %s", p->live,
                       what, p->bad, strerror(errno));
    if (exists(p->live_sig) && rename(p->live_sig, p->bad_sig) != 0)
        return err_set("cannot keep %s as %s: %s", p->live_sig, p->bad_sig, strerror(errno));
    snprintf(res->replaced_problem, sizeof res->replaced_problem,
             "it was %s, not a content store", what);
    res->kept_bad = true;
    progress(rq, "the current %s is %s, so it was moved aside as %s", p->live, what, p->bad);
    return file_sync_dir_of(p->live);
}

/* Step 3: keeps the current LIVE as LIVE.good when it passes its checks, else as
 * LIVE.bad (see move_aside for a LIVE that is not a file). */
static int keep_current(const PublishRequest *rq, Paths *p, PublishResult *res)
{
    struct stat sb;
    if (lstat(p->live, &sb) != 0)
        return 0;
    struct stat target; /* a link to a FIFO would hang the check too */
    if ((!S_ISREG(sb.st_mode) && !S_ISLNK(sb.st_mode)) ||
        (S_ISLNK(sb.st_mode) && stat(p->live, &target) == 0 && !S_ISREG(target.st_mode)))
        return move_aside(rq, p, &sb, res);
    if (content_store_check(p->live, rq->public_key, rq->kiosk_id, NULL, 0) == 0) {
        if (keep_pair(p, p->live, p->live_sig, p->good, p->good_sig) != 0)
            return -1;
        res->kept_good = true;
        progress(rq, "kept the current %s as the last-known-good %s", p->live, p->good);
    } else {
        snprintf(res->replaced_problem, sizeof res->replaced_problem, "%s", err_msg());
        if (keep_pair(p, p->live, p->live_sig, p->bad, p->bad_sig) != 0)
            return -1;
        res->kept_bad = true;
        progress(rq, "the current %s fails its checks, so it was kept as %s, not as the "
                     "last-known-good (%s)", p->live, p->bad, res->replaced_problem);
    }
    return file_sync_dir_of(p->live);
}

/* Ends a publish or a rollback: when it failed after taking the lock (`ours`), removes
 * the candidate it was making; then lets the lock go and frees the paths. Returns rc. */
static int finish(Paths *p, int lock, bool ours, int rc)
{
    if (rc != 0 && ours)
        discard_candidate(p);
    if (lock >= 0)
        close(lock);
    mem_free(p);
    return rc;
}

int content_publish(const PublishRequest *rq, PublishResult *res)
{
    memset(res, 0, sizeof *res);
    if (!rq->source || !rq->source[0])
        return err_set("nothing to publish: give a content folder or a built store");
    Paths *p = mem_zalloc(sizeof *p);
    if (!p)
        return -1;
    int lock = -1, rc = paths_init(p, rq->live);
    bool required = rq->public_key && rq->public_key[0];
    struct stat sb;
    if (rc == 0 && stat(rq->source, &sb) != 0)
        rc = err_set("%s does not exist: give a content folder or a built store", rq->source);
    if (rc == 0) {
        FileId src, live, next;
        file_id(rq->source, &src);
        file_id(p->live, &live);
        file_id(p->next, &next);
        if (live.exists && src.dev == live.dev && src.ino == live.ino)
            rc = err_set("%s is the live store itself: publish a new store or content folder",
                         rq->source);
        else if (next.exists && src.dev == next.dev && src.ino == next.ino)
            rc = err_set("%s is the name publish uses for its own work; rename it first",
                         rq->source);
        else if (S_ISDIR(sb.st_mode) && required)
            rc = err_set("%s is a content folder, so the store built from it would not be "
                         "signed, but a signature is required (public key %s). Build it with "
                         "'signpostctl content build', sign it with 'signpostctl content "
                         "sign', then publish the store. The live store %s was not changed",
                         rq->source, rq->public_key, p->live);
        else if (!S_ISDIR(sb.st_mode) && !S_ISREG(sb.st_mode))
            rc = err_set("%s is neither a content folder nor a store file", rq->source);
    }
    if (rc == 0)
        rc = take_lock(p, &lock);
    bool ours = rc == 0; /* LIVE.new is ours to remove only once the lock is held */
    /* 1. The candidate, as LIVE.new. */
    if (rc == 0 && (remove_file(p->next) != 0 || remove_file(p->next_sig) != 0))
        rc = -1;
    if (rc == 0 && S_ISDIR(sb.st_mode)) {
        progress(rq, "building %s into %s", rq->source, p->next);
        res->built = true;
        DiagList own;
        diag_init(&own);
        DiagList *dl = rq->diags ? rq->diags : &own;
        size_t errors_before = dl->nerrors;
        if (content_build(rq->source, p->next, dl, &res->stats) != 0) {
            size_t errors = dl->nerrors - errors_before;
            /* Without the caller's list, the first problem goes into the message. */
            const Diag *first = NULL;
            for (size_t i = 0; !rq->diags && i < own.len && !first; i++)
                if (own.items[i].level == DIAG_ERROR)
                    first = &own.items[i];
            rc = err_set("content folder %s was refused: %zu error%s%s%s%s. The live store %s "
                         "was not changed", rq->source, errors, errors == 1 ? "" : "s",
                         first ? " (the first: " : "", first ? first->message : "",
                         first ? ")" : "", p->live);
        }
        diag_release(&own);
    } else if (rc == 0 && copy_candidate(rq, p) != 0) {
        rc = refuse(p, "store", rq->source);
    }
    /* 2. Checked as the kiosk will open it, and more. */
    if (rc == 0) {
        progress(rq, "checking %s: %sschema version, quick check, full load, integrity check, "
                     "kiosk locations", p->next, required ? "signature, " : "");
        if (content_store_check(p->next, rq->public_key, rq->kiosk_id, res->built_at,
                                sizeof res->built_at) != 0)
            rc = refuse(p, S_ISDIR(sb.st_mode) ? "the store built from" : "store", rq->source);
    }
    /* 3. The current store, kept; 4. the new one, put in place. */
    if (rc == 0 && keep_current(rq, p, res) != 0)
        rc = -1;
    if (rc == 0 && install(p, rq, res->kept_good  ? p->good_sig
                                  : res->kept_bad ? p->bad_sig
                                                  : NULL) != 0)
        rc = -1;
    return finish(p, lock, ours, rc);
}

int content_rollback(const PublishRequest *rq, PublishResult *res)
{
    memset(res, 0, sizeof *res);
    Paths *p = mem_zalloc(sizeof *p);
    if (!p)
        return -1;
    int lock = -1, rc = paths_init(p, rq->live);
    if (rc == 0)
        rc = take_lock(p, &lock);
    bool ours = rc == 0;
    FileId good = {0}, live = {0};
    if (rc == 0) {
        file_id(p->good, &good);
        file_id(p->live, &live);
        if (!good.exists)
            rc = err_set("there is no last-known-good store %s to roll back to (one is kept "
                         "each time 'signpostctl content publish' replaces a sound store)",
                         p->good);
        else if (live.exists && good.dev == live.dev && good.ino == live.ino)
            rc = err_set("%s is already the last-known-good store %s; nothing to roll back",
                         p->live, p->good);
    }
    if (rc == 0) {
        progress(rq, "checking %s", p->good);
        if (content_store_check(p->good, rq->public_key, rq->kiosk_id, res->built_at,
                                sizeof res->built_at) != 0) {
            char why[1024];
            snprintf(why, sizeof why, "%s", err_msg());
            rc = err_set("cannot roll back to %s: %s. The live store %s was not changed",
                         p->good, why, p->live);
        }
    }
    if (rc == 0 && live.exists) {
        if (keep_pair(p, p->live, p->live_sig, p->bad, p->bad_sig) != 0)
            rc = -1;
        else
            res->kept_bad = true;
        if (rc == 0)
            progress(rq, "kept the current %s as %s for staff to look at", p->live, p->bad);
    }
    if (rc == 0 && (remove_file(p->next) != 0 || remove_file(p->next_sig) != 0 ||
                    keep_pair(p, p->good, p->good_sig, p->next, p->next_sig) != 0 ||
                    file_sync_dir_of(p->next) != 0))
        rc = -1;
    if (rc == 0 && install(p, rq, res->kept_bad ? p->bad_sig : NULL) != 0)
        rc = -1;
    return finish(p, lock, ours, rc);
}
