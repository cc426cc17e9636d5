/* outbox_internal.h: what outbox.c (the kiosk side) and outbox_staff.c (the staff
 * side) share: the file's marks and schema, the clock format, and key hex parsing. */
#ifndef SIGNPOST_OUTBOX_INTERNAL_H
#define SIGNPOST_OUTBOX_INTERNAL_H

#include "outbox.h"

#include <sqlite3.h>

#include <stdbool.h>
#include <stddef.h>

/* PRAGMA application_id of an outbox ("SPCO"), so neither side ever mistakes another
 * SQLite file (the content store, say) for one, nor changes it. A collection file
 * (outbox_collect) is an outbox too, with one more table saying where it came from.
 * Version 1 had no token_hash or collected_at; opening one adds them (version 2).
 * Version 3 adds the Friends and Family Test (answers counted per day; free text
 * sealed like a concern) and the usage figures (counts per day, usage/usage.h);
 * opening a version 1 or 2 file adds their tables. Version 4 keeps beside each comment
 * the hash of a receipt token sealed inside it (fft_text.token_hash), as for concerns,
 * so a central collection can prove it was opened; older comments have none. */
enum { OUTBOX_APPLICATION_ID = 0x5350434F, OUTBOX_SCHEMA_VERSION = 4 };

#define OUTBOX_CONCERN_COLUMNS                                                         \
    "(id INTEGER PRIMARY KEY, reference TEXT UNIQUE NOT NULL, created_at TEXT NOT NULL," \
    " sealed BLOB NOT NULL, exported_at TEXT, token_hash BLOB, collected_at TEXT)"
#define OUTBOX_SCHEMA "CREATE TABLE concern" OUTBOX_CONCERN_COLUMNS
#define OUTBOX_MIGRATE_1_TO_2                                                          \
    "ALTER TABLE concern ADD COLUMN token_hash BLOB;"                                   \
    " ALTER TABLE concern ADD COLUMN collected_at TEXT; PRAGMA user_version=2"
/* Version 3. fft_answer: how many people gave each answer (1 very good .. 6 don't
 * know) on a day: no row per response, so no order and no time finer than the day.
 * fft_text: the free text, sealed (crypto_box_seal) with its answer and day inside;
 * nothing ties it to a concern. usage_count: the usage figures (usage.h). usage_word:
 * searches that found nothing, by a keyed hash (BLAKE2b, key in usage_key, replaced
 * every month) of their normalised words with the number of sessions that typed them;
 * the words themselves only once USAGE_WORD_SESSIONS different sessions have. */
#define OUTBOX_FFT_ANSWER_COLUMNS                                                      \
    "(day TEXT NOT NULL, answer INTEGER NOT NULL, count INTEGER NOT NULL,"              \
    " PRIMARY KEY(day, answer)) WITHOUT ROWID"
#define OUTBOX_FFT_TEXT_COLUMNS "(id INTEGER PRIMARY KEY, sealed BLOB NOT NULL, exported_at TEXT)"
#define OUTBOX_USAGE_COUNT_COLUMNS                                                     \
    "(day TEXT NOT NULL, metric TEXT NOT NULL, item TEXT NOT NULL, count INTEGER NOT NULL," \
    " PRIMARY KEY(day, metric, item)) WITHOUT ROWID"
#define OUTBOX_USAGE_WORD_COLUMNS                                                      \
    "(hash BLOB PRIMARY KEY, sessions INTEGER NOT NULL, words TEXT) WITHOUT ROWID"
#define OUTBOX_USAGE_KEY_COLUMNS "(month TEXT NOT NULL, key BLOB NOT NULL)"
/* The version 3 tables, in schema p ("" or "c."). */
#define OUTBOX_V3_TABLES(p)                                                            \
    "CREATE TABLE " p "fft_answer" OUTBOX_FFT_ANSWER_COLUMNS "; CREATE TABLE " p         \
    "fft_text" OUTBOX_FFT_TEXT_COLUMNS "; CREATE TABLE " p "usage_count"                \
    OUTBOX_USAGE_COUNT_COLUMNS "; CREATE TABLE " p "usage_word" OUTBOX_USAGE_WORD_COLUMNS \
    "; CREATE TABLE " p "usage_key" OUTBOX_USAGE_KEY_COLUMNS
