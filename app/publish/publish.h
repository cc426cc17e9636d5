/* publish.h: putting new content live on a kiosk safely, and taking it back.
 *
 * content_publish() takes a content folder (built first) or a built store (with its
 * .sig beside it when signing is used) and makes it the live store LIVE (the kiosk's
 * [paths] content), in the same folder:
 *   1. the candidate is written as LIVE.new (and LIVE.new.sig) and synced;
 *   2. it is checked exactly as the kiosk will open it (content_open_checked: the
 *      signature when a public key is given, schema version, quick_check, full load),
 *      plus PRAGMA integrity_check and the kiosk locations; a candidate that fails is
 *      removed and LIVE is not touched;
 *   3. the current LIVE, when it passes the same checks, is kept as the last-known-good
 *      LIVE.good (a hard link, or a synced copy where links cannot be made); one that
 *      fails them is kept as LIVE.bad for staff instead and LIVE.good stays as it was;
 *      a LIVE that is not a store file at all (a folder, a FIFO, a link to one) is
 *      moved aside whole as LIVE.bad (refused only when LIVE.bad is a folder too);
 *   4. LIVE.new is renamed over LIVE and the folder synced. Each rename is atomic, so
 *      LIVE is always either the old store or the new one, whole. The signature goes
 *      first: with a public key, LIVE.sig holds both stores' signatures until the store
 *      is in place (then only the new one's), so it matches LIVE at every moment, even
 *      after a power cut; a kiosk that notices the new store finds its signature there.
 * content_rollback() checks LIVE.good the same way, keeps the current LIVE as LIVE.bad
 * for staff, and puts LIVE.good back by the same steps 1 and 4 (LIVE.good stays).
 * One publish or rollback at a time: LIVE.lock (an fcntl lock) keeps a second one out.
 * Both return 0, or -1 with err_msg() naming the file and the cause. */
#ifndef SIGNPOST_PUBLISH_H
#define SIGNPOST_PUBLISH_H

#include "content.h"
#include "diag.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct PublishRequest {
    const char *source;     /* content folder or built store; unused by rollback */
    const char *live;       /* the live store the kiosk reads */
    const char *public_key; /* signing public key file; NULL or "" = no signature needed */
    const char *kiosk_id;   /* when set, the content must list this kiosk location */
    DiagList *diags;        /* problems found building a content folder (caller's), or
                             * NULL: the first error then goes into the message */
    FILE *progress;         /* one line per step, or NULL */
} PublishRequest;

typedef struct PublishResult {
    char built_at[64];      /* when the store now live was built */
    bool built;             /* the source was a content folder, built into LIVE.new */
    ContentStats stats;     /* what was built */
    bool kept_good;         /* the previous LIVE is now LIVE.good */
    bool kept_bad;          /* the store replaced failed its checks (or was rolled back):
                             * it is now LIVE.bad */
    char replaced_problem[512]; /* why the replaced store failed its checks, or "" */
} PublishResult;

int content_publish(const PublishRequest *rq, PublishResult *res);
int content_rollback(const PublishRequest *rq, PublishResult *res);

/* Checks the store at path as content_publish() checks a candidate: the signature
 * (when public_key is set), store_open(), PRAGMA integrity_check, at least one kiosk
 * location, and kiosk_id among them (when set). built_at (may be NULL) gets its build
 * time. Returns 0, or -1 with err_msg() naming the file and the cause. */
int content_store_check(const char *path, const char *public_key, const char *kiosk_id,
                        char *built_at, size_t cap);

#endif
