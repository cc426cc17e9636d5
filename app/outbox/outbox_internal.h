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
 * Version 1 had no token_hash or collected_at; opening one adds them (version 2). */
enum { OUTBOX_APPLICATION_ID = 0x5350434F, OUTBOX_SCHEMA_VERSION = 2 };

#define OUTBOX_CONCERN_COLUMNS                                                         \
    "(id INTEGER PRIMARY KEY, reference TEXT UNIQUE NOT NULL, created_at TEXT NOT NULL," \
    " sealed BLOB NOT NULL, exported_at TEXT, token_hash BLOB, collected_at TEXT)"
#define OUTBOX_SCHEMA "CREATE TABLE concern" OUTBOX_CONCERN_COLUMNS
#define OUTBOX_MIGRATE_1_TO_2                                                          \
    "ALTER TABLE concern ADD COLUMN token_hash BLOB;"                                   \
    " ALTER TABLE concern ADD COLUMN collected_at TEXT; PRAGMA user_version=2"
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

/* Runs sql (?1 = each id in turn, ?2 = text, may be NULL) for every id, in one
 * transaction that is rolled back if any step fails. Returns an SQLite code. */
int outbox_for_ids(sqlite3 *db, const char *sql, const sqlite3_int64 *ids, size_t n,
                   const char *text);

/* One row, one column of text from sql into out (cap bytes); returns an SQLite code. */
int outbox_query_text(sqlite3 *db, const char *sql, char *out, size_t cap);

#endif
