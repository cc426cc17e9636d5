/* store_internal.h: what the content store's table loaders share (store.c,
 * store_directory.c, store_pages.c), implemented in store_read.c: one load's state and
 * error convention (StoreLoad), a row reader for the read direction (RowReader:
 * count, prepare, step, columns by index with checks, finalise), arena arrays for the
 * rows, and the temporary id -> index maps that resolve references. Every failure is
 * recorded once with err_set(), naming the store (and the table when there is one),
 * and marks the load failed. Not part of the store's interface. */
#ifndef SIGNPOST_STORE_INTERNAL_H
#define SIGNPOST_STORE_INTERNAL_H

#include "err.h"
#include "mem.h"
#include "site.h"

#include <sqlite3.h>

#include <stdbool.h>
#include <stddef.h>

/* "rebuild it with signpostctl content build": what staff do about a bad store. */
extern const char store_rebuild_hint[];

/* Sets the message for an SQLite failure on the store at path, worded by what it means
 * for staff (not a store, damaged, out of memory, unreadable), naming `table` when it
 * is not NULL. Returns -1. */
int store_db_error(const char *path, sqlite3 *db, const char *table);

/* ==== one load ==== */

/* A load of tables from an open store into a Site, inside the caller's read
 * transaction. */
typedef struct StoreLoad {
    sqlite3 *db;
    Site *site;       /* receives the rows: arrays and strings in site->arena */
    Arena *arena;     /* where they go instead when not NULL (a service read later) */
    const char *path; /* the store, for messages */
    bool failed;      /* err_set() already says why */
    struct DirIndex *dir; /* the services' index once loaded (store_directory.h) */
} StoreLoad;

/* Records "content store PATH is inconsistent: WHAT: rebuild it ..." (a broken
 * reference, a bad value) and marks the load failed. Returns -1. */
int store_load_fail(StoreLoad *ld, const char *fmt, ...) SP_PRINTF(2, 3);
/* Records "content store PATH: out of memory" (unless the load already failed, so the
 * first reason stands) and marks the load failed. Returns -1. */
int store_load_oom(StoreLoad *ld);
/* The arena a load copies into: ld->arena, else the Site's. */
Arena *store_load_arena(StoreLoad *ld);
/* Zeroed space in the Site's arena for n records of `size` bytes (n may be 0), or
 * NULL with the load failed (too many rows, out of memory). */
void *store_load_array(StoreLoad *ld, size_t n, size_t size);

/* ==== reading rows ==== */

/* One SELECT being read. Column getters take the column's index in the SELECT and
 * assert it is there; text columns read NULL as "". */
typedef struct RowReader {
    StoreLoad *ld;
    const char *table;  /* named in messages; NULL for pragmas */
    sqlite3_stmt *stmt; /* owned until row_reader_close() */
    int ncols;
    size_t rows;        /* at most this many rows are read (the table's count) */
    size_t read;        /* rows read so far */
    bool borrowed;      /* stmt is the caller's (row_reader_reuse): reset, not finalised */
} RowReader;

/* Counts `table`'s rows (rr->rows; they bound the loop, the count being taken in the
 * same transaction) and prepares sql, which reads that table. 0, or -1 with the load
 * failed; rr can be closed either way. */
int row_reader_open(RowReader *rr, StoreLoad *ld, const char *table, const char *sql);
/* The same without a count, for a statement whose rows are not stored one per record
 * (meta, pragmas). `table` may be NULL. */
int row_reader_query(RowReader *rr, StoreLoad *ld, const char *table, const char *sql);
/* The same over a statement the caller keeps prepared (*stmt; prepared from sql, with
 * SQLITE_PREPARE_PERSISTENT, when NULL): row_reader_close() resets it and clears its
 * bindings instead of finalising it. Bind parameters on rr->stmt after this. */
int row_reader_reuse(RowReader *rr, StoreLoad *ld, const char *table, sqlite3_stmt **stmt,
                     const char *sql);
/* Steps: 1 for a row, 0 when done (or rr->rows have been read), -1 on error (load
 * failed). Also -1 without stepping once the load has failed. */
int row_reader_next(RowReader *rr);
/* Finalises the statement. Returns 0, or -1 when the load has failed. */
int row_reader_close(RowReader *rr);

/* The column's text, "" for NULL; valid until the next step. */
const char *row_text(const RowReader *rr, int col);
/* The column's text copied into the load's arena ("" for NULL). Out of memory fails the
 * load and gives "", so a loop over a table can check once after it. */
const char *row_copy(RowReader *rr, int col);
bool row_is_null(const RowReader *rr, int col);
int row_int(const RowReader *rr, int col);
sqlite3_int64 row_int64(const RowReader *rr, int col);
double row_double(const RowReader *rr, int col);

/* ==== id -> index maps ==== */

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
 * const char *id at byte offset `id_at` (offsetof(Floor, id) and so on). 0, or -1
 * with the load failed (out of memory). */
int idmap_build(StoreLoad *ld, IdMap *m, const void *records, size_t n, size_t stride,
                size_t id_at);

/* The index of the record with this id, or -1 (also for a NULL id or an empty map). */
int idmap_find(const IdMap *m, const char *id);

void idmap_release(IdMap *m);

#endif
