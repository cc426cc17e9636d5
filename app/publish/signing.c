/* signing.c: Ed25519 key pairs, and one-shot detached signatures over a whole content
 * store file (see signing.h). */
#include "signing.h"

#include "err.h"
#include "mem.h"

#include <sodium.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A content store is a few megabytes; anything this large is not one. */
static const size_t STORE_MAX_BYTES = (size_t)512 * 1024 * 1024;

static const char made_by_keys[] = "'signpostctl keys new-signing'";
static const char made_by_sign[] = "'signpostctl content sign'";

static int init_sodium(void)
{
    if (sodium_init() < 0)
        return err_set("libsodium could not initialise");
    return 0;
}

int signing_keys_new(const char *public_path, const char *secret_path)
{
    if (init_sodium() != 0)
        return -1;
    if (access(public_path, F_OK) == 0)
        return err_set("%s already exists; a key file is never replaced (move it away first "
                       "if you really mean to make a new key)", public_path);
    unsigned char pk[SIGNING_PUBLIC_BYTES], sk[SIGNING_SECRET_BYTES];
    sodium_mlock(sk, sizeof sk); /* best effort: keep it out of swap */
    crypto_sign_keypair(pk, sk);
    int rc = hexfile_write(secret_path, sk, sizeof sk, 0600, false);
    if (rc == 0 && hexfile_write(public_path, pk, sizeof pk, 0644, false) != 0) {
        char why[1100];
        snprintf(why, sizeof why, "%s", err_msg());
        unlink(secret_path);
        rc = err_set("%s; the secret key was removed again", why);
    }
    sodium_munlock(sk, sizeof sk); /* also wipes it */
    return rc;
}

int signing_public_key_read(const char *path, unsigned char pk[SIGNING_PUBLIC_BYTES])
{
    return hexfile_read(path, pk, SIGNING_PUBLIC_BYTES, "signing public key file",
                        made_by_keys);
}

int signing_secret_key_read(const char *path, unsigned char sk[SIGNING_SECRET_BYTES])
{
    if (init_sodium() != 0)
        return -1;
    if (hexfile_read(path, sk, SIGNING_SECRET_BYTES, "signing secret key file",
                     made_by_keys) != 0)
        return -1;
    /* The second half is the public key; it must be the one the seed makes. */
    unsigned char seed[crypto_sign_SEEDBYTES], pk[SIGNING_PUBLIC_BYTES],
        check[SIGNING_SECRET_BYTES];
    crypto_sign_ed25519_sk_to_seed(seed, sk);
    crypto_sign_seed_keypair(pk, check, seed);
    bool whole = sodium_memcmp(check, sk, sizeof check) == 0;
    sodium_memzero(seed, sizeof seed);
    sodium_memzero(check, sizeof check);
    if (!whole) {
        sodium_memzero(sk, SIGNING_SECRET_BYTES);
        return err_set("%s is not a signing secret key: its two halves do not belong "
                       "together (is the file damaged?)", path);
    }
    return 0;
}

int content_sig_path(const char *store_path, char *out, size_t cap)
{
    int n = snprintf(out, cap, "%s.sig", store_path);
    if (n < 0 || (size_t)n >= cap)
        return err_set("the file name %s is too long", store_path);
    return 0;
}

/* Reads the whole store into a new buffer; id (may be NULL) gets the file read. */
static unsigned char *read_store(const char *store_path, size_t *len, FileId *id)
{
    int fd = open(store_path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT)
            err_set("content store %s does not exist", store_path);
        else
            err_set("cannot read content store %s: %s", store_path, strerror(errno));
        return NULL;
    }
    if (id)
        file_id_fd(fd, id);
    char name[1100];
    snprintf(name, sizeof name, "content store %s", store_path);
    unsigned char *buf = file_read_fd(fd, name, STORE_MAX_BYTES, len);
    close(fd);
    return buf;
}

