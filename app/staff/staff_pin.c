/* staff_pin.c: the staff PIN as an Argon2id hash, and the gate that locks the pad
 * after wrong PINs (see staff.h). */
#include "staff.h"

#include "err.h"

#include <sodium.h>

#include <string.h>

/* Interactive limits: about a tenth of a second and 64 MiB once per PIN entered,
 * which a kiosk can afford and a guesser with a copy of kiosk.conf cannot. */
#define PIN_OPS crypto_pwhash_OPSLIMIT_INTERACTIVE
#define PIN_MEM crypto_pwhash_MEMLIMIT_INTERACTIVE

bool staff_pin_valid(const char *pin)
{
    size_t n = pin ? strlen(pin) : 0;
    if (n < STAFF_PIN_MIN || n > STAFF_PIN_MAX)
        return false;
    for (size_t i = 0; i < n; i++)
        if (pin[i] < '0' || pin[i] > '9')
            return false;
    return true;
}

int staff_pin_hash(const char *pin, char *out, size_t cap)
{
    if (!staff_pin_valid(pin))
        return err_set("a staff PIN is %d to %d digits (0 to 9) and nothing else",
                       STAFF_PIN_MIN, STAFF_PIN_MAX);
    if (cap < crypto_pwhash_STRBYTES)
        return err_set("no room for the PIN hash (%zu bytes, needs %d)", cap,
                       (int)crypto_pwhash_STRBYTES);
    if (sodium_init() < 0)
        return err_set("libsodium could not start");
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(hash, pin, strlen(pin), PIN_OPS, PIN_MEM,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        return err_set("not enough memory to hash the PIN (Argon2id needs %zu MiB)",
                       (size_t)PIN_MEM >> 20);
    memcpy(out, hash, sizeof hash);
    return 0;
}

bool staff_hash_well_formed(const char *hash)
{
    static const char prefix[] = "$argon2id$v=19$m=";
    size_t n = hash ? strlen(hash) : 0;
    if (n < sizeof prefix || n >= crypto_pwhash_STRBYTES ||
        strncmp(hash, prefix, sizeof prefix - 1) != 0)
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)hash[i];
        if (c <= ' ' || c >= 0x7f)
            return false;
    }
    return true;
}

int64_t staff_gate_wait_ms(const StaffGate *g, int64_t now_ms)
{
    return g->locked_until > now_ms ? g->locked_until - now_ms : 0;
}

/* The lock after the n-th failure in a row (n > STAFF_FREE_TRIES - 1): 30 s, 60 s,
 * 120 s... up to an hour. */
static int64_t lock_for(int failures)
{
    int64_t ms = STAFF_LOCK_FIRST_MS;
    for (int i = STAFF_FREE_TRIES; i < failures && ms < STAFF_LOCK_MAX_MS; i++)
        ms *= 2;
    return ms < STAFF_LOCK_MAX_MS ? ms : STAFF_LOCK_MAX_MS;
}

StaffVerdict staff_gate_try(StaffGate *g, const char *hash, const char *pin, int64_t now_ms)
{
    if (!hash || !*hash)
        return STAFF_PIN_DISABLED;
    if (staff_gate_wait_ms(g, now_ms) > 0)
        return STAFF_PIN_LOCKED;
    bool ok = sodium_init() >= 0 && staff_pin_valid(pin) &&
              crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0;
    if (ok) {
        g->failures = 0;
        g->locked_until = 0;
        return STAFF_PIN_OK;
    }
    g->failures++;
    if (g->failures >= STAFF_FREE_TRIES)
        g->locked_until = now_ms + lock_for(g->failures);
    return STAFF_PIN_WRONG;
}
