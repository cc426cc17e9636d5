/* outbox_testlib.h: helpers shared by test_outbox.c and test_outbox_crash.c: a fresh
 * PALS key pair, a filled-in concern, files removed and read back, and the check that
 * an outbox is sound (integrity_check) and holds exactly or at least a given set of
 * references, each opening with the secret key. Include after test.h. */
#ifndef SIGNPOST_OUTBOX_TESTLIB_H
#define SIGNPOST_OUTBOX_TESTLIB_H

#include "concern.h"
#include "outbox.h"

#include <jansson.h>
#include <sodium.h>
#include <sqlite3.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Removes an outbox and its -wal and -shm files. */
static inline void tl_remove_outbox(const char *path)
{
    char side[1200];
    unlink(path);
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
}

/* Makes a key pair: the public key goes to pub_path (replaced), the secret into sk. */
static inline void tl_make_keys(const char *pub_path, unsigned char sk[OUTBOX_KEY_BYTES])
{
    unsigned char pk[OUTBOX_KEY_BYTES];
    if (sodium_init() < 0)
        abort();
    crypto_box_keypair(pk, sk);
    unlink(pub_path);
    if (outbox_key_write(pub_path, pk, false) != 0) {
        fprintf(stderr, "cannot write test key %s\n", pub_path);
        abort();
    }
}

/* A concern that passes concern_check(), with `what` as given. */
static inline void tl_fill(Concern *c, const char *what)
{
    concern_init(c);
    c->who = WHO_ME;
    c->category = "appointments";
    c->when = (CivilDate){2026, 4, 2};
    strbuf_adds(&c->what, what);
    strbuf_adds(&c->outcome, "An apology and a new appointment.");
    c->contact = CONTACT_PHONE;
    strbuf_adds(&c->name, "Test Person");
    strbuf_adds(&c->phone, "01632 960123");
    c->consent_to_share = true;
}

/* The whole file, NUL-terminated (NULL when it cannot be read; *len 0). */
static inline unsigned char *tl_slurp(const char *path, size_t *len)
{
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    unsigned char *buf = malloc(cap + 1);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            unsigned char *bigger = realloc(buf, cap * 2 + 1);
            if (!bigger) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = bigger;
            cap *= 2;
        }
    }
    fclose(f);
    if (buf) {
        buf[n] = '\0';
        *len = n;
    }
    return buf;
}

/* True when needle occurs in the bytes. */
static inline bool tl_contains(const unsigned char *hay, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; hay && n && i + n <= len; i++)
        if (memcmp(hay + i, needle, n) == 0)
            return true;
    return false;
}

/* Runs outbox_export into memory; returns the output (free it) or NULL. */
static inline char *tl_export(const char *path, const unsigned char sk[OUTBOX_KEY_BYTES],
                              OutboxFormat format, bool all, OutboxExport *ex, int *rc)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return NULL;
    *ex = (OutboxExport){.format = format, .all = all};
    *rc = outbox_export(path, sk, f, ex);
    fclose(f);
    return buf;
}

/* "ok" from PRAGMA integrity_check on a fresh connection. */
static inline bool tl_integrity_ok(const char *path)
{
    sqlite3 *db = NULL;
    bool ok = false;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK) {
        sqlite3_stmt *st = NULL;
        if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL) == SQLITE_OK &&
            sqlite3_step(st) == SQLITE_ROW) {
            const char *r = (const char *)sqlite3_column_text(st, 0);
            ok = r && strcmp(r, "ok") == 0;
            if (!ok)
                fprintf(stderr, "  integrity_check: %s\n", r ? r : "(null)");
        }
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return ok;
}

/* Exports every concern as JSON with sk and checks that each reference in refs[0..n)
 * is there and opened. With exact, the outbox must hold nothing else. Returns the
 * number of concerns exported (-1 when the export failed). */
static inline int tl_check_refs(const char *path, const unsigned char sk[OUTBOX_KEY_BYTES],
                                char (*refs)[OUTBOX_REF_MAX], size_t n, bool exact)
{
    OutboxExport ex;
    int rc = -1;
    char *out = tl_export(path, sk, OUTBOX_JSON, true, &ex, &rc);
    json_error_t err;
    json_t *all = out ? json_loads(out, 0, &err) : NULL;
    free(out);
    if (rc != 0 || !json_is_array(all)) {
        fprintf(stderr, "  export failed: rc %d, %s\n", rc, all ? "" : "no JSON");
        json_decref(all);
        return -1;
    }
    size_t missing = 0;
    for (size_t i = 0; i < n; i++) {
        bool found = false;
        size_t k;
        json_t *c;
        json_array_foreach(all, k, c) {
            const char *ref = json_string_value(json_object_get(c, "reference"));
            if (ref && strcmp(ref, refs[i]) == 0)
                found = true;
        }
        if (!found) {
            fprintf(stderr, "  acknowledged concern %s is missing\n", refs[i]);
            missing++;
        }
    }
    int count = (int)json_array_size(all);
    json_decref(all);
    if (missing || (exact && (size_t)count != n)) {
        fprintf(stderr, "  %zu missing; outbox holds %d, expected %s%zu\n", missing, count,
                exact ? "" : "at least ", n);
        return -1;
    }
    return count;
}

/* Runs the signpostctl program (SIGNPOSTCTL) in dir with args (shell words); its
 * stdout and stderr go to out (cap bytes). Returns the exit status, -1 if it died. */
#ifdef SIGNPOSTCTL
#include <sys/wait.h>
static inline int tl_ctl(const char *dir, const char *args, char *out, size_t cap)
{
    char cmd[4096], log[1200];
    snprintf(cmd, sizeof cmd, "cd '%s' && '%s' %s > ctl.out 2>&1", dir, SIGNPOSTCTL, args);
    int status = system(cmd);
    snprintf(log, sizeof log, "%s/ctl.out", dir);
    size_t len = 0;
    unsigned char *text = tl_slurp(log, &len);
    snprintf(out, cap, "%s", text ? (char *)text : "");
    free(text);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}
#endif

#endif
