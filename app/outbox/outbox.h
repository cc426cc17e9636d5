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

#include <stdbool.h>
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
/* Opens the same file with the same key again when the outbox is not working (a disk
 * that was full has space now, a folder that was missing is there): returns the new
 * status, which outbox_status() and outbox_problem() then report. Does nothing and
 * returns OUTBOX_OK when it is working. */
OutboxStatus outbox_reopen(Outbox *ob);
OutboxStatus outbox_status(const Outbox *ob);
/* Words for staff (the log), naming the file and the cause. */
const char *outbox_problem(const Outbox *ob);

/* Seals and stores the concern durably; writes its new reference (unique in the
 * outbox, e.g. "K7QM-4TX4") into ref. kiosk_id and kiosk_name (may be NULL) say where
 * it was raised. A random receipt token is sealed inside it, and only the token's hash
 * kept beside it (proof of collection: outbox_confirm). An outbox that could not be
 * opened is opened again first (outbox_reopen). Logs "concern stored ref=REFERENCE"
 * and nothing else about it. */
OutboxStatus outbox_submit(Outbox *ob, const Concern *c, const char *kiosk_id,
                           const char *kiosk_name, char ref[OUTBOX_REF_MAX]);

/* How many concerns wait for PALS (not yet exported), for the staff status view;
 * -1 when the outbox is not open or cannot be read. */
int outbox_pending(Outbox *ob);

/* References: short, from an alphabet without look-alike characters, with a check
 * character. "K7QM-4TX4": 8 characters from the 23 of "34679ACDEFGHJKMNPQRTWXY"
 * (no 0/O, 1/I/L, 2/Z, 5/S, 8/B, U/V), shown as two groups of four. The first seven are
 * random (libsodium); the last is the check: the sum of (position 1..7) x (value of
 * the character, 0..22) modulo 23. Because 23 is prime, any one character changed, and
 * any two of the first seven swapped, give a different check. outbox_reference_valid() wants
 * exactly this form (capitals, the hyphen in place). */
void outbox_make_reference(char ref[OUTBOX_REF_MAX]);
bool outbox_reference_valid(const char *ref);

/* ==== collecting with proof ====
 * At the kiosk, staff write the concerns waiting, still sealed, to a collection file
 * on a removable drive (outbox_collect). PALS open it on their own computer with the
 * secret key (outbox_export with a receipt), which also writes a receipt: for each
 * concern opened, its reference and the receipt token that was sealed inside it. Back
 * at the kiosk, outbox_confirm reads the receipt and deletes exactly the concerns whose
 * token hashes to the hash the kiosk kept: only someone who opened them can prove it. */

typedef struct OutboxCounts {
    int pending;                 /* waiting for PALS (not exported), collected or not */
    int collected;               /* of those, written to a collection file, not confirmed */
    char oldest[24];             /* created_at of the oldest waiting, "" when none */
    char last_collected[24];     /* when concerns were last collected, "" when never */
} OutboxCounts;
/* The figures for the staff status screen; -1 when the outbox cannot be read. */
int outbox_counts(Outbox *ob, OutboxCounts *counts);

typedef struct OutboxCollection {
    int count;                   /* concerns written */
    char file[1024];             /* the collection file (empty when nothing was waiting) */
} OutboxCollection;
/* Writes every concern waiting for PALS, still sealed, to a new collection file in dir
 * (signpost-collection-KIOSK-YYYYMMDD-HHMMSS.db: an outbox file, with a table naming
 * the kiosk), syncs the file and the folder, and only then marks them collected (they
 * stay in the outbox until a receipt proves PALS opened them). Nothing waiting: count
 * 0 and no file. Returns 0, or -1 with err_msg() in plain words (the drive is full or
 * read-only, the outbox is not working); a part-written file is removed. */
int outbox_collect(Outbox *ob, const char *dir, const char *kiosk_id, const char *kiosk_name,
                   OutboxCollection *res);

typedef struct OutboxConfirm {
    int purged;                  /* concerns the receipt proved opened, now deleted */
    int absent;                  /* listed but not here (confirmed before) */
} OutboxConfirm;
/* Reads the receipt file and deletes (securely, then compacts the outbox) exactly the
 * concerns it proves were opened. A receipt that is damaged or cut short, made for
 * another kiosk (kiosk_id), or whose token for a concern here does not match (forged)
 * is refused whole: nothing is deleted. Returns 0, or -1 with err_msg() in plain
 * words naming the file. */
