/* row_writer.c: binding rows by parameter name, running them, and wording the first
 * failure for the person building the content (see row_writer.h). */
#include "row_writer.h"

#include <sqlite3.h>

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>

void row_writer_fail(RowWriter *w, const char *fmt, ...)
{
    if (w->failed)
        return;
    w->failed = true;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(w->why, w->cap, fmt, ap);
    va_end(ap);
}

void row_writer_fail_sqlite(RowWriter *w, const char *doing)
{
    int code = w->db ? sqlite3_errcode(w->db) & 0xFF : SQLITE_CANTOPEN;
    const char *detail = w->db ? sqlite3_errmsg(w->db) : "cannot open";
    if (code == SQLITE_FULL)
        row_writer_fail(w, "the disk is full while %s; free some space and build again",
                        doing);
    else if (code == SQLITE_NOMEM)
        row_writer_fail(w, "out of memory while %s", doing);
    else if (code == SQLITE_CANTOPEN || code == SQLITE_READONLY || code == SQLITE_PERM)
        row_writer_fail(w, "cannot create the new store while %s (%s); check that the folder "
                        "exists and can be written to", doing, detail);
    else if (code == SQLITE_IOERR)
        row_writer_fail(w, "the disk reported an error while %s (%s)", doing, detail);
    else
        row_writer_fail(w, "SQLite failed while %s: %s", doing, detail);
}

void row_writer_exec(RowWriter *w, const char *sql, const char *doing)
{
    if (!w->failed && sqlite3_exec(w->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        row_writer_fail_sqlite(w, doing);
}

sqlite3_stmt *row_writer_prepare(RowWriter *w, const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (!w->failed && sqlite3_prepare_v2(w->db, sql, -1, &st, NULL) != SQLITE_OK)
        row_writer_fail_sqlite(w, "preparing to write");
    return st;
}

static int bind(sqlite3_stmt *st, const RowValue *v)
{
    int at = sqlite3_bind_parameter_index(st, v->name);
    assert(at > 0 && "a value for a parameter the statement does not have");
    switch (v->kind) {
    case ROW_TEXT:
        return sqlite3_bind_text(st, at, v->text, -1, SQLITE_STATIC);
    case ROW_INT:
        return sqlite3_bind_int(st, at, v->i);
    case ROW_INT_OR_NULL:
        return v->i < 0 ? sqlite3_bind_null(st, at) : sqlite3_bind_int(st, at, v->i);
    case ROW_REAL:
        return sqlite3_bind_double(st, at, v->d);
    }
    return SQLITE_MISUSE;
}

void row_writer_insert(RowWriter *w, sqlite3_stmt *st, const char *doing,
                       const RowValue *values, size_t n)
{
    if (w->failed || !st)
        return;
    /* Each parameter once: a missing one would silently write NULL. */
    assert(n == (size_t)sqlite3_bind_parameter_count(st));
    int rc = SQLITE_OK;
    for (size_t i = 0; i < n && rc == SQLITE_OK; i++)
        rc = bind(st, &values[i]);
    if (rc == SQLITE_OK && sqlite3_step(st) != SQLITE_DONE)
        rc = SQLITE_ERROR;
    if (rc != SQLITE_OK)
        row_writer_fail_sqlite(w, doing); /* before the reset, while SQLite has the reason */
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
}
