/* csv_table.c: one CSV content table into memory (see csv_table.h). libcsv does the
 * parsing (quotes, commas and line breaks inside quotes, CRLF or CR line ends); a cell
 * over 64 KB is an error (no crash, no megabyte-long message). libcsv reports fields and
 * row ends through callbacks but not where they were, so the file is fed to it one
 * byte at a time and the line of each field's first byte is noted as it goes. Content
 * tables are small (kilobytes), so this costs nothing that matters. */
#include "csv_table.h"

#include "content_model.h"

#include "err.h"
#include "files.h"
#include "utf8.h"

#include <csv.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

enum {
    CSV_MAX_FILE = 32 * 1024 * 1024,
    CSV_MAX_CELL = 64 * 1024,   /* a few pages of text: more is a mistake (a pasted file) */
    CSV_BLOCK = 16 * 1024       /* libcsv's field buffer grows by this (its default, 128
                                 * bytes, makes a long cell cost quadratic time) */
};

typedef struct Reader {
    CsvTable *t;
    DiagList *diags;
    int line;            /* line of the byte being fed */
    bool at_field_start; /* the next byte that is not a space starts a field */
    int field_line;      /* line where the current field started */
    int row_line;        /* line where the current row started */
    char **fields;       /* cells of the current row (arena strings) */
    size_t nfields, cap;
    bool row_bad;
    bool have_header;
    bool failed;         /* out of memory */
} Reader;

void csv_table_init(CsvTable *t)
{
    memset(t, 0, sizeof *t);
    arena_init(&t->arena);
}

void csv_table_release(CsvTable *t)
{
    mem_free(t->path);
    mem_free(t->rows);
    arena_release(&t->arena);
    csv_table_init(t);
}

/* Checks one cell's bytes: not too long, valid UTF-8 and no control characters. */
static void check_text(Reader *r, const char *s, size_t len, int column)
{
    if (len > CSV_MAX_CELL) {
        diag_add(r->diags, DIAG_ERROR, r->t->path, r->field_line, column,
                 "this value is %zu KB long; a cell can hold at most %d KB, far more than "
                 "the kiosk can show: shorten it (was a whole file pasted in?)",
                 (len + 1023) / 1024, CSV_MAX_CELL / 1024);
        r->row_bad = true;
        return;
    }
    if (!utf8_valid(s, len)) {
        diag_add(r->diags, DIAG_ERROR, r->t->path, r->field_line, column,
                 "this text is not valid UTF-8; save the file as \"CSV UTF-8\" from your "
                 "spreadsheet (or UTF-8 from your text editor)");
        r->row_bad = true;
        return;
    }
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            diag_add(r->diags, DIAG_ERROR, r->t->path, r->field_line, column,
                     "this text contains an invisible control character (byte %u); "
                     "retype the text", (unsigned)c);
            r->row_bad = true;
            return;
        }
    }
}

static void on_field(void *data, size_t len, void *user)
{
    Reader *r = user;
    if (r->failed)
        return;
    if (r->at_field_start) {
        /* A field made only of spaces: it starts (and ends) here. */
        r->field_line = r->line;
        if (r->nfields == 0)
            r->row_line = r->line;
    }
    r->at_field_start = true;
    if (mem_grow((void **)&r->fields, &r->cap, r->nfields + 1, sizeof(char *)) != 0) {
        r->failed = true;
        return;
    }
    char *s = arena_strndup(&r->t->arena, data ? data : "", data ? len : 0);
    if (!s) {
        r->failed = true;
        return;
    }
    check_text(r, s, data ? len : 0, (int)r->nfields + 1);
    r->fields[r->nfields++] = s;
}

static bool all_empty(char *const *fields, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (fields[i][0])
            return false;
    return true;
}

