/* csv_table.h: reads one content table (a spreadsheet saved as CSV, UTF-8, header
 * row first) into memory with the line of every row, so each later check can say
 * file:line:column. Parsing is done by libcsv; this layer adds line tracking, the
 * UTF-8 byte order mark, text checks and matching header names to known columns.
 * Owned by the content build (app/content); app/oruk reads Open Referral UK CSV tables
 * with it too. */
#ifndef SIGNPOST_CSV_TABLE_H
#define SIGNPOST_CSV_TABLE_H

#include "diag.h"
#include "mem.h"

#include <stdbool.h>
#include <stddef.h>

/* One data row. Fields are NUL-terminated and live in the table's arena. */
typedef struct CsvRow {
    int line;      /* 1-based line the row starts on */
    size_t nfields;
    char **fields;
    bool bad;      /* a problem was reported (field count, text): skip its values */
} CsvRow;

/* A column a table may have. */
typedef struct CsvColumn {
    const char *name; /* header text, lower case: "plan_width" */
    bool required;    /* the header must have it (its cells may still be empty) */
} CsvColumn;

/* A header cell NAME_LANG for a translatable known column NAME: a translation of that
 * column into LANG (whatever LANG says; the content build checks it is a language). */
typedef struct CsvTransColumn {
    size_t col;       /* the known column it translates (index into columns) */
    const char *lang; /* the suffix, lower-cased: "cy" (table's arena) */
    int index;        /* its index in the file's header */
} CsvTransColumn;

typedef struct CsvTable {
    char *path;          /* as shown in messages: "<dir>/<file>"; owned */
    char **header;       /* header cells, lower-cased */
    size_t ncols;
    int header_line;     /* usually 1 (blank lines before it are allowed) */
    CsvRow *rows;        /* data rows in file order; blank rows are dropped */
    size_t nrows, cap;
    int *colmap;         /* for each known column, its index in the file or -1 */
    const CsvColumn *columns;
    size_t ncolumns;
    bool suggest_columns; /* set before reading: a header cell that looks like an
                           * optional column the header lacks ("Opening hours" for
                           * hours) is an error saying "did you mean ...?", not a
                           * warning (Signpost's own tables; other software's CSV
                           * files have many columns Signpost does not read) */
    unsigned long translatable; /* set before reading: bit c for each known column c
                                 * people read whose NAME_LANG columns ("name_cy") are
                                 * its translations (see CsvTransColumn) */
    CsvTransColumn *trcols; /* translation columns, in header order (arena) */
    size_t ntrcols;
    Arena arena;         /* owns header, fields, colmap and trcols */
} CsvTable;

void csv_table_init(CsvTable *t);
void csv_table_release(CsvTable *t);

/* Reads `dir`/`file`, checks the header against `columns` (a required column renamed
 * gets "did you mean ...?") and every row's field count and text, adding each problem to `diags`. Returns 0 when the table was read
 * (rows with problems are kept and marked bad), 1 when the file does not exist (no
 * message: the caller decides whether that is an error), -1 when it could not be
 * read or understood at all (a message says why). */
int csv_table_read(CsvTable *t, const char *dir, const char *file,
                   const CsvColumn *columns, size_t ncolumns, DiagList *diags);

/* The cell of known column `col` (index into the columns given to csv_table_read)
 * in `row`, or "" when the file has no such column. */
const char *csv_cell(const CsvTable *t, const CsvRow *row, size_t col);

/* The cell of translation column i (index into t->trcols) in row, or "". */
const char *csv_trans_cell(const CsvTable *t, const CsvRow *row, size_t i);

/* The spreadsheet column number (1-based) of known column `col`, or 0 when absent. */
int csv_column_number(const CsvTable *t, size_t col);

#endif
