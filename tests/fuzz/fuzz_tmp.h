/* fuzz_tmp.h: a private temporary folder for fuzz targets that must hand their input to
 * code that reads files (a config file, a CSV folder, an SQLite database): made once
 * per process with mkdtemp (in memory where it can be), removed with everything in it at exit. Writing a file
 * aborts on failure, since a target that cannot write its input tests nothing. */
#ifndef SIGNPOST_FUZZ_TMP_H
#define SIGNPOST_FUZZ_TMP_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char fuzz_tmp_root[128];

/* Removes dir and everything in it (links are removed, not followed). */
static inline void fuzz_tmp_remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char path[1024];
        int n = snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (n < 0 || (size_t)n >= sizeof path)
            continue;
        struct stat sb;
        if (lstat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
            fuzz_tmp_remove_tree(path);
        else
            unlink(path);
    }
    if (d)
        closedir(d);
    rmdir(dir);
}

static inline void fuzz_tmp_cleanup(void)
{
    if (fuzz_tmp_root[0])
        fuzz_tmp_remove_tree(fuzz_tmp_root);
}

/* The folder (made on the first call; `tag` names it: signpost-fuzz-TAG-XXXXXX in
 * /dev/shm, or /tmp).
 * Also fixes the build day, so every run sees the same "today". */
static inline const char *fuzz_tmp_dir(const char *tag)
{
    if (!fuzz_tmp_root[0]) {
        /* In memory when it can be (/dev/shm): the targets write a file every input,
         * and SQLite syncs them, which costs nothing there. */
        const char *parent = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
        snprintf(fuzz_tmp_root, sizeof fuzz_tmp_root, "%s/signpost-fuzz-%s-XXXXXX", parent,
                 tag);
        if (!mkdtemp(fuzz_tmp_root)) {
            perror("mkdtemp");
            abort();
        }
        setenv("SOURCE_DATE_EPOCH", "1795348800", 1);
        atexit(fuzz_tmp_cleanup);
    }
    return fuzz_tmp_root;
}

/* Writes len bytes to dir/name (replaced). */
static inline void fuzz_tmp_put(const char *dir, const char *name, const void *data, size_t len)
{
    char path[1024];
    int n = snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = n > 0 && (size_t)n < sizeof path ? fopen(path, "wb") : NULL;
    if (!f || (len && fwrite(data, 1, len, f) != len)) {
        perror(path);
        abort();
    }
    fclose(f);
}

/* Removes an SQLite database and the files SQLite keeps beside it. */
static inline void fuzz_tmp_remove_db(const char *path)
{
    static const char *const sides[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof sides / sizeof sides[0]; i++) {
        char p[1024];
        int n = snprintf(p, sizeof p, "%s%s", path, sides[i]);
        if (n > 0 && (size_t)n < sizeof p)
            unlink(p);
    }
}

/* Reads a whole file into a new buffer (malloc; *len bytes); NULL when it cannot. */
static inline unsigned char *fuzz_tmp_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *buf = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len = buf ? (size_t)n : 0;
    return buf;
}

/* A database file from the input, into path (its side files removed first): an input
 * that begins as an SQLite file ("SQLite format 3\0") is the file itself; any other is
 * a list of edits to `model` (a valid database of mlen bytes): each 4 bytes are a
 * 3-byte offset (big-endian, modulo mlen) and the byte to write there, so the fuzzer
 * reaches deep into a file SQLite accepts instead of stopping at its header. */
static inline void fuzz_tmp_put_db(const char *path, const unsigned char *model,
                                   size_t mlen, const unsigned char *data, size_t size)
{
    fuzz_tmp_remove_db(path);
    const char *slash = strrchr(path, '/');
    char dir[1024];
    int n = snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    if (n < 0 || (size_t)n >= sizeof dir)
        abort();
    if (size >= 16 && memcmp(data, "SQLite format 3", 16) == 0) {
        fuzz_tmp_put(dir, slash + 1, data, size);
        return;
    }
    unsigned char *edited = malloc(mlen ? mlen : 1);
    if (!edited)
        abort();
    memcpy(edited, model, mlen);
    for (size_t i = 0; mlen && i + 4 <= size; i += 4) {
        size_t at = ((size_t)data[i] << 16 | (size_t)data[i + 1] << 8 | data[i + 2]) % mlen;
        edited[at] = data[i + 3];
    }
    fuzz_tmp_put(dir, slash + 1, edited, mlen);
    free(edited);
}

#endif
