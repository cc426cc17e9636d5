/* signing.h: signed content stores. Estates or the content team sign a built store
 * with an Ed25519 secret key (libsodium); kiosks hold only the public key ([paths]
 * content_public_key) and refuse a store whose signature is missing or does not match.
 *
 * The signature of STORE.db is STORE.db.sig: the 64-byte detached signature over every
 * byte of the file, made in one shot with crypto_sign_detached() and checked with
 * crypto_sign_verify_detached(), written as 128 hexadecimal characters and a new line.
 * While a publish replaces a signed live store, LIVE.sig briefly holds two lines, the
 * new store's signature and the old one's, so whichever store is in place if the power
 * fails has a signature that matches it; a store is accepted when one of them matches.
 * (The multi-part crypto_sign_init/update/final API makes Ed25519ph signatures, which
 * the one-shot check rejects: it is not used, on either side.) Key files are hex files
 * too (core/files.h): a public key is 64 hexadecimal characters, a secret key 128.
 *
 * Every function returns 0 on success, or -1 with err_msg() naming the file and the
 * cause. */
#ifndef SIGNPOST_SIGNING_H
#define SIGNPOST_SIGNING_H

#include "files.h"

#include <stddef.h>

enum {
    SIGNING_PUBLIC_BYTES = 32, /* crypto_sign_PUBLICKEYBYTES */
    SIGNING_SECRET_BYTES = 64, /* crypto_sign_SECRETKEYBYTES: seed and public key */
    SIGNATURE_BYTES = 64,      /* crypto_sign_BYTES */
    SIGNATURES_MAX = 2         /* in one .sig: two only while a publish is under way */
};

/* Makes a new signing key pair: the secret key in a new file with mode 0600, the public
 * key in a new file with mode 0644. Neither file may exist already; on failure neither
 * is left behind. */
int signing_keys_new(const char *public_path, const char *secret_path);

/* Reads a public key file. */
int signing_public_key_read(const char *path, unsigned char pk[SIGNING_PUBLIC_BYTES]);

/* Reads a secret key file and checks it is a whole Ed25519 secret key (its public half
 * matches its seed). The caller wipes sk after use. */
int signing_secret_key_read(const char *path, unsigned char sk[SIGNING_SECRET_BYTES]);

/* "<store>.sig" into out. */
int content_sig_path(const char *store_path, char *out, size_t cap);

/* Signs every byte of the file at store_path and writes <store_path>.sig, replacing an
 * earlier one atomically. The new signature is checked before it is written. */
int content_sign(const char *store_path, const unsigned char sk[SIGNING_SECRET_BYTES]);

/* Checks <store_path>.sig against every byte of the file at store_path. Refuses a
 * store with no .sig, an unreadable one, and one that does not match (a changed byte,
 * another key). When verified is not NULL it gets the identity of the file whose bytes
 * were checked (see live.h: the kiosk makes sure it opens that same file). */
int content_verify(const char *store_path, const unsigned char pk[SIGNING_PUBLIC_BYTES],
                   FileId *verified);

/* As content_verify(), and copies the signature that matched into sig (may be NULL). */
int content_signature_for(const char *store_path, const unsigned char pk[SIGNING_PUBLIC_BYTES],
                          unsigned char sig[SIGNATURE_BYTES], FileId *verified);

/* Writes n signatures (1 or 2; n * SIGNATURE_BYTES bytes at sigs), one a line, as the
 * signature file sig_path, replacing it atomically (mode 0644). */
int content_sig_write(const char *sig_path, const unsigned char *sigs, size_t n);

#endif
