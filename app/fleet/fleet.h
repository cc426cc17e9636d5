/* fleet.h: a fleet of kiosks sharing one central PostgreSQL database (libpq; this is
 * the only module that talks to the network). Kiosks only ever connect out, over TLS
 * with the server's certificate checked (sslmode=verify-full), as their own database
 * role, which may only insert into the inbox, read content packs and read the
 * collection records of what it sent itself (row-level security).
 *
 * The central schema (fleet_central_init) lives in the schema "signpost":
 *   inbox(kiosk, kind, item_id, created_at, sealed, token_hash, received_at): sealed
 *       items as the kiosks' outboxes hold them; kiosk is the inserting role
 *       (current_user, enforced), kind is 'concern' (item_id the outbox reference) or
 *       'feedback' (a sealed Friends and Family Test comment; item_id "t" and the hex
 *       of a hash of its sealed bytes); 'needs' and 'usage' are allowed but unused. Primary key
 *       (kiosk, kind, item_id), so an upload is idempotent: INSERT ... ON CONFLICT DO
 *       NOTHING needs no right to read the table.
 *   collection(kiosk, kind, item_id, token, collected_at, collected_by): PALS opened
 *       the item (a concern, or a feedback comment); token is the receipt token sealed
 *       inside it, whose hash the kiosk kept: the proof the kiosk checks before it
 *       deletes its copy.
 *   content_pack(version, store, store_bytes, signature, version_signature, ...): a
 *       whole content store, its Ed25519 signature (as in STORE.sig) and a second
 *       signature binding the version number to the store's hash, so an old store
 *       cannot come back under a new number.
 *   day_count(kiosk, kind, day, metric, item, count) and day_upload(kiosk, kind, day,
 *       final, ...): each kiosk's days of counts (kind 'feedback': the Friends and
 *       Family Test answers, metric 'fft'; 'usage': the usage figures), written only
 *       through put_day_counts(kind, day, final, metrics[], items[], counts[]), a
 *       SECURITY DEFINER function that replaces a day's rows as session_user while the
 *       day is not final, so a kiosk needs no right to update or read either table.
 * Roles (NOLOGIN groups; each kiosk, PALS officer and publisher gets a LOGIN role in
 * one): signpost_kiosk, signpost_pals, signpost_publisher.
 *
 * Secrets are read from files with strict modes, never from the command line: a
 * password file readable by its group or others is refused. A url holding a password
 * is refused. Log lines name kiosks, references, versions and causes, never content.
 * Every function returns 0, or -1 with err_msg() in plain words. */
#ifndef SIGNPOST_FLEET_H
#define SIGNPOST_FLEET_H

#include "config.h"
#include "outbox.h"

#include <stdbool.h>

/* Creates or brings up to date the central schema, roles, grants and row-level
 * security on the database at url (run by its owner; creating the roles needs
 * CREATEROLE). Running it again changes nothing. */
int fleet_central_init(const char *url);

/* Adds the built content store at store_path as a content pack: checked as a store,
 * signed with the Ed25519 secret key in secret_key_path (signpostctl keys
 * new-signing), version `version` (0: one more than the newest). *published gets the
 * version added. Run as a publisher. */
int fleet_pack_publish(const char *url, const char *store_path, const char *secret_key_path,
                       long long version, long long *published);

typedef struct FleetCollect {
    OutboxFormat format;
    const char *out_path;        /* a new file, made with mode 0600 */
    const char *fhir_base;       /* NULL = the default */
    int collected;               /* out: opened, written and recorded as collected */
    int unreadable;              /* out: could not be opened with the key (left waiting) */
    int unproven;                /* out: opened, but with no receipt token to prove it */
    int kiosks;                  /* out: how many kiosks they came from */
    bool feedback;               /* Friends and Family Test comments, not concerns */
} FleetCollect;

/* PALS: opens every concern in the central inbox not collected before with the PALS
 * secret key, writes them to c->out_path (as concerns export), and only once the file
 * is on the disk records their collection (the tokens) centrally, in one transaction,
 * so kiosks can delete their copies. */
int fleet_collect(const char *url, const char *secret_key_path, FleetCollect *c);

/* The same for the sealed Friends and Family Test comments in the inbox (kind
 * 'feedback'), written as feedback export does; c->feedback is set. A comment's proof
 * is the receipt token sealed inside it (comments sealed before outbox version 4 have
 * none: they are collected, unproven, and kiosks delete theirs after retention_days). */
int fleet_collect_feedback(const char *url, const char *secret_key_path, FleetCollect *c);

