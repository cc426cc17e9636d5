/* outbox_sync_status.c: the sync's health file beside the outbox (see outbox.h):
 * written atomically by signpostctl sync after each pass, read by the kiosk's staff
 * status screen. It holds counts, times and the failure in plain words, nothing a
 * person entered. The reader trusts nothing: every line is checked, and a problem is
 * reported as "FILE:LINE: message". */
#include "outbox.h"

#include "err.h"
#include "files.h"
#include "mem.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { STATUS_MAX = 4096 };

int outbox_sync_status_path(const char *outbox, char *out, size_t cap)
{
    int n = snprintf(out, cap, "%s.sync-status", outbox ? outbox : "");
    return n < 0 || (size_t)n >= cap ? err_set("the outbox path is too long") : 0;
}

int outbox_sync_status_write(const char *path, const OutboxSyncStatus *s)
{
    /* One line each: a message never carries a line break into the file. */
    char message[sizeof s->message];
    snprintf(message, sizeof message, "%s", s->message);
    for (char *p = message; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    char text[STATUS_MAX];
    int n = snprintf(text, sizeof text,
                     "signpost-sync-status 1\ntime %lld\nresult %s\nlast-ok %lld\nsent %d\n"
                     "waiting %d\nmessage %s\n",
                     s->time, s->ok ? "ok" : "error", s->last_ok, s->sent, s->waiting, message);
    if (n < 0 || (size_t)n >= sizeof text)
        return err_set("sync status %s: too long", path);
    return file_write_atomic(path, text, (size_t)n, 0640); /* its message names path */
}

/* A whole number in [lo, hi] from s (all of it). */
static bool number(const char *s, long long lo, long long hi, long long *out)
{
    if (!s[0] || (s[0] != '-' && (s[0] < '0' || s[0] > '9')))
        return false;
    char *end = NULL;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || !end || *end || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

int outbox_sync_status_parse(const char *text, size_t len, const char *name,
                             OutboxSyncStatus *s)
{
    memset(s, 0, sizeof *s);
    s->waiting = -1;
    enum { F_TIME = 1, F_RESULT = 2, F_LAST = 4, F_SENT = 8, F_WAITING = 16, F_MESSAGE = 32,
           F_ALL = 63 };
    int seen = 0, line = 0;
    size_t at = 0;
    while (at < len) {
        size_t end = at;
        while (end < len && text[end] != '\n')
            end++;
        line++;
        char buf[512];
        size_t n = end - at;
        if (n >= sizeof buf)
            return err_set("%s:%d: the line is too long", name, line);
        memcpy(buf, text + at, n);
        buf[n] = '\0';
        at = end < len ? end + 1 : end;
        if (memchr(buf, '\0', n) || strchr(buf, '\r'))
            return err_set("%s:%d: the line holds a control character", name, line);
        if (line == 1) {
            if (strcmp(buf, "signpost-sync-status 1") != 0)
                return err_set("%s:1: not a sync status file (it must start with "
                               "\"signpost-sync-status 1\")",
                               name);
            continue;
        }
        if (!buf[0])
            continue;
        char *sp = strchr(buf, ' ');
        const char *value = sp ? sp + 1 : "";
        if (sp)
            *sp = '\0';
        long long v = 0;
        int bit = 0;
        bool ok = true;
        if (strcmp(buf, "time") == 0) {
            bit = F_TIME;
            ok = number(value, 0, 1LL << 40, &v);
            s->time = v;
        } else if (strcmp(buf, "result") == 0) {
            bit = F_RESULT;
            ok = strcmp(value, "ok") == 0 || strcmp(value, "error") == 0;
            s->ok = strcmp(value, "ok") == 0;
        } else if (strcmp(buf, "last-ok") == 0) {
            bit = F_LAST;
            ok = number(value, 0, 1LL << 40, &v);
            s->last_ok = v;
        } else if (strcmp(buf, "sent") == 0) {
            bit = F_SENT;
            ok = number(value, 0, 1 << 30, &v);
            s->sent = (int)v;
        } else if (strcmp(buf, "waiting") == 0) {
            bit = F_WAITING;
            ok = number(value, -1, 1 << 30, &v);
            s->waiting = (int)v;
        } else if (strcmp(buf, "message") == 0) {
            bit = F_MESSAGE;
            ok = strlen(value) < sizeof s->message;
            snprintf(s->message, sizeof s->message, "%s", ok ? value : "");
        } else {
            return err_set("%s:%d: unknown field '%.40s'", name, line, buf);
        }
        if (!ok)
            return err_set("%s:%d: '%.40s' has a value that cannot be used", name, line, buf);
        if (seen & bit)
            return err_set("%s:%d: '%s' is given twice", name, line, buf);
        seen |= bit;
    }
    if (line == 0)
        return err_set("%s:1: the file is empty", name);
    if (seen != F_ALL)
        return err_set("%s:%d: the file is cut short (a field is missing)", name, line);
    return 0;
}

int outbox_sync_status_read(const char *path, OutboxSyncStatus *s)
{
    memset(s, 0, sizeof *s);
    s->waiting = -1;
    char *text = NULL;
    size_t len = 0;
    FileRead fr = file_read(path, STATUS_MAX, &text, &len);
    if (fr == FILE_READ_MISSING)
        return 1;
    if (fr != FILE_READ_OK)
        return -1; /* file_read's message names path */
    int rc = outbox_sync_status_parse(text, len, path, s);
    mem_free(text);
    return rc;
}
