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
#define STORE_SCHEMA_VERSION 4

typedef struct Store Store;

/* Opens and loads the store at path. Returns NULL with err_msg() set, naming the file
 * and saying what is wrong, when it is missing, not a database, of another schema
 * version, damaged, or inconsistent (a row naming a floor or waypoint that is not
 * there). The caller owns the Store and closes it with store_close(). */
Store *store_open(const char *path);
/* Frees the Store, its Site and everything in it; NULL is a no-op. */
void store_close(Store *st);
/* The loaded Site, owned by the Store (valid until store_close()); NULL for NULL. */
const Site *store_site(const Store *st);

/* The directory's services are not held in memory: site->nservices says how many
 * there are (A to Z by index), and each is read from the store when asked for. */

/* Service `index`, read unless it is among the last few asked for. The pointer stays
 * valid until about 90 other services have been asked for, or store_close(). NULL with
 * err_msg() naming the store when it cannot be read (the kiosk then shows its
 * out-of-order screen). */
const Service *store_service(Store *st, int index);
/* The index of the service with this id, or -1 (none, or no store). */
int store_find_service(Store *st, const char *id);
/* The services in category `category` (index into site->categories), A to Z: *out
 * (mem: the caller frees it with mem_free()) of *n indices. Returns 0, or -1 with
 * err_msg() set. */
int store_category_services(const Store *st, int category, int **out, size_t *n);

typedef enum SearchKind { SEARCH_DESTINATION, SEARCH_SERVICE, SEARCH_PAGE } SearchKind;

typedef struct SearchHit {
    SearchKind kind;
    int index; /* into site->destinations, services or pages, by kind */
} SearchHit;

/* Finds the places, services and pages that match what a person typed so far (case,
 * accents and word order do not matter; every word must match, each as the start of a
 * word, so the last may be unfinished; word endings are stemmed, so "complaining"
 * finds "complaint"; punctuation only separates words; a word or phrase of the
 * content's synonyms finds what any of its synonyms finds: "loo" finds toilets). When
 * nothing matches, it forgives (see store_search_suggest()). Fills at most `max` hits,
 * shared fairly between the kinds (each kind in turn takes its next best until the
 * hits are full), grouped by kind (destinations, services, pages) and best first
 * within each: ranked by bm25 with the name or title counting above the rest, or,
 * when a short or common prefix matches hundreds of rows, names first and then the
 * rest, each in the Site's order. Returns the number found, or -1 on error. An empty
 * query returns 0. The query is never logged or kept. */
int store_search(Store *st, const char *query, SearchHit *hits, size_t max);
/* As store_search(), but only for the kinds whose bits are set in `kinds` (1u <<
 * SEARCH_DESTINATION and so on), which then share the hits: "Find a place" searches
 * places only, and gets all `max` hits for them. */
int store_search_kinds(Store *st, const char *query, unsigned kinds, SearchHit *hits,
                       size_t max);
/* As store_search_kinds(), saying how it forgave. When nothing matches what was typed,
 * words that match nothing are corrected and the search runs again: a word joined
 * ("xray" finds "x ray"), two words that are one ("car park" finds "carpark"), or a
 * word one or two letters from a word of the content (wrong, missing, doubled or
 * swapped: "cardiolgy", "maternaty"; one letter for words of three or four letters;
 * the last word may be unfinished). When the corrected search finds something,
 * `suggest` (cap bytes, may be NULL) receives it, folded ("x ray", "cardiology
 * clinic"), for "Did you mean ...?"; otherwise "" (also when it does not fit). With
 * synonyms, what the words as typed find comes first in each kind. Queries are cut at 256 bytes and 16
 * words, and at most 4 words are corrected, so any input costs about the same. */
int store_search_suggest(Store *st, const char *query, unsigned kinds, SearchHit *hits,
                         size_t max, char *suggest, size_t cap);

#endif
