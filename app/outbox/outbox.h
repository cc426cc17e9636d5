/* outbox.h: where submitted concerns wait for PALS. Its own SQLite database (WAL,
 * synchronous=FULL), apart from the replaceable content store. Each concern is sealed
 * to the PALS public key (libsodium crypto_box_seal) in memory before anything is
 * written, so no plaintext reaches the database, its journal, the log or a temporary
 * file, and the kiosk cannot read a concern back. outbox_submit() returns only after
 * the commit has returned: "sent" on screen is then true.
 *
 * Staff side (signpostctl): list (reference, time, status; never content), export with
 * the secret key (CSV, JSON, FHIR R4), purge what was exported (secure delete). */
#ifndef SIGNPOST_OUTBOX_H
#define SIGNPOST_OUTBOX_H

#include "concern.h"

#include <stdio.h>

typedef struct Outbox Outbox;

typedef enum OutboxStatus {
    OUTBOX_OK,
    OUTBOX_NO_KEY,     /* no PALS public key configured, or it is not a key */
    OUTBOX_FULL,       /* the disk is full */
    OUTBOX_IO_ERROR,   /* a read or write failed */
    OUTBOX_DAMAGED,    /* the outbox file is not a sound outbox */
    OUTBOX_ERROR       /* anything else (out of memory) */
} OutboxStatus;

enum { OUTBOX_REF_MAX = 16 }; /* reference length including the NUL */

/* Opens (creating if needed) the outbox at path, with the PALS public key read from
 * key_path (a file of 64 hex characters, as made by `signpostctl keys new`). Never
 * NULL except out of memory: a problem is kept and reported by outbox_status() and
 * every submit, so the kiosk can tell the person plainly. */
Outbox *outbox_open(const char *path, const char *key_path);
void outbox_close(Outbox *ob);
OutboxStatus outbox_status(const Outbox *ob);
/* Words for staff (the log), naming the file and the cause. */
const char *outbox_problem(const Outbox *ob);

/* Seals and stores the concern durably; writes its new reference (unique in the
 * outbox, e.g. "K7QM-4TXR") into ref. Logs "concern stored ref=REFERENCE" and nothing
 * else about it. */
OutboxStatus outbox_submit(Outbox *ob, const Concern *c, const char *kiosk_id,
                           char ref[OUTBOX_REF_MAX]);

/* References: short, from an alphabet without look-alike characters, with a check
 * character. */
void outbox_make_reference(char ref[OUTBOX_REF_MAX]);
bool outbox_reference_valid(const char *ref);

#endif