static void finish_row(Reader *r)
{
    CsvTable *t = r->t;
    size_t n = r->nfields;
    bool bad = r->row_bad;
    r->nfields = 0;
    r->row_bad = false;
    r->at_field_start = true;
    if (r->failed || all_empty(r->fields, n))
        return; /* blank rows are allowed anywhere */
    char **cells = arena_alloc(&t->arena, sizeof(char *) * n);
    if (!cells) {
        r->failed = true;
        return;
    }
    memcpy(cells, r->fields, sizeof(char *) * n);
    if (!r->have_header) {
        r->have_header = true;
        t->header = cells;
        t->ncols = n;
        t->header_line = r->row_line;
        return;
    }
    /* Spreadsheets pad rows with empty cells; only real values past the header count. */
    size_t used = n;
    while (used > t->ncols && cells[used - 1][0] == '\0')
        used--;
    if (used < t->ncols && !bad) {
        diag_add(r->diags, DIAG_ERROR, t->path, r->row_line, (int)used + 1,
                 "this row has %zu values but the header has %zu columns; add the missing "
                 "values (an empty value still needs its comma)", used, t->ncols);
        bad = true;
    } else if (used > t->ncols && !bad) {
        diag_add(r->diags, DIAG_ERROR, t->path, r->row_line, (int)t->ncols + 1,
                 "this row has %zu values but the header has %zu columns; text with a "
                 "comma in it must be in double quotes, like \"Ward 10, Respiratory\"",
                 used, t->ncols);
        bad = true;
    }
    if (mem_grow((void **)&t->rows, &t->cap, t->nrows + 1, sizeof(CsvRow)) != 0) {
        r->failed = true;
        return;
    }
    CsvRow *row = &t->rows[t->nrows++];
    row->line = r->row_line;
    row->nfields = used;
    row->fields = cells;
    row->bad = bad;
}

static void on_row(int terminator, void *user)
{
    (void)terminator;
    finish_row(user);
}

/* Reads the whole file; returns 0, 1 when it does not exist, -1 with a message. */
static int slurp(const char *path, char **out, size_t *len, DiagList *diags)
{
    switch (file_read(path, CSV_MAX_FILE, out, len)) {
    case FILE_READ_OK:
        return 0;
    case FILE_READ_MISSING:
        return 1;
    case FILE_READ_TOO_LARGE:
        diag_add(diags, DIAG_ERROR, path, 0, 0, "the file is larger than %d MB; "
                 "split it or remove unused rows", CSV_MAX_FILE / (1024 * 1024));
        return -1;
    case FILE_READ_FAILED:
        break;
    }
    diag_add(diags, DIAG_ERROR, path, 0, 0, "%s", err_msg());
    return -1;
}

/* "id,name,level" for messages. */
static void column_list(const CsvColumn *columns, size_t n, char *out, size_t cap)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t c = 0; c < n && used < cap; c++) {
        int w = snprintf(out + used, cap - used, "%s%s", c ? "," : "", columns[c].name);
        if (w < 0)
            break;
        used += (size_t)w;
    }
}

/* ==== a renamed column ==== */

enum { NAME_KEY_MAX = 64 };

/* s without case or anything but letters and digits ("Plan width" -> "planwidth"); ""
 * when that is longer than NAME_KEY_MAX bytes (no header that long is a column's). */
static void name_key(const char *s, size_t n, char *out)
{
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (ch >= 'A' && ch <= 'Z')
            ch = (char)(ch - 'A' + 'a');
        if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
            if (len == NAME_KEY_MAX) {
                len = 0;
                break;
            }
            out[len++] = ch;
        }
    }
    out[len] = '\0';
}


/* Characters between the words of a header ("Opening hours", "plan_width (m)"). */
static bool is_word_gap(char ch)
{
    return ch == ' ' || ch == '_' || ch == '-' || ch == '/' || ch == '(' || ch == ')' ||
           ch == '.' || ch == ',' || ch == ':' || ch == '\t';
}

/* How much header text h looks like column `name`, best first: 0 the same but for case,
 * spaces and punctuation ("Plan width"); 1 or 2 letters wrong, missing or extra
 * ("adress"); 3 one of its words, or several in a row ("Opening hours" for hours,
 * "Plan width (m)" for plan_width); 4 one begins with the
 * other, three letters at least ("frequency" for freq). -1 when not alike. */