int outbox_confirm(Outbox *ob, const char *receipt_path, const char *kiosk_id,
                   OutboxConfirm *res);

/* The same, on an outbox file (signpostctl, for trusts that copy the outbox off the
 * kiosk and put it back, or run the command on the kiosk). */
int outbox_confirm_file(const char *outbox_path, const char *receipt_path, const char *kiosk_id,
                        OutboxConfirm *res);

/* A receipt, as text:
 *   signpost-receipt 1
 *   kiosk <kiosk id, or - when the collection did not say>
 *   collection <collection file name, or ->
 *   opened <ISO 8601 UTC>
 *   concern <reference> <32 hex characters>     (one line per concern opened)
 *   end <number of concern lines>
 * Lines end with \n; nothing may follow the end line but white space. */
typedef struct OutboxReceiptLine {
    char reference[OUTBOX_REF_MAX];
    char token[33];              /* 32 lower-case hex characters */
} OutboxReceiptLine;
typedef struct OutboxReceipt {
    char kiosk[64];              /* "" when "-" */
    char collection[256];
    char opened[24];
    OutboxReceiptLine *lines;    /* owned; outbox_receipt_release */
    size_t n;
} OutboxReceipt;
/* Parses receipt text (len bytes); name is for messages. Returns 0, or -1 with
 * err_msg() naming name and the line. */
int outbox_receipt_parse(const char *text, size_t len, const char *name, OutboxReceipt *r);
void outbox_receipt_release(OutboxReceipt *r);

/* ==== keys ==== */

/* An X25519 key (crypto_box) is 32 bytes; a key file holds it as 64 hexadecimal
 * characters and a new line, nothing else (leading and trailing white space is
 * allowed when reading). */
enum { OUTBOX_KEY_BYTES = 32 };

/* Reads a key file into key. Returns 0, or -1 with err_msg() naming the file and the
 * cause. The buffer that held the file is wiped (a secret key file is read this way too). */
int outbox_key_read(const char *path, unsigned char key[OUTBOX_KEY_BYTES]);

/* Writes key to a new file (never replacing one that exists) and syncs it. A secret
 * key file is created with mode 0600, a public one 0644. Returns 0, or -1 with
 * err_msg() naming the file and the cause. */
int outbox_key_write(const char *path, const unsigned char key[OUTBOX_KEY_BYTES], bool secret);

/* ==== staff side: functions on an outbox file, for signpostctl ====
 * Each opens the file itself (it must exist and be an outbox), takes care with a file
 * copied from a kiosk (no triggers or views allowed, untrusted schema), and returns
 * -1 with err_msg() naming the file and the cause on failure. */

typedef struct OutboxEntry {
    const char *reference;
    const char *created_at;  /* ISO 8601 UTC */
    const char *exported_at; /* ISO 8601 UTC, NULL while pending */
} OutboxEntry;

/* Calls fn for each concern, oldest first, without reading any content; fn returns 0
 * to go on. Returns the number of concerns seen, or -1. */
int outbox_list(const char *path, int (*fn)(void *user, const OutboxEntry *e), void *user);

typedef enum OutboxFormat { OUTBOX_CSV, OUTBOX_JSON, OUTBOX_FHIR } OutboxFormat;

typedef struct OutboxExport {
    OutboxFormat format;
    bool all;              /* also concerns exported before (else only pending ones) */
    const char *fhir_base; /* base of the FHIR canonical URLs; NULL for the default
                            * "https://northgate.example.org/fhir" */
    const char *out_path;  /* the file out writes to, if any: its folder is synced too */
    FILE *receipt;         /* if set: a receipt (outbox_receipt_parse) for the concerns
                            * written, flushed and synced before any is marked exported */
    int exported;          /* out: concerns written (and now marked exported) */
    int unreadable;        /* out: concerns the key could not open (each logged by reference) */
    int unproven;          /* out: written, but left off the receipt: sealed before receipts
                            * (version 1), or their token does not match (logged) */
} OutboxExport;

