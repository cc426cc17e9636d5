/* row_writer.h: the one way the content build writes rows into a new content store.
 * Statements use named parameters (":id", ":name") and each row binds its values by
 * name, so a value can never land in the wrong column; the first failure is kept, in
 * words for the person building, and every later call does nothing, so a writer can
 * run a whole table and check once. Internal to app/content. */
#ifndef SIGNPOST_ROW_WRITER_H
#define SIGNPOST_ROW_WRITER_H

#include <stdbool.h>
#include <stddef.h>

struct sqlite3;
struct sqlite3_stmt;

typedef struct RowWriter {
    struct sqlite3 *db; /* the store being written; not owned */
    bool failed;        /* why says why; later calls do nothing */
    char *why;          /* the caller's buffer for the first failure, in words */
    size_t cap;         /* its size */
} RowWriter;

typedef enum RowValueKind {
    ROW_TEXT,        /* text (NULL binds SQL NULL) */
    ROW_INT,         /* an int */
    ROW_INT_OR_NULL, /* an int, or SQL NULL when negative */
    ROW_REAL,        /* a double */
} RowValueKind;

/* One value for one named parameter. */
typedef struct RowValue {
    const char *name; /* the parameter as the SQL spells it: ":id" */
    RowValueKind kind;
    const char *text;
    int i;
    double d;
} RowValue;

#define ROW_TEXT(n, v) ((RowValue){.name = (n), .kind = ROW_TEXT, .text = (v)})
#define ROW_INT(n, v) ((RowValue){.name = (n), .kind = ROW_INT, .i = (v)})
#define ROW_INT_OR_NULL(n, v) ((RowValue){.name = (n), .kind = ROW_INT_OR_NULL, .i = (v)})
#define ROW_REAL(n, v) ((RowValue){.name = (n), .kind = ROW_REAL, .d = (v)})

/* Records the first failure: SQLite's current error on w->db, worded for staff (disk
 * full, cannot create, out of memory), while `doing` ("writing floors"). */
void row_writer_fail_sqlite(RowWriter *w, const char *doing);

/* Records the first failure as printf-style words. */
void row_writer_fail(RowWriter *w, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Runs SQL with no rows (PRAGMAs, BEGIN, the schema). */
void row_writer_exec(RowWriter *w, const char *sql, const char *doing);

/* Prepares an INSERT; NULL after a failure (recorded). Finalise it with
 * sqlite3_finalize() (NULL is fine). */
struct sqlite3_stmt *row_writer_prepare(RowWriter *w, const char *sql);

/* Binds n values by name, runs the statement and resets it for the next row. Every
 * parameter of the statement must be given exactly once (asserted). Does nothing after
 * a failure or for a NULL statement. */
void row_writer_insert(RowWriter *w, struct sqlite3_stmt *st, const char *doing,
                       const RowValue *values, size_t n);

/* row_writer_insert() with the values listed in place:
 *   ROW_INSERT(w, st, "writing floors", ROW_TEXT(":id", f->id), ROW_INT(":sort", i)); */
#define ROW_INSERT(w, st, doing, ...)                                                      \
    row_writer_insert((w), (st), (doing), (const RowValue[]){__VA_ARGS__},                 \
                      sizeof((const RowValue[]){__VA_ARGS__}) / sizeof(RowValue))

#endif