static int likeness(const char *h, const char *name)
{
    char hk[NAME_KEY_MAX + 1], nk[NAME_KEY_MAX + 1];
    name_key(h, strlen(h), hk);
    name_key(name, strlen(name), nk);
    size_t hl = strlen(hk), nl = strlen(nk);
    if (!hl || !nl)
        return -1;
    if (strcmp(hk, nk) == 0)
        return 0;
    size_t d = id_distance(hk, nk);
    if (nl >= 3 && d <= (nl <= 4 ? 1u : 2u))
        return (int)d;
    /* One or more words of h in a row ("Opening hours", "The plan width (m)"). */
    for (const char *p = h; *p;) {
        char run[NAME_KEY_MAX + 1];
        size_t rl = 0;
        for (const char *q = p; *q && rl < nl;) {
            size_t n = 0;
            while (q[n] && !is_word_gap(q[n]))
                n++;
            char wk[NAME_KEY_MAX + 1];
            name_key(q, n, wk);
            size_t wl = strlen(wk);
            if (rl + wl > nl)
                break;
            memcpy(run + rl, wk, wl);
            rl += wl;
            run[rl] = '\0';
            if (rl == nl && strcmp(run, nk) == 0)
                return 3;
            q += n;
            while (is_word_gap(*q))
                q++;
        }
        while (*p && !is_word_gap(*p))
            p++;
        while (is_word_gap(*p))
            p++;
    }
    size_t shorter = hl < nl ? hl : nl;
    if (shorter >= 3 && strncmp(hk, nk, shorter) == 0)
        return 4;
    return -1;
}

/* The known column that header text h most likely was before it was renamed: the most
 * alike among those the header does not have and no other cell claimed (only required
 * ones unless t->suggest_columns); -1 when none is alike. */
static int renamed_from(const CsvTable *t, const char *h, const int *claimed)
{
    int best = -1, best_score = 0;
    for (size_t c = 0; c < t->ncolumns; c++) {
        if (t->colmap[c] >= 0 || claimed[c] >= 0 ||
            !(t->columns[c].required || t->suggest_columns))
            continue;
        int score = likeness(h, t->columns[c].name);
        if (score >= 0 && (best < 0 || score < best_score)) {
            best = (int)c;
            best_score = score;
        }
    }
    return best;
}

/* ==== the header ==== */

/* When header text h is NAME_LANG for a translatable known column NAME (LANG made of
 * letters, digits and hyphens), records it as a translation column and returns true. */
