/* testlib.c: the helpers of testlib.h shared by the test programs: whole files read
 * and written, folders copied and removed, problems looked up in a DiagList. */
#define SIGNPOST_TESTLIB_IMPL
#include "testlib.h"

#include <sqlite3.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

char *tl_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0, got;
    char *buf = malloc(cap + 1);
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *nb = realloc(buf, cap * 2 + 1);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
    }
    fclose(f);
    if (buf) {
        buf[n] = '\0';
        if (len)
            *len = n;
    }
    return buf;
}

char *tl_read_in(const char *dir, const char *name, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return tl_read_file(path, len);
}

int tl_write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        fprintf(stderr, "  cannot write %s: %s\n", path, strerror(errno));
        return -1;
    }
    size_t put = fwrite(data, 1, len, f);
    int closed = fclose(f);
    if (put != len || closed != 0) {
        fprintf(stderr, "  cannot write %s: wrote %zu of %zu bytes\n", path, put, len);
        return -1;
    }
    return 0;
}

int tl_write_in(const char *dir, const char *name, const void *data, size_t len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return tl_write_file(path, data, len);
}

bool tl_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

static int copy_dir(const char *from, const char *to, bool recurse)
{
    mkdir(to, 0755);
    DIR *d = opendir(from);
    if (!d)
        return -1;
    int failed = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char src[1024], dst[1024];
        snprintf(src, sizeof src, "%s/%s", from, e->d_name);
        snprintf(dst, sizeof dst, "%s/%s", to, e->d_name);
        struct stat st;
        if (recurse && stat(src, &st) == 0 && S_ISDIR(st.st_mode)) {
            if (copy_dir(src, dst, true) != 0)
                failed++;
            continue;
        }
        size_t len = 0;
        char *data = tl_read_file(src, &len);
        if (!data || tl_write_file(dst, data, len) != 0)
            failed++;
        free(data);
    }
    closedir(d);
    return failed;
}

int tl_copy_files(const char *from, const char *to)
{
    return copy_dir(from, to, false);
}

int tl_copy_tree(const char *from, const char *to)
{
    return copy_dir(from, to, true);
}

void tl_remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
            tl_remove_tree(path);
        else
            unlink(path);
    }
    closedir(d);
    rmdir(dir);
}

bool tl_diag(const DiagList *dl, DiagLevel level, const char *file, int line, int column,
             const char *text)
{
    size_t flen = strlen(file);
    for (size_t i = 0; i < dl->len; i++) {
        const Diag *d = &dl->items[i];
        size_t dlen = strlen(d->file);
        if (d->level == level && dlen >= flen && strcmp(d->file + dlen - flen, file) == 0 &&
            (dlen == flen || d->file[dlen - flen - 1] == '/') && d->line == line &&
            d->column == column && strstr(d->message, text))
            return true;
    }
    fprintf(stderr, "  expected %s:%d:%d: %s: ...%s...; got:\n", file, line, column,
            level == DIAG_ERROR ? "error" : "warning", text);
    diag_print(dl, stderr);
    return false;
}

long long tl_query_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    long long v = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    else
        fprintf(stderr, "  query failed: %s: %s\n", sql, sqlite3_errmsg(db));
    sqlite3_finalize(st);
    return v;
}

const char *tl_query_text(sqlite3 *db, const char *sql)
{
    static char buf[1024];
    sqlite3_stmt *st = NULL;
    snprintf(buf, sizeof buf, "(no row)");
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        snprintf(buf, sizeof buf, "%s", (const char *)sqlite3_column_text(st, 0));
    else
        fprintf(stderr, "  query failed: %s: %s\n", sql, sqlite3_errmsg(db));
    sqlite3_finalize(st);
    return buf;
}
