/* staff.h: what guards staff mode at the kiosk. The PIN is kept only as an Argon2id
 * hash (libsodium crypto_pwhash_str) in kiosk.conf [staff] pin_hash; the gate counts
 * wrong PINs and, from the fifth, locks the pad for a delay that doubles with each
 * further failure; the audit log records every entry, failure and staff action as one
 * line with the time and a fixed event word, never personal data and never the PIN.
 * The caller owns StaffGate (plain data, no allocation); times are milliseconds on
 * the caller's monotonic clock, so the gate can be tested without waiting. */
#ifndef SIGNPOST_STAFF_H
#define SIGNPOST_STAFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
    STAFF_PIN_MIN = 4,               /* digits */
    STAFF_PIN_MAX = 12,
    STAFF_HASH_MAX = 128,            /* crypto_pwhash_STRBYTES */
    STAFF_FREE_TRIES = 5,            /* wrong PINs before the pad locks */
    STAFF_LOCK_FIRST_MS = 30 * 1000, /* the first lock; each further failure doubles it */
    STAFF_LOCK_MAX_MS = 60 * 60 * 1000,
};

/* True when pin is STAFF_PIN_MIN to STAFF_PIN_MAX ASCII digits and nothing else. */
bool staff_pin_valid(const char *pin);

/* Writes the Argon2id hash of pin ("$argon2id$v=19$m=...") into out. Returns 0, or -1
 * with err_set() (a PIN that is not 4 to 12 digits, out too small, out of memory). */
int staff_pin_hash(const char *pin, char *out, size_t cap);

/* True when hash looks like a libsodium Argon2id string, so a config file can be
 * checked without a PIN. */
bool staff_hash_well_formed(const char *hash);

typedef struct StaffGate {
    int failures;          /* wrong PINs in a row */
    int64_t locked_until;  /* ms; the pad takes no PIN before this */
} StaffGate;

typedef enum StaffVerdict {
    STAFF_PIN_OK,        /* the PIN matches; failures are reset */
    STAFF_PIN_WRONG,     /* counted */
    STAFF_PIN_LOCKED,    /* not tried: the pad is locked (see staff_gate_wait_ms) */
    STAFF_PIN_DISABLED,  /* no pin_hash is configured: staff mode cannot be entered */
} StaffVerdict;

/* Checks pin against hash at time now_ms and updates the gate. A hash that is empty
 * means staff mode is disabled. Takes about a tenth of a second (Argon2id). */
StaffVerdict staff_gate_try(StaffGate *g, const char *hash, const char *pin, int64_t now_ms);

/* Milliseconds until the pad takes a PIN again; 0 when it is open. */
int64_t staff_gate_wait_ms(const StaffGate *g, int64_t now_ms);

/* The audit log's events. */
typedef enum StaffEvent {
    STAFF_EV_PAD_OPENED,  /* the corner was held: the PIN pad is shown */
    STAFF_EV_ENTERED,     /* right PIN */
    STAFF_EV_WRONG_PIN,
    STAFF_EV_LOCKED,      /* the pad locked after too many wrong PINs */
    STAFF_EV_LEFT,        /* staff left staff mode */
    STAFF_EV_TIMED_OUT,   /* staff mode left by itself after two idle minutes */
    STAFF_EV_ACTION,      /* a staff action; the detail names it ("collect") */
    STAFF_EV_COUNT
} StaffEvent;

/* The event's word in the log: "pad-opened", "entered", "wrong-pin"... */
const char *staff_event_name(StaffEvent ev);

/* Appends "2026-12-05T09:30:00Z <event>[ <detail>]\n" to the audit log at path (made
 * with mode 0600 when new) and syncs it. detail is a fixed word chosen by the code
 * (never text a person typed); characters other than [a-z0-9-] in it are written as
 * '_'. wall_time is seconds since the epoch (UTC). Returns 0, or -1 with err_set()
 * naming the file. A NULL or empty path logs nothing and returns 0. */
int staff_audit(const char *path, StaffEvent ev, const char *detail, int64_t wall_time);

#endif
