/* files.c: file identities, syncing, whole-file reads, durable copies and hex files
 * (see files.h). */
#include "files.h"

#include "err.h"
#include "mem.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void id_from_stat(const struct stat *sb, FileId *id)
{
    id->exists = true;
    id->dev = (unsigned long long)sb->st_dev;
    id->ino = (unsigned long long)sb->st_ino;
    id->size = (unsigned long long)sb->st_size;
    id->mtime_ns = (long long)sb->st_mtim.tv_sec * 1000000000LL + sb->st_mtim.tv_nsec;
}

void file_id(const char *path, FileId *id)
{
    struct stat sb;
    memset(id, 0, sizeof *id);
    if (stat(path, &sb) == 0)
        id_from_stat(&sb, id);
}

void file_id_fd(int fd, FileId *id)
{
    struct stat sb;
    memset(id, 0, sizeof *id);
    if (fstat(fd, &sb) == 0)
        id_from_stat(&sb, id);
}

bool file_id_same(const FileId *a, const FileId *b)
{
    if (!a->exists || !b->exists)
        return a->exists == b->exists;
    return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
           a->mtime_ns == b->mtime_ns;
}

int file_dir_of(const char *path, char *out, size_t cap)
{
    const char *slash = strrchr(path, '/');
    int n;
    if (!slash)
        n = snprintf(out, cap, ".");
    else if (slash == path)
        n = snprintf(out, cap, "/");
    else
        n = snprintf(out, cap, "%.*s", (int)(slash - path), path);
    if (n < 0 || (size_t)n >= cap)
        return err_set("the folder name of %s is too long", path);
    return 0;
}

static int sync_open(const char *path, int flags, const char *what)
{
    int fd = open(path, flags | O_CLOEXEC);
    if (fd < 0)
        return err_set("cannot open %s %s to sync it: %s", what, path, strerror(errno));
    int rc = 0;
    if (fsync(fd) != 0)
        rc = err_set("cannot write %s %s to the disk (fsync): %s", what, path, strerror(errno));
    close(fd);
    return rc;
}

int file_sync(const char *path)
{
    return sync_open(path, O_RDONLY, "file");
}

int file_sync_dir_of(const char *path)
{
    char dir[4096];
    if (file_dir_of(path, dir, sizeof dir) != 0)
        return -1;
    return sync_open(dir, O_RDONLY | O_DIRECTORY, "folder");
}

unsigned char *file_read_fd(int fd, const char *name, size_t max, size_t *len)
{
    struct stat sb;
    if (fstat(fd, &sb) != 0) {
        err_set("cannot read %s: %s", name, strerror(errno));
        return NULL;
    }
    if (sb.st_size < 0 || (unsigned long long)sb.st_size > max) {
        err_set("%s is too large (%lld bytes; at most %zu)", name, (long long)sb.st_size, max);
        return NULL;
    }
    size_t size = (size_t)sb.st_size, done = 0;
    unsigned char *buf = mem_alloc(size + 1);
    if (!buf) {
        err_set("out of memory reading %s (%zu bytes)", name, size);
        return NULL;
    }
    /* Read exactly what fstat() said; a file that changes size meanwhile is refused. */
    while (done < size) {
        ssize_t r = pread(fd, buf + done, size - done, (off_t)done);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            err_set("cannot read %s: %s", name, r < 0 ? strerror(errno) : "it became shorter");
            mem_free(buf);
            return NULL;
        }
        done += (size_t)r;
    }
    unsigned char extra;
    if (pread(fd, &extra, 1, (off_t)size) > 0) {
        err_set("cannot read %s: it grew while being read", name);
        mem_free(buf);
        return NULL;
    }
    buf[size] = '\0';
    *len = size;
    return buf;
}

/* What kind of thing a non-regular file is, for messages. */
static const char *kind_of(mode_t mode)
{
    if (S_ISDIR(mode))
        return "a folder";
    if (S_ISFIFO(mode))
        return "a named pipe (FIFO)";
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return "a device";
    if (S_ISSOCK(mode))
        return "a socket";
    return "not a regular file";
}

/* Sets err_msg() for a path that open() or stat() could not reach (errno e): a link
 * that points at nothing or round in a loop is named as such. Returns how it went. */
