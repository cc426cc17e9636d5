/* testlib.h: helpers shared by the test programs (library signpost_testlib): whole
 * files read and written, folders of content copied and removed, the search of a
 * DiagList for one problem, and one-value queries on a content store. The plain functions report a failure on stderr and return
 * it; the checked forms at the end mark the running test failed instead, so include this
 * after test.h. */
#ifndef SIGNPOST_TESTLIB_H
#define SIGNPOST_TESTLIB_H

#include "diag.h"
#ifndef SIGNPOST_TESTLIB_IMPL /* testlib.c itself has no running test */
#include "test.h"
#endif

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

/* The whole file, NUL-terminated (NULL when it cannot be opened or memory runs out);
 * its length goes to *len when len is not NULL. The caller frees it. */
char *tl_read_file(const char *path, size_t *len);

/* The same for the file `name` in folder `dir`. */
char *tl_read_in(const char *dir, const char *name, size_t *len);

/* Writes len bytes to path (replaced). 0, or -1 after a message on stderr. */
int tl_write_file(const char *path, const void *data, size_t len);

/* The same for the file `name` in folder `dir`. */
int tl_write_in(const char *dir, const char *name, const void *data, size_t len);

/* True when something is at path (stat: a link is followed). */
bool tl_exists(const char *path);

/* Copies every entry of `from` whose name does not begin with '.' into `to` (created
 * if needed) as a file. Returns -1 when `from` cannot be opened, otherwise the number
 * of entries that could not be copied. */
int tl_copy_files(const char *from, const char *to);

/* The same, copying folders in `from` as folders, with all they hold. */
int tl_copy_tree(const char *from, const char *to);

/* Removes a folder and all it holds (links are removed, not followed). */
void tl_remove_tree(const char *dir);

/* True when `dl` has a problem of `level` in a file whose path ends with the path
 * component(s) `file`, at `line` and `column`, whose message contains `text`. Prints
 * every problem when it has not. */
bool tl_diag(const DiagList *dl, DiagLevel level, const char *file, int line, int column,
             const char *text);

/* The first column of the first row of `sql` on an open SQLite database: as an integer
 * (-1 when there is no row or the query fails), or as text (in a static buffer
 * overwritten by the next call; "(no row)" when there is none). A failure is reported
 * on stderr. */
struct sqlite3;
long long tl_query_int(struct sqlite3 *db, const char *sql);
const char *tl_query_text(struct sqlite3 *db, const char *sql);

#ifndef SIGNPOST_TESTLIB_IMPL
/* ==== checked forms: a failure fails the running test ==== */

static inline void tl_put(const char *path, const void *data, size_t len)
{
    CHECK(tl_write_file(path, data, len) == 0);
}

static inline void tl_put_str(const char *path, const char *text)
{
    tl_put(path, text, strlen(text));
}

static inline void tl_put_in(const char *dir, const char *name, const void *data, size_t len)
{
    CHECK(tl_write_in(dir, name, data, len) == 0);
}

static inline void tl_put_text(const char *dir, const char *name, const char *text)
{
    tl_put_in(dir, name, text, strlen(text));
}

/* Copies the files of `from` into `to`; `from` missing is a failure only when
 * from_must_exist. */
static inline void tl_put_files(const char *from, const char *to, bool from_must_exist)
{
    int rc = tl_copy_files(from, to);
    CHECK(rc >= 0 || !from_must_exist);
    CHECK(rc <= 0);
}
#endif

#endif