/* ==== enrolling a kiosk (IT, as the database's owner or a role with CREATEROLE) ==== */

typedef struct FleetEnrol {
    const char *kiosk_id;        /* 1..40 of A-Z a-z 0-9 - _; the role is "kiosk_" and
                                  * it in lower case, '-' as '_' */
    const char *name;            /* where it stands, for people (may be NULL) */
    const char *password_file;   /* password login: read when it exists (mode 0600, as
                                  * sync reads it), else a new random password is
                                  * written there (0600); NULL: client certificate */
    bool rotate;                 /* a new random password replaces password_file's
                                  * (only once the server has it); needs both an
                                  * existing kiosk and password_file */
    const char *server;          /* HOST or HOST:PORT the kiosk connects to (the name
                                  * in the server's certificate); NULL: --db's host */
    const char *etc_dir;         /* where the kiosk keeps its fleet files, for the
                                  * section written (ca.crt, kiosk.crt and .key, or
                                  * password); NULL: /etc/signpost/fleet */
    char role[64];               /* out: the role made or updated */
    bool existed;                /* out: it was enrolled before */
    bool replaced;               /* out: enrolled before and given a new password */
    char section[2048];          /* out: the kiosk's [fleet] section */
    char hba[256];               /* out: the pg_hba.conf line the server needs (any
                                  * address, IPv4 or IPv6: "all") */
} FleetEnrol;

/* Registers the kiosk (signpost.kiosk: role, kiosk id, name, when, by whom), creates
 * its login role in signpost_kiosk (or, enrolled before, replaces its password) and
 * fills e->section and e->hba. The password goes to the server only as a SCRAM
 * verifier made here (PQencryptPasswordConn), never in the clear. A role of that name
 * that is not a kiosk is refused. One transaction. */
int fleet_enrol(const char *url, FleetEnrol *e);

/* ==== the kiosk's side: signpostctl sync ==== */

typedef struct FleetSyncHooks {
    /* Called after a batch is inserted and before its COMMIT (tests stop the server
     * here to prove nothing is marked sent without a commit). */
    void (*before_commit)(void *user);
    void *user;
} FleetSyncHooks;

typedef struct FleetSyncResult {
    int uploaded;                /* new in the central inbox */
    int already;                 /* were there already (an earlier try had committed) */
    int purged;                  /* deleted here: collection proven centrally */
    int forgotten;               /* deleted here: past the retention period */
    long long pack_installed;    /* version of a content pack installed, 0 none */
    int packs_refused;           /* packs refused (unsigned, other key, damaged...) */
    bool skipped;                /* backing off after failures: nothing was tried */
    int feedback_uploaded;       /* feedback comments new in the central inbox */
    int days_sent;               /* days of counts (feedback answers, usage) new or
                                  * changed centrally */
    int sent_items;              /* concerns and comments recorded as sent by this pass */
    int waiting;                 /* concerns and comments not yet sent after it (-1:
                                  * the outbox could not be read) */
    int feedback_purged;         /* comments deleted here: collection proven centrally */
    int feedback_forgotten;      /* comments deleted here: past the retention period */
} FleetSyncResult;

/* The sync state file beside the outbox: "<outbox>.sync" (what was sent, the content
 * pack version installed, failures for the backoff). Kept apart from the outbox so the
 * kiosk's own file never changes shape for the fleet. */
int fleet_state_path(const KioskConfig *cfg, char *out, size_t cap);

/* One pass: upload what is not yet sent (sealed concerns and feedback comments into
 * the inbox, days of feedback answer counts and usage figures through
 * signpost.put_day_counts; each marked sent only after the central COMMIT returns),
 * delete here the concerns and comments PALS collected (proven by the token) or sent
 * longer ago than [fleet] retention_days, then install a newer signed content pack.
 * With respect_backoff, a pass due to wait after failures does nothing (res->skipped).
 * Returns 0, or -1 after logging the failure (the outbox and the content are kept). */
int fleet_sync_once(const KioskConfig *cfg, const FleetSyncHooks *hooks, bool respect_backoff,
                    FleetSyncResult *res);

/* signpostctl sync: one pass (once), or passes every [fleet] interval_seconds until
 * SIGTERM or SIGINT (the pass under way is finished, then it returns 0), waiting
 * longer after failures (retry_seconds, doubled up to an hour). at_once: the one pass
 * runs even while a backoff is waiting (IT, after fixing the cause). Each pass writes
 * "<outbox>.sync-status" for the staff screen (outbox_sync_status_*). */
int fleet_sync_run(const KioskConfig *cfg, bool once, bool at_once);

#endif
