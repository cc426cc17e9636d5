/* store_search.h: how the store's two search files meet. store.c opens the store, maps
 * search rows to items and runs one FTS5 match expression (store_search_expr);
 * store_search.c turns what a person typed into that expression, with synonyms, and
 * when nothing matches corrects the words (split, joined, misspelt) and tries again.
 * Not part of the store's interface (store.h). */
#ifndef SIGNPOST_STORE_SEARCH_H
#define SIGNPOST_STORE_SEARCH_H

#include "store.h"

#include <sqlite3.h>

/* The synonyms and prepared statements of forgiving search; owned by the Store. */
typedef struct SearchAids SearchAids;

/* Loads the synonyms and prepares the statements on db (the store at path, for
 * messages). NULL with err_msg() set when the store's tables are not as expected. */
SearchAids *search_aids_open(sqlite3 *db, const char *path);
void search_aids_close(SearchAids *a);

/* store.c: the Store's aids (never NULL for an open store). */
SearchAids *store_search_aids(Store *st);
/* store.c: runs one FTS5 match expression (what store_search_kinds() documents, for
 * an expression already built); fills hits and returns their number, or -1 with the
 * message set. */
int store_search_expr(Store *st, const char *expr, unsigned kinds, SearchHit *hits,
                      size_t max);

#endif
