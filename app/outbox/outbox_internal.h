/* outbox_internal.h: what outbox.c (the kiosk side) and outbox_staff.c (the staff
 * side) share: the file's marks and schema, the clock format, and key hex parsing. */
#ifndef SIGNPOST_OUTBOX_INTERNAL_H
#define SIGNPOST_OUTBOX_INTERNAL_H

#include <stddef.h>

/* PRAGMA application_id of an outbox ("SPCO"), so neither side ever mistakes another
 * SQLite file (the content store, say) for one, nor changes it. */
enum { OUTBOX_APPLICATION_ID = 0x5350434F, OUTBOX_SCHEMA_VERSION = 1 };

#define OUTBOX_SCHEMA                                                               \
    "CREATE TABLE concern(id INTEGER PRIMARY KEY, reference TEXT UNIQUE NOT NULL," \
    " created_at TEXT NOT NULL, sealed BLOB NOT NULL, exported_at TEXT)"

enum { OUTBOX_TIME_MAX = 24 };

/* The current time as ISO 8601 UTC, "2026-05-01T10:22:33Z". */
void outbox_time_now(char out[OUTBOX_TIME_MAX]);

#endif