static bool take_translation(CsvTable *t, const char *h, size_t index)
{
    const char *us = strrchr(h, '_');
    if (!us || us == h || !us[1])
        return false;
    for (const char *p = us + 1; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
            return false;
    size_t blen = (size_t)(us - h);
    for (size_t c = 0; c < t->ncolumns; c++) {
        const CsvColumn *col = &t->columns[c];
        if (!(t->translatable & (1ul << c)) || strlen(col->name) != blen || memcmp(col->name, h, blen) != 0)
            continue;
        CsvTransColumn *grown = arena_alloc(&t->arena, sizeof *grown * (t->ntrcols + 1));
        if (!grown)
            return false;
        if (t->ntrcols)
            memcpy(grown, t->trcols, sizeof *grown * t->ntrcols);
        grown[t->ntrcols++] = (CsvTransColumn){c, us + 1, (int)index};
        t->trcols = grown;
        return true;
    }
    return false;
}

/* Matches header cells to known columns; returns 0, or -1 when a required column is
 * missing or a column is named twice. A cell that is not a known column but looks like
 * one the header lacks is taken for a rename: an error saying "did you mean ...?" (for
 * a required column, in place of "the header row has no ... column"). */
static int map_header(CsvTable *t, DiagList *diags)
{
    int header_line = t->header_line;
    size_t nc = t->ncolumns ? t->ncolumns : 1;
    t->colmap = arena_alloc(&t->arena, sizeof(int) * nc);
    int *claimed = arena_alloc(&t->arena, sizeof(int) * nc); /* header cell, or -1 */
    const char **shown = arena_alloc(&t->arena, sizeof(char *) * (t->ncols ? t->ncols : 1));
    if (!t->colmap || !claimed || !shown) {
        diag_add(diags, DIAG_ERROR, t->path, 0, 0, "out of memory");
        return -1;
    }
    for (size_t c = 0; c < t->ncolumns; c++)
        t->colmap[c] = claimed[c] = -1;
    int rc = 0;
    char names[512];
    column_list(t->columns, t->ncolumns, names, sizeof names);
    for (size_t i = 0; i < t->ncols; i++) {
        char *h = t->header[i];
        shown[i] = h;
        for (char *p = h; *p; p++) {
            if (*p >= 'A' && *p <= 'Z') {
                if (shown[i] == h)
                    shown[i] = arena_strdup(&t->arena, h); /* as written, for messages */
                *p = (char)(*p - 'A' + 'a');
            }
        }
        if (!shown[i])
            shown[i] = h;
        if (!h[0])
            continue; /* an unnamed column: notes kept beside the data */
        size_t c = 0;
        while (c < t->ncolumns && strcmp(h, t->columns[c].name) != 0)
            c++;
        if (c == t->ncolumns) {
            take_translation(t, h, i); /* name_cy: a translation of name */
            continue; /* unknown: looked at once every known one has been placed */
        }
        if (t->colmap[c] >= 0) {
            diag_add(diags, DIAG_ERROR, t->path, header_line, (int)i + 1,
                     "column '%s' appears twice in the header row (also column %d); "
                     "remove one", h, t->colmap[c] + 1);
            rc = -1;
        } else {
            t->colmap[c] = (int)i;
        }
    }
    for (size_t i = 0; i < t->ncols; i++) {
        const char *h = t->header[i];
        bool known = !h[0];
        for (size_t c = 0; c < t->ncolumns && !known; c++)
            known = strcmp(h, t->columns[c].name) == 0;
        for (size_t k = 0; k < t->ntrcols && !known; k++)
            known = t->trcols[k].index == (int)i;
        if (known)
            continue;
        int c = renamed_from(t, h, claimed);
        if (c < 0) {
            diag_add(diags, DIAG_WARNING, t->path, header_line, (int)i + 1,
                     "column '%s' is not one Signpost uses, so it is ignored (the columns "
                     "are: %s)", shown[i], names);
            continue;
        }
        claimed[c] = (int)i;
        const char *name = t->columns[c].name;
        if (t->columns[c].required) {
            diag_add(diags, DIAG_ERROR, t->path, header_line, (int)i + 1,
                     "column '%s' is not one Signpost uses, and the header row has no '%s' "
                     "column, which this file needs; did you mean '%s'? Rename the column "
                     "to %s", shown[i], name, name, name);
            rc = -1;
        } else {
            diag_add(diags, DIAG_ERROR, t->path, header_line, (int)i + 1,
                     "column '%s' is not one Signpost uses; did you mean '%s'? Rename the "
                     "column to %s: as it is, nothing in it is read", shown[i], name, name);
        }
    }
    for (size_t c = 0; c < t->ncolumns; c++) {
        if (t->colmap[c] < 0 && claimed[c] < 0 && t->columns[c].required) {
            diag_add(diags, DIAG_ERROR, t->path, header_line, 0,
                     "the header row has no '%s' column; the first row must name the "
                     "columns: %s", t->columns[c].name, names);
            rc = -1;
        }
    }
    return rc;
}

int csv_table_read(CsvTable *t, const char *dir, const char *file,
                   const CsvColumn *columns, size_t ncolumns, DiagList *diags)
{
    size_t dlen = strlen(dir);
    bool slash = dlen > 0 && dir[dlen - 1] == '/';
    t->path = mem_alloc(dlen + strlen(file) + 2);
    if (!t->path) {
        diag_add(diags, DIAG_ERROR, file, 0, 0, "out of memory");
        return -1;
    }
    sprintf(t->path, "%s%s%s", dir, slash || dlen == 0 ? "" : "/", file);
    t->columns = columns;
    t->ncolumns = ncolumns;

    char *buf = NULL;
    size_t len = 0;
    int rc = slurp(t->path, &buf, &len, diags);
    if (rc != 0)
        return rc;
    size_t start = 0;
    if (len >= 2 && (((unsigned char)buf[0] == 0xFF && (unsigned char)buf[1] == 0xFE) ||
                     ((unsigned char)buf[0] == 0xFE && (unsigned char)buf[1] == 0xFF))) {
        diag_add(diags, DIAG_ERROR, t->path, 1, 0, "the file is saved as UTF-16 (\"Unicode "
                 "text\"); save it as \"CSV UTF-8\" instead");
        mem_free(buf);
        return -1;
    }
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        start = 3; /* UTF-8 byte order mark, as Excel writes it */

    struct csv_parser parser;
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        mem_free(buf);
        diag_add(diags, DIAG_ERROR, t->path, 0, 0, "out of memory");
        return -1;
    }
    csv_set_blk_size(&parser, CSV_BLOCK);
    Reader r = {.t = t, .diags = diags, .line = 1, .at_field_start = true, .row_line = 1,
                .field_line = 1};
    rc = 0;
    for (size_t i = start; i < len && rc == 0 && !r.failed; i++) {
        unsigned char b = (unsigned char)buf[i];
        if (r.at_field_start) {
            bool skip = b == ' ' || b == '\t' || ((b == '\r' || b == '\n') && r.nfields == 0);
            if (!skip) {
                r.at_field_start = false;
                r.field_line = r.line;
                if (r.nfields == 0)
                    r.row_line = r.line;
            }
        }
        if (csv_parse(&parser, buf + i, 1, on_field, on_row, &r) != 1) {
            diag_add(diags, DIAG_ERROR, t->path, r.line, (int)r.nfields + 1,
                     "a double quote (\") is in the wrong place; a value with quotes in it "
                     "must itself be in double quotes, with each quote inside doubled (\"\")");
            rc = -1;
        }
        /* Lines end with \n, \r\n or (old Mac files) a lone \r. */
        if (b == '\n' || (b == '\r' && (i + 1 >= len || buf[i + 1] != '\n')))
            r.line++;
    }
    if (rc == 0 && !r.failed &&
        csv_fini(&parser, on_field, on_row, &r) != 0) {
        diag_add(diags, DIAG_ERROR, t->path, r.field_line, (int)r.nfields + 1,
                 "a double quote (\") opened here is never closed; add the closing quote");
        rc = -1;
    }
    csv_free(&parser);
    mem_free(buf);
    mem_free(r.fields);
    if (r.failed) {
        diag_add(diags, DIAG_ERROR, t->path, 0, 0, "out of memory");
        return -1;
    }
    if (rc != 0)
        return -1;
    if (!r.have_header) {
        char names[512];
        column_list(columns, ncolumns, names, sizeof names);
        diag_add(diags, DIAG_ERROR, t->path, 1, 0,
                 "the file is empty; it needs at least the header row: %s", names);
        return -1;
    }
    return map_header(t, diags);
}

const char *csv_cell(const CsvTable *t, const CsvRow *row, size_t col)
{
    if (col >= t->ncolumns || !t->colmap)
        return "";
    int i = t->colmap[col];
    if (i < 0 || (size_t)i >= row->nfields)
        return "";
    return row->fields[i];
}

const char *csv_trans_cell(const CsvTable *t, const CsvRow *row, size_t i)
{
    if (i >= t->ntrcols)
        return "";
    int f = t->trcols[i].index;
    return f >= 0 && (size_t)f < row->nfields ? row->fields[f] : "";
}

int csv_column_number(const CsvTable *t, size_t col)
{
    if (col >= t->ncolumns || !t->colmap || t->colmap[col] < 0)
        return 0;
    return t->colmap[col] + 1;
}