#define OUTBOX_MIGRATE_2_TO_3 OUTBOX_V3_TABLES("") "; PRAGMA user_version=3"
/* Version 4, in schema p: the comments' receipt token hashes. */
#define OUTBOX_V4_COLUMNS(p) "ALTER TABLE " p "fft_text ADD COLUMN token_hash BLOB"
#define OUTBOX_MIGRATE_3_TO_4 OUTBOX_V4_COLUMNS("") "; PRAGMA user_version=4"
/* Brings a file of version v (1 to 3) up to 4, in one transaction. */
#define OUTBOX_MIGRATE_FROM(v)                                                         \
    ((v) == 1   ? "BEGIN IMMEDIATE; " OUTBOX_MIGRATE_1_TO_2 "; " OUTBOX_MIGRATE_2_TO_3   \
                  "; " OUTBOX_MIGRATE_3_TO_4 "; COMMIT"                                 \
     : (v) == 2 ? "BEGIN IMMEDIATE; " OUTBOX_MIGRATE_2_TO_3 "; " OUTBOX_MIGRATE_3_TO_4  \
                  "; COMMIT"                                                            \
                : "BEGIN IMMEDIATE; " OUTBOX_MIGRATE_3_TO_4 "; COMMIT")
#define OUTBOX_COLLECTION_TABLE                                                        \
    "(name TEXT NOT NULL, kiosk TEXT NOT NULL, kiosk_name TEXT, created_at TEXT NOT NULL)"

/* The receipt token sealed inside each concern: 16 random bytes, written as 32
 * lower-case hexadecimal characters; the outbox keeps only its BLAKE2b-256 hash. */
enum { OUTBOX_TOKEN_BYTES = 16, OUTBOX_TOKEN_HEX = 2 * OUTBOX_TOKEN_BYTES + 1,
       OUTBOX_TOKEN_HASH_BYTES = 32 };
void outbox_token_hash(const unsigned char token[OUTBOX_TOKEN_BYTES],
                       unsigned char hash[OUTBOX_TOKEN_HASH_BYTES]);
/* Reads 32 hexadecimal characters (exactly) into token; 0 or -1. */
int outbox_token_parse(const char *hex, unsigned char token[OUTBOX_TOKEN_BYTES]);
/* True when hex is a token whose hash is the kept hash (kept_len bytes). */
bool outbox_token_matches(const char *hex, const void *kept, int kept_len);

enum { OUTBOX_TIME_MAX = 24 };

/* The current time as ISO 8601 UTC, "2026-05-01T10:22:33Z". */
void outbox_time_now(char out[OUTBOX_TIME_MAX]);

/* The kiosk side's handle (outbox.c; outbox_collect.c uses it too). */
struct Outbox {
    sqlite3 *db;                            /* NULL when the outbox could not be opened */
    sqlite3_stmt *insert;                   /* prepared once, persistent */
    unsigned char public_key[OUTBOX_KEY_BYTES];
    OutboxStatus status;                    /* of opening, or of the last submit */
    char path[1024];
    char key_path[1024];                    /* kept for outbox_reopen() */
    bool configured;                        /* a path was given */
    char problem[2 * 1024 + 128];           /* for staff; never personal data */
};

/* outbox_confirm on an open outbox database (the kiosk's, or a file staff opened). */
int outbox_confirm_db(sqlite3 *db, const char *path, const char *receipt_path,
                      const char *kiosk_id, OutboxConfirm *res);

/* Opens an existing outbox (or collection) file for staff work, with an untrusted
 * schema, refusing triggers and views, bringing versions 1 to 3 up to 4; NULL with
 * err_msg() set on failure (outbox_staff.c). */
sqlite3 *outbox_staff_open(const char *path);
/* The Friends and Family Test answers of the outbox (or collection) at path, from day
 * `from` to day `to` ("YYYY-MM-DD", inclusive; NULL: no limit), counted by period: the
 * first key_len characters of the day (10: by day, 7: by month). Calls fn once a
 * period, oldest first, with its six counts (fn returns non-zero to stop). Returns the
 * number of periods, or -1 with err_msg() naming the outbox. */
int outbox_fft_periods(const char *path, size_t key_len, const char *from, const char *to,
                       int (*fn)(void *user, const char *period, const long counts[6]),
                       void *user);

/* The kiosk's open database, or NULL when the outbox is not working (usage.c). */
sqlite3 *outbox_db(Outbox *ob);

/* Runs sql (?1 = each id in turn, ?2 = text, may be NULL) for every id, in one
 * transaction that is rolled back if any step fails. Returns an SQLite code. */
int outbox_for_ids(sqlite3 *db, const char *sql, const sqlite3_int64 *ids, size_t n,
                   const char *text);

/* Opens one sealed concern (box_len bytes) with the PALS key pair and checks it is the
 * concern of that reference. Returns the parsed concern (json_decref it), or NULL.
 * *plain and *plain_len get the text: the caller wipes and frees it (outbox_staff.c). */
typedef struct json_t json_t;
json_t *outbox_open_box(const unsigned char *box, size_t box_len, const char *reference,
                        const unsigned char pk[OUTBOX_KEY_BYTES],
                        const unsigned char sk[OUTBOX_KEY_BYTES], char **plain,
                        size_t *plain_len);

/* One row, one column of text from sql into out (cap bytes); returns an SQLite code. */
int outbox_query_text(sqlite3 *db, const char *sql, char *out, size_t cap);

#endif