/* Opens each sealed concern with the PALS secret key and writes them to out (from an
 * outbox file, or a collection file made by outbox_collect):
 *   OUTBOX_CSV  a UTF-8 byte-order mark (so Excel reads it as UTF-8), a header row, then
 *               one row per concern, places and kiosks by name where the concern has
 *               them (RFC 4180: CRLF, quotes doubled,
 *               fields with , " or a line break quoted; a cell a spreadsheet would run
 *               as a formula gets a leading ').
 *   OUTBOX_JSON an array of the concerns exactly as sealed (see concern_to_json()).
 *   OUTBOX_FHIR a FHIR R4 Bundle (collection) with a QuestionnaireResponse per concern
 *               and a Flag for its communication needs, when it has any.
 * Only after all of it is written and flushed (and synced, when out is a file) are
 * the written concerns marked exported, in one transaction. Concerns the key cannot
 * open are left pending, logged by reference, and counted. Returns 0 when every
 * concern was exported, else -1 (err_msg() says why). On a failure before the marking
 * (a write error, say) nothing is marked and ex->exported is 0: the output is then
 * incomplete and should be thrown away. */
int outbox_export(const char *path, const unsigned char secret_key[OUTBOX_KEY_BYTES],
                  FILE *out, OutboxExport *ex);

/* Deletes every concern marked exported (secure delete), then VACUUMs the file and
 * empties its write-ahead log, so nothing of them remains. *deleted gets the count.
 * Returns 0 or -1. */
int outbox_purge(const char *path, int *deleted);

/* ==== the fleet (app/fleet: signpostctl sync and concerns collect) ==== */

/* One sealed concern as stored: what sync uploads and what central collection opens.
 * The pointers belong to whoever made it (outbox_each_sealed: valid during fn only). */
typedef struct OutboxSealed {
    const char *reference;
    const char *created_at;
    const unsigned char *sealed;
    size_t sealed_len;
    const unsigned char *token_hash; /* OUTBOX_TOKEN_HASH_BYTES, or NULL (version 1) */
    size_t token_hash_len;
} OutboxSealed;

/* Calls fn for each concern in the outbox, oldest first; fn returns 0 to go on.
 * Returns the number seen, or -1 with err_msg(). Reads no content (it is sealed). */
int outbox_each_sealed(Outbox *ob, int (*fn)(void *user, const OutboxSealed *s), void *user);

/* Calls fn for each sealed Friends and Family Test comment, oldest first, with
 * reference = its upload id: "t" and 32 hex characters of a BLAKE2b-128 hash of the
 * sealed bytes (stable, never reused: each seal has its own ephemeral key), created_at
 * "" (the day is sealed inside) and the hash of its receipt token (NULL for comments
 * sealed before version 4). fn returns 0 to go on. Returns the number seen, or -1
 * with err_msg(). */
int outbox_each_feedback_text(Outbox *ob, int (*fn)(void *user, const OutboxSealed *s),
                              void *user);

/* One count of a day, as the fleet uploads it: the Friends and Family Test answers
 * (metric "fft", item the answer's code) or the usage figures (usage.h's rows). */
typedef struct OutboxDayCount {
    const char *day;    /* "YYYY-MM-DD" */
    const char *metric;
    const char *item;   /* "" when none */
    long long count;
} OutboxDayCount;
/* Calls fn for each count of feedback (usage false) or usage (true), by day, metric,
 * item; fn returns 0 to go on. Returns the number seen, or -1 with err_msg(). */
int outbox_each_day_count(Outbox *ob, bool usage,
                          int (*fn)(void *user, const OutboxDayCount *c), void *user);

/* Deletes (securely, then compacts) the concerns whose receipt token (lines, as in a
 * receipt) hashes to the hash kept beside them: the proof, recorded centrally, that
 * PALS opened them. A line whose token does not match is refused (counted, logged by
 * reference) and its concern kept; others still go. gone (n entries, may be NULL)
 * says which lines' concerns are no longer here (deleted now, or before). Returns 0,
 * or -1 with err_msg(). */
int outbox_purge_proven(Outbox *ob, const OutboxReceiptLine *lines, size_t n, int *purged,
                        int *refused, bool *gone);

/* Deletes the concerns with these references (securely, then compacts): for sync, a
 * concern uploaded longer ago than the retention period. Returns 0 or -1. */
int outbox_forget(Outbox *ob, const char *const *refs, size_t n, int *deleted);

/* A comment's upload id ("t" and 32 hex characters, outbox_each_feedback_text) and the
 * receipt token recorded centrally when PALS collected it. */
