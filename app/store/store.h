/* store.h: the kiosk's read-only view of a compiled content store (SQLite).
 * store_open() opens the file read-only, checks the schema version and runs a quick
 * integrity check, then loads the Site into memory; the database stays open for
 * search. A missing, damaged or wrong-version file gives NULL with a message saying
 * which file and what is wrong (the kiosk then shows its out-of-order screen). */
#ifndef SIGNPOST_STORE_H
#define SIGNPOST_STORE_H

#include "site.h"

#include <stddef.h>

/* The schema version this program reads and the content build writes
 * (PRAGMA user_version). */
#define STORE_SCHEMA_VERSION 1

typedef struct Store Store;

Store *store_open(const char *path);
void store_close(Store *st);
const Site *store_site(const Store *st);

typedef enum SearchKind { SEARCH_DESTINATION } SearchKind;

typedef struct SearchHit {
    SearchKind kind;
    int index; /* into site->destinations for SEARCH_DESTINATION */
} SearchHit;

/* Finds what matches what a person typed so far (case, accents and word order do not
 * matter; the last word may be unfinished). Fills at most `max` hits, best first;
 * returns the number found, or -1 on error. An empty query returns 0. */
int store_search(Store *st, const char *query, SearchHit *hits, size_t max);

#endif
