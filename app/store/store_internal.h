/* store_internal.h: what the content store's table loaders share (store.c,
 * store_directory.c): the staff-facing messages for SQLite failures and inconsistent
 * rows, counting a table, arena copies and arrays for its rows, and the temporary
 * id -> index maps that resolve references. Not part of the store's interface. */
#ifndef SIGNPOST_STORE_INTERNAL_H
#define SIGNPOST_STORE_INTERNAL_H

#include "mem.h"
#include "site.h"

#include <sqlite3.h>

#include <stdarg.h>
#include <stddef.h>

/* "rebuild it with signpostctl content build": what staff do about a bad store. */
extern const char store_rebuild_hint[];

/* Sets the message for an SQLite failure on the store at path, worded by what it means
 * for staff (not a store, damaged, out of memory, unreadable). Returns -1. */
int store_db_error(const char *path, sqlite3 *db);

/* Sets "content store PATH is inconsistent: WHAT: rebuild it ...". Returns -1. */
int store_inconsistent_v(const char *path, const char *fmt, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 0)))
#endif
    ;

/* Sets *n to the rows of `table`. 0, or -1 with the message set. */
int store_count_rows(sqlite3 *db, const char *path, const char *table, size_t *n);

/* A copy of a text column in the arena ("" for NULL); NULL when out of memory. */
const char *store_col_dup(Arena *arena, sqlite3_stmt *stmt, int col);

/* Zeroed arena space for n records of `size` bytes, or NULL with the message set (too
 * many rows, out of memory). */
void *store_rows_alloc(Arena *arena, const char *path, size_t n, size_t size);

/* A temporary id -> index map for resolving references while loading. */
typedef struct IdEntry {
    const char *id;
    int index;
} IdEntry;

typedef struct IdMap {
    IdEntry *items;
    size_t len;
} IdMap;

/* Builds a map over n records spaced `stride` bytes apart, each holding its
 * const char *id at byte offset `id_at` (offsetof(Floor, id) and so on). 0, or -1 when
 * out of memory (no message set). */
int idmap_build(IdMap *m, const void *records, size_t n, size_t stride, size_t id_at);

/* The index of the record with this id, or -1 (also for a NULL id or an empty map). */
int idmap_find(const IdMap *m, const char *id);

void idmap_release(IdMap *m);

#endif
