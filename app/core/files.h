/* files.h: small file helpers: file identities (FileId), syncing a file or its folder
 * to disk, reading a whole file (the one way the program does), copying a file durably,
 * replacing one atomically, and "hex files", which hold a few bytes (a key, a
 * signature) as hexadecimal text. Every function returns 0 (or a pointer) on success,
 * or -1 (NULL) with err_msg() naming the file and the cause. */
#ifndef SIGNPOST_FILES_H
#define SIGNPOST_FILES_H

#include <stdbool.h>
#include <stddef.h>

/* Who a file is: enough to notice cheaply that it was replaced (a new inode) or
 * changed in place (size, modification time). */
typedef struct FileId {
    bool exists;
    unsigned long long dev, ino, size;
    long long mtime_ns;
} FileId;

/* The identity of the file at path (exists false when it cannot be stat()ed). */
void file_id(const char *path, FileId *id);
/* The identity of an open file. */
void file_id_fd(int fd, FileId *id);
/* True when a and b are the same file, unchanged (or both missing). */
bool file_id_same(const FileId *a, const FileId *b);

/* The folder holding path ("." for a bare name, "/" for a file in the root) into out. */
int file_dir_of(const char *path, char *out, size_t cap);

/* fsync()s the file at path. */
int file_sync(const char *path);

/* fsync()s the folder holding path, so a rename or link of path survives a power cut. */
int file_sync_dir_of(const char *path);

/* Reads the whole of the open file fd (from its start) into a new buffer, refusing
 * files larger than max bytes. name is for messages. The buffer holds *len bytes and
 * a NUL after them, so text can be used as a string; the caller frees it (mem_free). */
unsigned char *file_read_fd(int fd, const char *name, size_t max, size_t *len);

/* How file_read() went; every failure also sets err_msg(). */
typedef enum FileRead {
    FILE_READ_OK = 0,
    FILE_READ_MISSING,   /* there is no file at path (nor a symbolic link) */
    FILE_READ_TOO_LARGE, /* larger than max bytes */
    FILE_READ_FAILED,    /* could not be opened or read, not a regular file (a folder, a
                          * named pipe, a device), a symbolic link to nothing or in a
                          * loop, out of memory */
} FileRead;

/* Reads the whole regular file at path (file_read_fd) into *out, NUL-terminated, with
 * its length in *len; the caller frees *out (mem_free). On failure *out is NULL.
 * Never waits: anything but a regular file is refused before it is read, and a named
 * pipe is opened non-blocking, so a FIFO in place of a file cannot hang the caller. */
FileRead file_read(const char *path, size_t max, char **out, size_t *len);

/* Copies from to a new file `to` (any file there is replaced) with the given mode and
 * syncs it. On failure `to` is removed. */
int file_copy(const char *from, const char *to, unsigned mode);

/* Replaces path atomically with data: written as path.tmp with the given mode, synced,
 * renamed over path, and the folder synced. On failure path is as it was. */
int file_write_atomic(const char *path, const void *data, size_t len, unsigned mode);

/* Reads a hex file: n bytes as 2n hexadecimal characters, with white space allowed
 * before and after and nothing else. `what` names the kind of file in messages ("key
 * file") and `made_by` says what makes one ("'signpostctl keys new'"). The buffer that
 * held the text is wiped (secret keys are read this way too); on failure out is wiped. */
int hexfile_read(const char *path, unsigned char *out, size_t n, const char *what,
                 const char *made_by);

/* Writes n bytes as 2n hexadecimal characters and a new line, with the given mode,
 * and syncs the file. With replace false the file must be new (a key is never
 * replaced) and is written in place; with replace true any earlier file is replaced
 * atomically (written as path.tmp, synced, renamed, folder synced). On failure no
 * half-written file stays behind. */
int hexfile_write(const char *path, const unsigned char *data, size_t n, unsigned mode,
                  bool replace);

#endif
