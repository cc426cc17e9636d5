/* store_read.c: the helpers the content store's table loaders share (see
 * store_internal.h): messages for SQLite failures and inconsistent rows, table
 * counts, arena copies and arrays, and id -> index maps. */
#include "store_internal.h"

#include "err.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char store_rebuild_hint[] = "rebuild it with signpostctl content build";

int store_db_error(const char *path, sqlite3 *db)
{
    int code = sqlite3_errcode(db) & 0xff;
    const char *msg = sqlite3_errmsg(db);
    if (code == SQLITE_NOTADB)
        return err_set("content store %s is not a Signpost content store (%s)", path, msg);
    if (code == SQLITE_CORRUPT)
        return err_set("content store %s is damaged (%s): %s", path, msg, store_rebuild_hint);
    if (code == SQLITE_NOMEM)
        return err_set("content store %s: out of memory", path);
    return err_set("content store %s could not be read (%s): %s", path, msg, store_rebuild_hint);
}

int store_inconsistent_v(const char *path, const char *fmt, va_list ap)
{
    char what[512];
    vsnprintf(what, sizeof what, fmt, ap);
    return err_set("content store %s is inconsistent: %s: %s", path, what, store_rebuild_hint);
}

int store_count_rows(sqlite3 *db, const char *path, const char *table, size_t *n)
{
    char sql[96];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
        return store_db_error(path, db);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        sqlite3_int64 c = sqlite3_column_int64(stmt, 0);
        *n = c > 0 ? (size_t)c : 0;
    } else if (rc != SQLITE_DONE) {
        store_db_error(path, db);
    }
    sqlite3_finalize(stmt);
    return rc == SQLITE_ROW ? 0 : -1;
}

const char *store_col_dup(Arena *arena, sqlite3_stmt *stmt, int col)
{
    const char *s = (const char *)sqlite3_column_text(stmt, col);
    return arena_strdup(arena, s ? s : "");
}

void *store_rows_alloc(Arena *arena, const char *path, size_t n, size_t size)
{
    if (n > SIZE_MAX / size || n > (size_t)INT_MAX) {
        err_set("content store %s: too many rows (%zu)", path, n);
        return NULL;
    }
    void *p = arena_alloc(arena, n * size);
    if (!p)
        err_set("content store %s: out of memory", path);
    return p;
}

static int id_entry_cmp(const void *a, const void *b)
{
    return strcmp(((const IdEntry *)a)->id, ((const IdEntry *)b)->id);
}

int idmap_build(IdMap *m, const void *records, size_t n, size_t stride, size_t id_at)
{
    m->items = mem_zalloc((n ? n : 1) * sizeof *m->items);
    if (!m->items)
        return -1;
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