enum { OUTBOX_FEEDBACK_ID_MAX = 34 };
typedef struct OutboxFeedbackProof {
    char id[OUTBOX_FEEDBACK_ID_MAX];
    char token[33];
} OutboxFeedbackProof;
/* True for a comment's upload id: "t" and 32 lower-case hex characters. */
bool outbox_feedback_id_valid(const char *id);
/* As outbox_purge_proven, for feedback comments: deletes (securely, then compacts) the
 * comments whose receipt token hashes to the hash kept beside them; a token that does
 * not match is refused (counted, logged by id) and its comment kept. gone (n entries,
 * may be NULL) says which are no longer here. Returns 0, or -1 with err_msg(). */
int outbox_feedback_purge_proven(Outbox *ob, const OutboxFeedbackProof *proofs, size_t n,
                                 int *purged, int *refused, bool *gone);
/* Deletes the comments with these upload ids (securely, then compacts): for sync, a
 * comment uploaded longer ago than the retention period. Returns 0 or -1. */
int outbox_feedback_forget(Outbox *ob, const char *const *ids, size_t n, int *deleted);

/* ==== the sync's health, for the staff status screen ====
 * signpostctl sync writes how its last pass went to "<outbox>.sync-status" (atomically:
 * a new file renamed over the old), and the kiosk's staff screen reads it. Text, one
 * field a line, nothing personal (counts, times, the failure in plain words):
 *   signpost-sync-status 1
 *   time <Unix seconds the pass ended>
 *   result ok|error
 *   last-ok <Unix seconds of the last pass that worked, 0 never>
 *   sent <items uploaded by the pass>
 *   waiting <items not yet uploaded, -1 when the outbox could not be read>
 *   message <the failure in plain words, empty when ok>
 */
typedef struct OutboxSyncStatus {
    long long time;
    bool ok;
    long long last_ok;
    int sent;
    int waiting;
    char message[400];
} OutboxSyncStatus;
/* "<outbox>.sync-status"; 0, or -1 when it does not fit. */
int outbox_sync_status_path(const char *outbox, char *out, size_t cap);
/* Writes s to path atomically (mode 0640). 0, or -1 with err_msg(). */
int outbox_sync_status_write(const char *path, const OutboxSyncStatus *s);
/* Parses the text (len bytes); name is for messages. 0, or -1 with err_msg() naming
 * name and the line. */
int outbox_sync_status_parse(const char *text, size_t len, const char *name,
                             OutboxSyncStatus *s);
/* Reads and parses path: 0, 1 when there is no such file (sync never ran), or -1 with
 * err_msg(). */
int outbox_sync_status_read(const char *path, OutboxSyncStatus *s);

/* What outbox_export_sealed() found for one item. */
typedef struct OutboxOpened {
    bool opened;                 /* opened with the key and written */
    bool proven;                 /* its receipt token matches the hash kept beside it */
    char token[33];              /* the token (32 hex characters) when proven */
} OutboxOpened;

/* As outbox_export(), on n sealed concerns in memory (a central inbox) rather than an
 * outbox file: opens each with the secret key and writes them to out in ex->format;
 * opened[i] says what became of items[i] (the caller records the proofs). Nothing is
 * marked anywhere. ex->exported, ->unreadable and ->unproven are set. Returns 0 when
 * everything was written (unreadable ones are skipped and logged by reference), or
 * -1 with err_msg() when the output could not be written (then throw it away). */
int outbox_export_sealed(const OutboxSealed *items, size_t n,
                         const unsigned char secret_key[OUTBOX_KEY_BYTES], FILE *out,
                         OutboxExport *ex, OutboxOpened *opened);

/* ==== the Friends and Family Test ====
 * "Overall, how was your experience of our service?": the six national answers, in
 * order (NHS England's codes 1 to 6). Answers are only counted, per day (no time finer
 * than the day, no reference, nothing tying one to a concern or to another answer);
 * the free-text follow-up is sealed to the PALS key like a concern, with its answer
 * and day inside. */
typedef enum FftAnswer {
    FFT_NONE = 0,
    FFT_VERY_GOOD = 1,
    FFT_GOOD,
    FFT_NEITHER,
    FFT_POOR,
    FFT_VERY_POOR,
    FFT_DONT_KNOW,
    FFT_ANSWERS = 6
} FftAnswer;
/* "very-good", "good", "neither", "poor", "very-poor", "dont-know" (codes) and the
 * national wording ("Very good" .. "Don't know"); NULL outside 1..6. */
const char *fft_code(int answer);
const char *fft_words(int answer);