/* Reads a .sig: one signature, or two during a publish (see signing.h). */
static int read_signatures(const char *sig_path, unsigned char sigs[][SIGNATURE_BYTES],
                           size_t *n)
{
    *n = 0;
    FILE *f = fopen(sig_path, "rb");
    if (!f)
        return err_set("cannot read signature file %s: %s", sig_path, strerror(errno));
    char text[SIGNATURES_MAX * (2 * SIGNATURE_BYTES + 8) + 64];
    size_t len = fread(text, 1, sizeof text - 1, f);
    bool bad = ferror(f) != 0 || len == sizeof text - 1;
    fclose(f);
    text[len] = '\0';
    const char *p = text;
    while (!bad) {
        p += strspn(p, " \t\r\n");
        if (!*p)
            break;
        size_t word = strcspn(p, " \t\r\n");
        size_t got = 0;
        bad = *n == SIGNATURES_MAX || word != 2 * SIGNATURE_BYTES ||
              sodium_hex2bin(sigs[*n], SIGNATURE_BYTES, p, word, NULL, &got, NULL) != 0 ||
              got != SIGNATURE_BYTES;
        if (!bad)
            (*n)++;
        p += word;
    }
    if (bad || *n == 0)
        return err_set("%s is not a signature file: it should hold %d hexadecimal "
                       "characters, as made by %s", sig_path, 2 * SIGNATURE_BYTES,
                       made_by_sign);
    return 0;
}

int content_sig_write(const char *sig_path, const unsigned char *sigs, size_t n)
{
    if (n == 0 || n > SIGNATURES_MAX)
        return err_set("%s: a signature file holds one or two signatures, not %zu", sig_path,
                       n);
    char text[SIGNATURES_MAX * (2 * SIGNATURE_BYTES + 1) + 1];
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        sodium_bin2hex(text + len, sizeof text - len, sigs + i * SIGNATURE_BYTES,
                       SIGNATURE_BYTES);
        len += 2 * SIGNATURE_BYTES;
        text[len++] = '\n';
    }
    return file_write_atomic(sig_path, text, len, 0644);
}

int content_sign(const char *store_path, const unsigned char sk[SIGNING_SECRET_BYTES])
{
    char sig_path[4096];
    if (init_sodium() != 0 || content_sig_path(store_path, sig_path, sizeof sig_path) != 0)
        return -1;
    size_t len = 0;
    unsigned char *buf = read_store(store_path, &len, NULL);
    if (!buf)
        return -1;
    unsigned char sig[SIGNATURE_BYTES], pk[SIGNING_PUBLIC_BYTES];
    crypto_sign_detached(sig, NULL, buf, len, sk);
    crypto_sign_ed25519_sk_to_pk(pk, sk);
    int ok = crypto_sign_verify_detached(sig, buf, len, pk);
    mem_free(buf);
    if (ok != 0)
        return err_set("the signature made for %s does not check out; nothing was written",
                       store_path);
    return content_sig_write(sig_path, sig, 1);
}

int content_signature_for(const char *store_path, const unsigned char pk[SIGNING_PUBLIC_BYTES],
                          unsigned char sig[SIGNATURE_BYTES], FileId *verified)
{
    char sig_path[4096];
    if (init_sodium() != 0 || content_sig_path(store_path, sig_path, sizeof sig_path) != 0)
        return -1;
    if (access(sig_path, F_OK) != 0 && errno == ENOENT)
        return err_set("content store %s is not signed: there is no %s, and a signature is "
                       "required (a content signing public key is configured); sign it with "
                       "%s", store_path, sig_path, made_by_sign);
    unsigned char sigs[SIGNATURES_MAX][SIGNATURE_BYTES];
    size_t n = 0;
    if (read_signatures(sig_path, sigs, &n) != 0) {
        char why[1024];
        snprintf(why, sizeof why, "%s", err_msg());
        return err_set("content store %s is refused: %s", store_path, why);
    }
    size_t len = 0;
    unsigned char *buf = read_store(store_path, &len, verified);
    if (!buf)
        return -1;
    int match = -1;
    for (size_t i = 0; i < n && match < 0; i++)
        if (crypto_sign_verify_detached(sigs[i], buf, len, pk) == 0)
            match = (int)i;
    mem_free(buf);
    if (match < 0)
        return err_set("content store %s does not match its signature %s: it was changed "
                       "after it was signed, or signed with a key other than the configured "
                       "public key; the store is refused", store_path, sig_path);
    if (sig)
        memcpy(sig, sigs[match], SIGNATURE_BYTES);
    return 0;
}

int content_verify(const char *store_path, const unsigned char pk[SIGNING_PUBLIC_BYTES],
                   FileId *verified)
{
    return content_signature_for(store_path, pk, NULL, verified);
}
