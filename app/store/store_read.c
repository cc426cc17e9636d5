/* store_read.c: the helpers the content store's table loaders share (see
 * store_internal.h): messages for SQLite failures and inconsistent rows, the row
 * reader, arena arrays, and id -> index maps. */
#include "store_internal.h"

#include <assert.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char store_rebuild_hint[] = "rebuild it with signpostctl content build";

int store_db_error(const char *path, sqlite3 *db, const char *table)
{
    int code = sqlite3_errcode(db) & 0xff;
    const char *msg = sqlite3_errmsg(db);
    char where[96] = "";
    if (table)
        snprintf(where, sizeof where, ", reading table %s", table);
    if (code == SQLITE_NOTADB)
        return err_set("content store %s is not a Signpost content store (%s)", path, msg);
    if (code == SQLITE_CORRUPT)
        return err_set("content store %s is damaged (%s%s): %s", path, msg, where,
                       store_rebuild_hint);
    if (code == SQLITE_NOMEM)
        return err_set("content store %s: out of memory", path);
    return err_set("content store %s could not be read (%s%s): %s", path, msg, where,
                   store_rebuild_hint);
}

/* ==== one load ==== */

int store_load_fail(StoreLoad *ld, const char *fmt, ...)
{
    char what[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    ld->failed = true;
    return err_set("content store %s is inconsistent: %s: %s", ld->path, what,
                   store_rebuild_hint);
}

int store_load_oom(StoreLoad *ld)
{
    if (!ld->failed)
        err_set("content store %s: out of memory", ld->path);
    ld->failed = true;
    return -1;
}

Arena *store_load_arena(StoreLoad *ld)
{
    return ld->arena ? ld->arena : &ld->site->arena;
}

void *store_load_array(StoreLoad *ld, size_t n, size_t size)
{
    assert(size > 0);
    if (n > SIZE_MAX / size || n > (size_t)INT_MAX) {
        err_set("content store %s: too many rows (%zu)", ld->path, n);
        ld->failed = true;
        return NULL;
    }
    void *p = arena_alloc(store_load_arena(ld), n * size);
    if (!p)
        store_load_oom(ld);
    return p;
}

/* ==== reading rows ==== */

static int reader_db_error(RowReader *rr)
{
    StoreLoad *ld = rr->ld;
    if (!ld->failed)
        store_db_error(ld->path, ld->db, rr->table);
    ld->failed = true;
    return -1;
}

int row_reader_query(RowReader *rr, StoreLoad *ld, const char *table, const char *sql)
{
    *rr = (RowReader){.ld = ld, .table = table, .rows = SIZE_MAX};
    if (ld->failed)
        return -1;
    if (sqlite3_prepare_v2(ld->db, sql, -1, &rr->stmt, NULL) != SQLITE_OK)
        return reader_db_error(rr);
    rr->ncols = sqlite3_column_count(rr->stmt);
    return 0;
}

int row_reader_reuse(RowReader *rr, StoreLoad *ld, const char *table, sqlite3_stmt **stmt,
                     const char *sql)
{
    *rr = (RowReader){.ld = ld, .table = table, .rows = SIZE_MAX, .borrowed = true};
    if (ld->failed)
        return -1;
    if (!*stmt && sqlite3_prepare_v3(ld->db, sql, -1, SQLITE_PREPARE_PERSISTENT, stmt,
                                     NULL) != SQLITE_OK) {
        sqlite3_finalize(*stmt);
        *stmt = NULL;
        return reader_db_error(rr);
    }
    rr->stmt = *stmt;
    rr->ncols = sqlite3_column_count(rr->stmt);
    return 0;
}

int row_reader_open(RowReader *rr, StoreLoad *ld, const char *table, const char *sql)
{
    assert(table != NULL);
    *rr = (RowReader){.ld = ld, .table = table, .rows = 0};
    if (ld->failed)
        return -1;
    char count_sql[96];
    snprintf(count_sql, sizeof count_sql, "SELECT count(*) FROM %s", table);
    RowReader count;
    if (row_reader_query(&count, ld, table, count_sql) != 0)
        return row_reader_close(&count);
    int rc = row_reader_next(&count);
    sqlite3_int64 n = rc == 1 ? row_int64(&count, 0) : 0;
    row_reader_close(&count);
    if (rc != 1) /* count(*) always gives a row */
        return rc < 0 ? -1 : reader_db_error(rr);
    if (row_reader_query(rr, ld, table, sql) != 0)
        return -1;
    rr->rows = n > 0 ? (size_t)n : 0;
    return 0;
}

int row_reader_next(RowReader *rr)
{
    if (rr->ld->failed || !rr->stmt)
        return -1;
    if (rr->read >= rr->rows)
        return 0;
    int rc = sqlite3_step(rr->stmt);
    if (rc == SQLITE_ROW) {
        rr->read++;
        return 1;
    }
    if (rc == SQLITE_DONE)
        return 0;
    return reader_db_error(rr);
}

int row_reader_close(RowReader *rr)
{
    if (rr->borrowed && rr->stmt) {
        sqlite3_reset(rr->stmt);
        sqlite3_clear_bindings(rr->stmt);
    } else {
        sqlite3_finalize(rr->stmt);
    }
    rr->stmt = NULL;
    return rr->ld->failed ? -1 : 0;
}

/* The column checks every getter makes: a row is current and the column is in it. */
static sqlite3_stmt *column(const RowReader *rr, int col)
{
    assert(rr->stmt != NULL && rr->read > 0);
    assert(col >= 0 && col < rr->ncols);
    return rr->stmt;
}

const char *row_text(const RowReader *rr, int col)
{
    const char *s = (const char *)sqlite3_column_text(column(rr, col), col);
    return s ? s : "";
}

const char *row_copy(RowReader *rr, int col)
{
    const char *d = arena_strdup(store_load_arena(rr->ld), row_text(rr, col));
    if (!d) {
        store_load_oom(rr->ld);
        return "";
    }
    return d;
}

bool row_is_null(const RowReader *rr, int col)
{
    return sqlite3_column_type(column(rr, col), col) == SQLITE_NULL;
}

int row_int(const RowReader *rr, int col)
{
    return sqlite3_column_int(column(rr, col), col);
}

sqlite3_int64 row_int64(const RowReader *rr, int col)
{
    return sqlite3_column_int64(column(rr, col), col);
}

double row_double(const RowReader *rr, int col)
{
    return sqlite3_column_double(column(rr, col), col);
}

/* ==== id -> index maps ==== */

static int id_entry_cmp(const void *a, const void *b)
{
    return strcmp(((const IdEntry *)a)->id, ((const IdEntry *)b)->id);
}

int idmap_build(StoreLoad *ld, IdMap *m, const void *records, size_t n, size_t stride,
                size_t id_at)
{
    m->items = mem_zalloc_array(n ? n : 1, sizeof *m->items);
    if (!m->items)
        return store_load_oom(ld);
    for (size_t i = 0; i < n; i++) {
        const char *id;
        memcpy(&id, (const char *)records + i * stride + id_at, sizeof id);
        m->items[i] = (IdEntry){id, (int)i};
    }
    m->len = n;
    qsort(m->items, n, sizeof *m->items, id_entry_cmp);
    return 0;
}

int idmap_find(const IdMap *m, const char *id)
{
    if (!m->items || !id)
        return -1;
    IdEntry key = {id, 0};
    const IdEntry *e = bsearch(&key, m->items, m->len, sizeof *m->items, id_entry_cmp);
    return e ? e->index : -1;
}

void idmap_release(IdMap *m)
{
    mem_free(m->items);
    m->items = NULL;
    m->len = 0;
}