/* Counts answer for day ("YYYY-MM-DD") and, when text is not empty, stores it sealed;
 * one transaction, committed before it returns (as outbox_submit). Logs "feedback
 * stored" and nothing about it. */
OutboxStatus outbox_feedback(Outbox *ob, int answer, const char *day, const char *text);

typedef struct OutboxFeedbackCounts {
    int today;                   /* answers counted for the day asked about */
    int comments;                /* free-text comments not yet exported */
} OutboxFeedbackCounts;
/* For the staff status screen; -1 when the outbox cannot be read. */
int outbox_feedback_counts(Outbox *ob, const char *day, OutboxFeedbackCounts *counts);

/* Staff side. Calls fn for each month ("YYYY-MM") with answers, oldest first, with
 * counts[0..5] for answers 1..6; fn returns 0 to go on. Returns the number of months,
 * or -1 with err_msg(). Needs no key: answers are only counted. */
int outbox_feedback_months(const char *path,
                           int (*fn)(void *user, const char *month, const long counts[6]),
                           void *user);
/* Writes the monthly counts as NHS England collects them: a CSV (CRLF) with the header
 * "Period,Very good,Good,Neither good nor poor,Poor,Very poor,Don't know,Total" and one
 * row per month. Returns 0 or -1. */
int outbox_feedback_nhs_monthly(const char *path, FILE *out);
/* Opens the sealed comments with the PALS secret key and writes them as CSV (day,
 * answer, comment; with a byte-order mark), JSON (an array) or a FHIR R4 Bundle of
 * QuestionnaireResponses, then marks them exported. *exported gets the count. Returns
 * 0, or -1 (comments the key cannot open stay pending and make it -1). */
int outbox_feedback_export(const char *path, const unsigned char secret_key[OUTBOX_KEY_BYTES],
                           OutboxFormat format, const char *fhir_base, FILE *out, int *exported);
/* As outbox_feedback_export, on n sealed comments in memory (a central inbox): writes
 * those the key opens to out in the same format and marks nothing anywhere; opened[i]
 * says what became of items[i] (proven: the receipt token sealed inside matches
 * items[i].token_hash; the caller records the proofs). *exported, *unreadable (skipped,
 * logged without content) and *unproven (opened, no token to prove it: sealed before
 * version 4) are set. Returns 0, or -1 with err_msg() when the output could not be
 * written (then throw it away). */
int outbox_feedback_export_sealed(const OutboxSealed *items, size_t n,
                                  const unsigned char secret_key[OUTBOX_KEY_BYTES],
                                  OutboxFormat format, const char *fhir_base, FILE *out,
                                  OutboxOpened *opened, int *exported, int *unreadable,
                                  int *unproven);

/* ==== the report (app/report: signpostctl report) ==== */

/* What the report may know of one concern: never what the person wrote. */
typedef struct OutboxConcernFacts {
    const char *day;         /* the day it was raised, "YYYY-MM-DD" (UTC) */
    bool exported;           /* exported (collected) already */
    /* With the secret key only (NULL without it, or when the concern does not say): */
    const char *category;    /* the category id ("care", ...) */
    const char *place_id;    /* the destination chosen from the list */
    const char *place_name;  /* and its name; a place typed by the person is never given */
    bool place_typed;        /* the person typed the place instead of choosing one */
    const char *kiosk_name;  /* the kiosk it was raised at */
    bool needs_request;      /* kind "communication-needs": a request, not a concern */
} OutboxConcernFacts;

/* Calls fn for each concern raised from from to to ("YYYY-MM-DD", inclusive; either NULL:
 * no limit), oldest first. With secret_key (may be NULL) each concern is opened in
 * memory to fill in its category, place and kiosk; its text is wiped at once and never
 * handed out. *unreadable (may be NULL) counts concerns the key could not open (they
 * are still given, without those facts). fn returns 0 to go on. Returns the number of
 * concerns, or -1 with err_msg() naming the file. */
int outbox_concern_facts(const char *path, const unsigned char *secret_key, const char *from,
                         const char *to, int (*fn)(void *user, const OutboxConcernFacts *f),
                         void *user, int *unreadable);

/* The Friends and Family Test answers per day from from to to (as above), oldest first,
 * with counts[0..5] for answers 1..6. Returns the number of days, or -1 with err_msg(). */
int outbox_feedback_days(const char *path, const char *from, const char *to,
                         int (*fn)(void *user, const char *day, const long counts[6]),
                         void *user);

#endif
