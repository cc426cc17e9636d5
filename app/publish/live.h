/* live.h: the kiosk's side of publishing. Opening the live content store exactly as
 * the kiosk does (the signature first, when a public key is configured, then
 * store_open: schema version, quick_check, full load), and noticing cheaply that a
 * publish replaced it (a stat() of the store and its .sig), so the kiosk can switch
 * content between people. signpostctl's publish checks a candidate with the same
 * content_open_checked() before it puts it live. */
#ifndef SIGNPOST_LIVE_H
#define SIGNPOST_LIVE_H

#include "files.h"
#include "store.h"

#include <stdbool.h>
#include <stdint.h>

/* Which files a store was opened (or refused) from: the store, and its .sig when a
 * signature is required. */
typedef struct ContentStamp {
    FileId store, sig;
} ContentStamp;

/* The stamp of path now (the .sig counts only when signed is true). */
void content_stamp(const char *path, bool signed_store, ContentStamp *out);
bool content_stamp_same(const ContentStamp *a, const ContentStamp *b);

/* Opens the store at path as the kiosk does. With key_path set (not NULL or ""), the
 * signing public key is read from it and the store must carry a matching signature.
 * Returns the Store, or NULL with err_msg() naming the file and the cause. stamp (may
 * be NULL) gets the identity of the files that were checked, in both cases, so a
 * refused store is not checked again until it changes. A store replaced while it was
 * being checked is checked again (a few times), so the Store returned is always the
 * one whose signature was checked. */
Store *content_open_checked(const char *path, const char *key_path, ContentStamp *stamp);

/* The last known good store that content publish keeps beside live (LIVE.good),
 * opened and checked as content_open_checked does, for when live itself is refused:
 * better yesterday's content than an out-of-order screen. On success it logs that it
 * is shown. NULL when there is none (*exists false) or it is refused too (*exists
 * true, err_msg() naming it and why). */
Store *content_open_last_good(const char *live, const char *key_path, bool *exists);

/* Watches the live store for a publish. Poll with content_watch_due() (cheap: a clock
 * comparison) and content_watch_changed() (a stat() of the store and its .sig). */
typedef struct ContentWatch {
    const char *path;        /* the live store (borrowed) */
    const char *key_path;    /* the signing public key file or "" (borrowed) */
    ContentStamp seen;       /* the files last checked (opened or refused) */
    FileId shown;            /* the store file the app has open; exists false: none */
    uint64_t interval_ms;    /* least time between two looks */
    uint64_t next_ms;        /* when the next look is due */
} ContentWatch;

enum { CONTENT_WATCH_INTERVAL_MS = 5000 };

/* Starts watching path from the files `checked` (as filled by content_open_checked);
 * opened says whether that store was opened (and is what the app shows). */
void content_watch_init(ContentWatch *w, const char *path, const char *key_path,
                        const ContentStamp *checked, bool opened, uint64_t now_ms);
/* True when a look is due at now_ms. */
bool content_watch_due(const ContentWatch *w, uint64_t now_ms);
/* Looks now and schedules the next look. True when there is a store to check: the
 * files differ from those last checked, and the store is not the one open already (a
 * signature rewritten beside the store on show needs nothing, as during a publish). */
bool content_watch_changed(ContentWatch *w, uint64_t now_ms);
/* Records the files just checked (stamp from content_open_checked), so they are not
 * checked again until they change; opened says the store was opened and is now shown. */
void content_watch_checked(ContentWatch *w, const ContentStamp *stamp, bool opened);

#endif
