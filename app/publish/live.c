/* live.c: opening the live content store as the kiosk does, and watching it for a
 * publish (see live.h). */
#include "live.h"

#include "err.h"
#include "log.h"
#include "signing.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

enum { OPEN_ATTEMPTS = 3 };

void content_stamp(const char *path, bool signed_store, ContentStamp *out)
{
    memset(out, 0, sizeof *out);
    file_id(path, &out->store);
    char sig[4096];
    if (signed_store && content_sig_path(path, sig, sizeof sig) == 0)
        file_id(sig, &out->sig);
}

bool content_stamp_same(const ContentStamp *a, const ContentStamp *b)
{
    return file_id_same(&a->store, &b->store) && file_id_same(&a->sig, &b->sig);
}

Store *content_open_checked(const char *path, const char *key_path, ContentStamp *stamp)
{
    bool signed_store = key_path && key_path[0];
    ContentStamp before, after;
    content_stamp(path, signed_store, &before);
    after = before;
    if (stamp)
        *stamp = before;
    unsigned char pk[SIGNING_PUBLIC_BYTES];
    if (signed_store && signing_public_key_read(key_path, pk) != 0) {
        char why[1024];
        snprintf(why, sizeof why, "%s", err_msg());
        err_set("cannot check content store %s: %s ([paths] content_public_key)", path, why);
        return NULL;
    }
    for (int attempt = 0; attempt < OPEN_ATTEMPTS; attempt++) {
        if (attempt > 0)
            content_stamp(path, signed_store, &before);
        FileId verified = {0};
        int verify_rc = signed_store ? content_verify(path, pk, &verified) : 0;
        Store *st = verify_rc == 0 ? store_open(path) : NULL;
        content_stamp(path, signed_store, &after);
        /* The store or its signature changed under us (a publish at that moment), or
         * SQLite may have opened another file than the one whose bytes were checked:
         * look again at what is there now. */
        bool moved = !content_stamp_same(&before, &after) ||
                     (signed_store && verify_rc == 0 && !file_id_same(&verified, &after.store));
        if (!moved) {
            if (stamp)
                *stamp = after;
            return st; /* NULL with err_msg() set when refused */
        }
        store_close(st);
    }
    if (stamp)
        *stamp = after;
    err_set("content store %s kept changing while it was being checked; it will be checked "
            "again when it next changes", path);
    return NULL;
}

void content_watch_init(ContentWatch *w, const char *path, const char *key_path,
                        const ContentStamp *checked, bool opened, uint64_t now_ms)
{
    memset(w, 0, sizeof *w);
    w->path = path;
    w->key_path = key_path ? key_path : "";
    if (checked) {
        w->seen = *checked;
        if (opened)
            w->shown = checked->store;
    }
    w->interval_ms = CONTENT_WATCH_INTERVAL_MS;
    w->next_ms = now_ms + w->interval_ms;
}

bool content_watch_due(const ContentWatch *w, uint64_t now_ms)
{
    return now_ms >= w->next_ms;
}

bool content_watch_changed(ContentWatch *w, uint64_t now_ms)
{
    w->next_ms = now_ms + w->interval_ms;
    ContentStamp now;
    content_stamp(w->path, w->key_path[0] != '\0', &now);
    if (content_stamp_same(&now, &w->seen))
        return false;
    if (w->shown.exists && file_id_same(&now.store, &w->shown)) {
        w->seen = now; /* only the signature beside the store on show changed */
        return false;
    }
    return true;
}

void content_watch_checked(ContentWatch *w, const ContentStamp *stamp, bool opened)
{
    w->seen = *stamp;
    if (opened)
        w->shown = stamp->store;
}

Store *content_open_last_good(const char *live, const char *key_path, bool *exists)
{
    char good[4096];
    *exists = false;
    if ((size_t)snprintf(good, sizeof good, "%s.good", live) >= sizeof good) {
        err_set("content store path too long: %s", live);
        return NULL;
    }
    *exists = access(good, F_OK) == 0;
    if (!*exists)
        return NULL;
    Store *st = content_open_checked(good, key_path, NULL);
    if (st)
        log_warn("showing the last known good content, %s (built %s), until a sound store "
                 "is published as %s",
                 good, store_site(st)->content_version, live);
    return st;
}