static FileRead unreachable(const char *path, int e)
{
    struct stat lsb;
    if (e == ENOENT && lstat(path, &lsb) == 0 && S_ISLNK(lsb.st_mode)) {
        char target[1024];
        ssize_t n = readlink(path, target, sizeof target - 1);
        target[n > 0 ? n : 0] = '\0';
        err_set("cannot read %s: it is a symbolic link to '%s', which does not exist", path,
                target);
        return FILE_READ_FAILED;
    }
    if (e == ELOOP) {
        err_set("cannot read %s: it is a symbolic link that leads round in a loop (to itself "
                "or through other links back to itself)", path);
        return FILE_READ_FAILED;
    }
    err_set("cannot open %s: %s", path, strerror(e));
    return e == ENOENT ? FILE_READ_MISSING : FILE_READ_FAILED;
}

FileRead file_read(const char *path, size_t max, char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    /* Look before opening: opening a device can have effects of its own. */
    struct stat sb;
    if (stat(path, &sb) != 0)
        return unreachable(path, errno);
    if (!S_ISREG(sb.st_mode)) {
        err_set("cannot read %s: it is %s, not a file", path, kind_of(sb.st_mode));
        return FILE_READ_FAILED;
    }
    /* O_NONBLOCK: should a named pipe be put in its place meanwhile, open() returns at
     * once instead of waiting for a writer, and fstat() below refuses it. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return unreachable(path, errno);
    FileRead rc = FILE_READ_FAILED;
    if (fstat(fd, &sb) != 0) {
        err_set("cannot read %s: %s", path, strerror(errno));
    } else if (!S_ISREG(sb.st_mode)) {
        err_set("cannot read %s: it is %s, not a file", path, kind_of(sb.st_mode));
    } else if ((unsigned long long)sb.st_size > max) {
        err_set("%s is too large (%lld bytes; at most %zu)", path, (long long)sb.st_size, max);
        rc = FILE_READ_TOO_LARGE;
    } else {
        *out = (char *)file_read_fd(fd, path, max, len);
        rc = *out ? FILE_READ_OK : FILE_READ_FAILED;
    }
    close(fd);
    return rc;
}

/* Writes all of data to fd. Returns 0 or an errno value. */
static int write_all(int fd, const void *data, size_t len)
{
    const char *p = data;
    while (len > 0) {
        ssize_t w = write(fd, p, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return w < 0 ? errno : ENOSPC;
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

static int write_failed(const char *path, int err)
{
    if (err == ENOSPC)
        return err_set("cannot write %s: the disk is full", path);
    return err_set("cannot write %s: %s", path, strerror(err));
}

int file_copy(const char *from, const char *to, unsigned mode)
{
    int in = open(from, O_RDONLY | O_CLOEXEC);
    if (in < 0)
        return err_set("cannot read %s: %s", from, strerror(errno));
    if (unlink(to) != 0 && errno != ENOENT) {
        int e = errno;
        close(in);
        return err_set("cannot replace %s: %s", to, strerror(e));
    }
    int out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, (mode_t)mode);
    if (out < 0) {
        int e = errno;
        close(in);
        return err_set("cannot create %s: %s", to, strerror(e));
    }
    int rc = 0;
    unsigned char buf[16384];
    for (;;) {
        ssize_t r = read(in, buf, sizeof buf);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            rc = err_set("cannot read %s: %s", from, strerror(errno));
            break;
        }
        if (r == 0)
            break;
        int err = write_all(out, buf, (size_t)r);
        if (err) {
            rc = write_failed(to, err);
            break;
        }
    }
    if (rc == 0 && fsync(out) != 0)
        rc = err_set("cannot write %s to the disk (fsync): %s", to, strerror(errno));
    if (close(out) != 0 && rc == 0)
        rc = write_failed(to, errno);
    close(in);
    if (rc != 0)
        unlink(to);
    return rc;
}

/* ==== hex files ==== */

static int hex_value(char ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

static bool is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

enum { HEX_MAX_BYTES = 128 }; /* the largest hex file: a 64-byte secret key and room */

int hexfile_read(const char *path, unsigned char *out, size_t n, const char *what,
                 const char *made_by)
{
    if (!path || !path[0])
        return err_set("no %s is configured", what);
    if (n > HEX_MAX_BYTES)
        return err_set("%s %s: %zu bytes is more than a hex file holds", what, path, n);
    /* Non-blocking, then only a regular file: a named pipe here must not hang the kiosk. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT)
            return err_set("%s %s does not exist", what, path);
        return err_set("cannot read %s %s: %s", what, path, strerror(errno));
    }
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        return err_set("cannot read %s %s: it is not a file", what, path);
    }
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        close(fd);
        return err_set("cannot read %s %s: %s", what, path, strerror(errno));
    }
    /* Large enough for the text and generous white space; a longer file is not one. */
    char buf[2 * HEX_MAX_BYTES + 128];
    size_t got = fread(buf, 1, sizeof buf, f);
    bool read_error = ferror(f) != 0;
    fclose(f);
    int rc = 0;
    if (read_error) {
        rc = err_set("cannot read %s %s", what, path);
    } else {
        size_t start = 0, end = got;
        while (start < end && is_space(buf[start]))
            start++;
        while (end > start && is_space(buf[end - 1]))
            end--;
        bool ok = got < sizeof buf && end - start == 2 * n;
        for (size_t i = 0; ok && i < n; i++) {
            int hi = hex_value(buf[start + 2 * i]), lo = hex_value(buf[start + 2 * i + 1]);
            ok = hi >= 0 && lo >= 0;
            out[i] = ok ? (unsigned char)(hi << 4 | lo) : 0;
        }
        if (!ok) {
            mem_wipe(out, n);
            rc = err_set("%s is not a %s: it should hold %zu hexadecimal characters, as made "
                         "by %s", path, what, 2 * n, made_by);
        }
    }
    mem_wipe(buf, sizeof buf);
    return rc;
}

/* Writes data to the new file path (never one that exists) and syncs it. On failure
 * the file is removed; *open_err gets errno when it could not be created. */
static int write_new(const char *path, const void *data, size_t len, unsigned mode,
                     int *open_err)
{
    *open_err = 0;
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, (mode_t)mode);
    if (fd < 0) {
        *open_err = errno;
        return err_set("cannot create %s: %s", path, strerror(errno));
    }
    int rc = 0, err = write_all(fd, data, len);
    if (err)
        rc = write_failed(path, err);
    if (rc == 0 && fsync(fd) != 0)
        rc = err_set("cannot write %s to the disk: %s", path, strerror(errno));
    if (close(fd) != 0 && rc == 0)
        rc = write_failed(path, errno);
    if (rc != 0)
        unlink(path); /* no half-written file stays behind */
    return rc;
}

int file_write_atomic(const char *path, const void *data, size_t len, unsigned mode)
{
    char tmp[4096];
    int n = snprintf(tmp, sizeof tmp, "%s.tmp", path);
    if (n < 0 || (size_t)n >= sizeof tmp)
        return err_set("the file name %s is too long", path);
    if (unlink(tmp) != 0 && errno != ENOENT)
        return err_set("cannot remove the stale %s: %s", tmp, strerror(errno));
    int open_err;
    if (write_new(tmp, data, len, mode, &open_err) != 0)
        return -1;
    if (rename(tmp, path) != 0) {
        int e = errno;
        unlink(tmp);
        return err_set("cannot put %s in place: %s", path, strerror(e));
    }
    return file_sync_dir_of(path);
}

int hexfile_write(const char *path, const unsigned char *data, size_t n, unsigned mode,
                  bool replace)
{
    static const char digits[] = "0123456789abcdef";
    if (n > HEX_MAX_BYTES)
        return err_set("%s: %zu bytes is more than a hex file holds", path, n);
    char hex[2 * HEX_MAX_BYTES + 1];
    for (size_t i = 0; i < n; i++) {
        hex[2 * i] = digits[data[i] >> 4];
        hex[2 * i + 1] = digits[data[i] & 0xf];
    }
    hex[2 * n] = '\n';
    int rc, open_err = 0;
    if (replace)
        rc = file_write_atomic(path, hex, 2 * n + 1, mode);
    else
        rc = write_new(path, hex, 2 * n + 1, mode, &open_err);
    mem_wipe(hex, sizeof hex);
    if (rc != 0 && open_err == EEXIST)
        return err_set("%s already exists; a key file is never replaced (move it away "
                       "first if you really mean to make a new key)", path);
    return rc;
}
