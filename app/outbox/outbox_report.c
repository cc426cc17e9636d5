/* outbox_report.c: what the PALS report (app/report) reads from an outbox file: the
 * concerns raised in a period with only the facts a report may show (day, category,
 * chosen place, kiosk; opened in memory with the secret key, the text wiped at once),
 * and the Friends and Family Test answers per day. See outbox.h. */
#include "outbox.h"
#include "outbox_internal.h"

#include "err.h"
#include "mem.h"

#include <jansson.h>
#include <sodium.h>
#include <sqlite3.h>

#include <stdio.h>
#include <string.h>

/* Binds from and to (NULL: no limit) to ?1 and ?2 as the first and last day. */
static void bind_period(sqlite3_stmt *st, const char *from, const char *to)
{
    sqlite3_bind_text(st, 1, from ? from : "0000-00-00", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, to ? to : "9999-99-99", -1, SQLITE_STATIC);
}

/* A string member of a concern, or NULL when absent, null or empty. */
static const char *member(const json_t *concern, const char *key)
{
    const char *s = json_string_value(json_object_get(concern, key));
    return s && s[0] ? s : NULL;
}

int outbox_concern_facts(const char *path, const unsigned char *secret_key, const char *from,
                         const char *to, int (*fn)(void *user, const OutboxConcernFacts *f),
                         void *user, int *unreadable)
{
    if (unreadable)
        *unreadable = 0;
    if (secret_key && sodium_init() < 0)
        return err_set("libsodium could not initialise");
    if (secret_key)
        concern_json_wipe_freed();
    sqlite3 *db = outbox_staff_open(path);
    if (!db)
        return -1;
    unsigned char pk[OUTBOX_KEY_BYTES];
    if (secret_key)
        crypto_scalarmult_base(pk, secret_key);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db,
                                "SELECT reference, substr(created_at, 1, 10) AS day, "
                                "exported_at IS NOT NULL, sealed FROM concern "
                                "WHERE day BETWEEN ?1 AND ?2 ORDER BY created_at, id",
                                -1, &st, NULL);
    int seen = 0;
    bool stop = false;
    if (rc == SQLITE_OK)
        bind_period(st, from, to);
    while (rc == SQLITE_OK && !stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        rc = SQLITE_OK;
        const char *ref = (const char *)sqlite3_column_text(st, 0);
        const char *day = (const char *)sqlite3_column_text(st, 1);
        if (!ref || !day || strlen(day) != 10) {
            rc = SQLITE_CORRUPT;
            break;
        }
        OutboxConcernFacts f = {.day = day, .exported = sqlite3_column_int(st, 2) != 0};
        json_t *concern = NULL;
        if (secret_key) {
            char *plain = NULL;
            size_t plain_len = 0;
            const unsigned char *box = sqlite3_column_blob(st, 3);
            size_t box_len = (size_t)sqlite3_column_bytes(st, 3);
            concern = box ? outbox_open_box(box, box_len, ref, pk, secret_key, &plain,
                                            &plain_len)
                          : NULL;
            /* The facts are read from the parsed object; the text goes at once. */
            if (plain) {
                mem_wipe(plain, plain_len);
                mem_free(plain);
            }
            if (!concern && unreadable)
                (*unreadable)++;
        }
        if (concern) {
            f.category = member(concern, "category");
            f.place_id = member(concern, "where_place");
            f.place_name = member(concern, "where_place_name");
            f.place_typed = !f.place_id && member(concern, "where_text") != NULL;
            f.kiosk_name = member(concern, "kiosk_name");
            if (!f.kiosk_name)
                f.kiosk_name = member(concern, "kiosk");
            const char *kind = member(concern, "kind");
            f.needs_request = kind && strcmp(kind, "communication-needs") == 0;
        }
        seen++;
        stop = fn && fn(user, &f) != 0;
        json_decref(concern); /* its frees wipe (concern_json_wipe_freed) */
    }
    if (!stop && rc != SQLITE_DONE) {
        err_set("outbox %s: cannot read its concerns: %s", path,
                rc == SQLITE_CORRUPT ? "a concern has no reference or date" : sqlite3_errmsg(db));
        seen = -1;
    }
    sqlite3_finalize(st);
    sodium_memzero(pk, sizeof pk);
    sqlite3_close(db);
    return seen;
}

int outbox_feedback_days(const char *path, const char *from, const char *to,
                         int (*fn)(void *user, const char *day, const long counts[6]),
                         void *user)
{
    return outbox_fft_periods(path, 10, from, to, fn, user);
}
