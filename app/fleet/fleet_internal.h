/* fleet_internal.h: what the fleet's files share: connecting (fleet_db.c), plain
 * words for libpq's errors, and secrets read from files with strict modes. */
#ifndef SIGNPOST_FLEET_INTERNAL_H
#define SIGNPOST_FLEET_INTERNAL_H

#include "config.h"

#include <libpq-fe.h>

#include <stdbool.h>
#include <stddef.h>

/* Connects to url (a PostgreSQL URI or key=value string without a password) for
 * signpostctl's central commands; the password, if one is needed, comes from libpq's
 * password file (PGPASSFILE or ~/.pgpass). NULL with err_msg() on failure. */
PGconn *fleet_connect_url(const char *url, const char *what);

/* Connects as the kiosk in cfg's [fleet] section (verify-full TLS, client certificate
 * or password file). NULL with err_msg() on failure. */
PGconn *fleet_connect_kiosk(const KioskConfig *cfg);

/* err_set("<what>: <libpq's message on one line>"), returns -1. */
int fleet_pq_error(PGconn *db, const PGresult *res, const char *what);

/* Runs sql with no parameters; 0, or -1 via fleet_pq_error. */
int fleet_exec(PGconn *db, const char *sql, const char *what);

/* The one place statements with parameters are run (central and sync alike): sql with
 * n parameters vals (text, or binary where fmts[i] is 1 with lens[i] bytes; lens and
 * fmts may be NULL for all text), rows in binary when binary_rows. The result when the
 * server answered with rows or "done" (the caller PQclear()s it), else NULL after
 * fleet_pq_error(what). */
PGresult *fleet_query(PGconn *db, const char *sql, int n, const char *const *vals,
                      const int *lens, const int *fmts, bool binary_rows, const char *what);

/* As fleet_query for a statement whose rows are not wanted: the number of rows it
 * touched (PQcmdTuples), or -1 via fleet_pq_error(what). */
long long fleet_command(PGconn *db, const char *sql, int n, const char *const *vals,
                        const int *lens, const int *fmts, const char *what);

/* Ends an open transaction without its changes, when the connection still works. */
void fleet_rollback(PGconn *db);

/* Reads the first line of a secret file into out (cap bytes, no new line). Refused
 * when it is not a regular file, when its group or others may read it, or when it is
 * empty. The caller wipes out after use. */
int fleet_secret_read(const char *path, const char *what, char *out, size_t cap);

/* Where url points, for messages: "HOST:PORT/DB" (never a password: such a url is
 * refused before it is used). */
void fleet_url_server(const char *url, char *out, size_t cap);

/* Refuses a url that holds a password (and one libpq cannot read). */
int fleet_url_check(const char *url);

/* Hex of a BLAKE2b-256 hash, and the message the version signature covers:
 * "signpost-pack 1\nversion N\nstore HEX\n". */
void fleet_pack_message(long long version, const unsigned char *store, size_t len,
                        char *out, size_t cap);

#endif
