/* fleet_db.c: connecting to the central database with libpq, and reading secrets.
 * A kiosk connects with sslmode=verify-full (the server's certificate must chain to
 * [fleet] sslrootcert and name the url's host), its client certificate or a password
 * from a file only its user can read. The only exception is a url whose host is a
 * local socket folder ([fleet] sslmode = disable), for tests and for a sync run on
 * the database server itself. Every connection fails fast (connect_timeout). */
#include "fleet_internal.h"

#include "err.h"
#include "mem.h"

#include <sodium.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int fleet_pq_error(PGconn *db, const PGresult *res, const char *what)
{
    const char *m = res ? PQresultErrorMessage(res) : NULL;
    if (!m || !m[0])
        m = db ? PQerrorMessage(db) : "out of memory";
    char line[768];
    size_t o = 0;
    /* One line: libpq's messages run over several, and may end with a new line. */
    for (const char *p = m; *p && o + 1 < sizeof line; p++) {
        if (*p == '\n') {
            if (p[1] && o + 3 < sizeof line) {
                line[o++] = ';';
                line[o++] = ' ';
            }
        } else if (*p == '\t') {
            if (o > 0 && line[o - 1] != ' ')
                line[o++] = ' ';
        } else if (*p != '\r') {
            line[o++] = *p;
        }
    }
    line[o] = '\0';
    return err_set("%s: %s", what, line);
}

PGresult *fleet_query(PGconn *db, const char *sql, int n, const char *const *vals,
                      const int *lens, const int *fmts, bool binary_rows, const char *what)
{
    PGresult *r = n > 0 || binary_rows
                      ? PQexecParams(db, sql, n, NULL, vals, lens, fmts, binary_rows ? 1 : 0)
                      : PQexec(db, sql);
    if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK) {
        fleet_pq_error(db, r, what);
        PQclear(r);
        return NULL;
    }
    return r;
}

long long fleet_command(PGconn *db, const char *sql, int n, const char *const *vals,
                        const int *lens, const int *fmts, const char *what)
{
    PGresult *r = fleet_query(db, sql, n, vals, lens, fmts, false, what);
    if (!r)
        return -1;
    long long touched = strtoll(PQcmdTuples(r), NULL, 10);
    PQclear(r);
    return touched;
}

int fleet_exec(PGconn *db, const char *sql, const char *what)
{
    return fleet_command(db, sql, 0, NULL, NULL, NULL, what) < 0 ? -1 : 0;
}

void fleet_rollback(PGconn *db)
{
    if (db && PQstatus(db) == CONNECTION_OK &&
        PQtransactionStatus(db) != PQTRANS_IDLE)
        PQclear(PQexec(db, "ROLLBACK"));
}

int fleet_secret_read(const char *path, const char *what, char *out, size_t cap)
{
    out[0] = '\0';
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return err_set("%s %s: %s", what, path,
                       errno == ENOENT ? "there is no such file" : strerror(errno));
    struct stat sb;
    int rc = 0;
    if (fstat(fd, &sb) != 0)
        rc = err_set("%s %s: %s", what, path, strerror(errno));
    else if (!S_ISREG(sb.st_mode))
        rc = err_set("%s %s: it is not a file", what, path);
    else if (sb.st_mode & 077)
        rc = err_set("%s %s: its group or others may read it (mode %04o); it is not used: "
                     "make it readable by its owner only (chmod 600)",
                     what, path, (unsigned)(sb.st_mode & 07777));
    else if (sb.st_size <= 0 || (size_t)sb.st_size >= cap)
        rc = err_set("%s %s: it must hold one line of fewer than %zu characters", what, path,
                     cap);
    if (rc == 0) {
        ssize_t n = read(fd, out, cap - 1);
        if (n <= 0) {
            rc = err_set("%s %s: cannot read it: %s", what, path,
                         n < 0 ? strerror(errno) : "it is empty");
            n = 0;
        }
        out[n] = '\0';
        out[strcspn(out, "\r\n")] = '\0';
        if (rc == 0 && !out[0])
            rc = err_set("%s %s: its first line is empty", what, path);
    }
    close(fd);
    if (rc != 0)
        sodium_memzero(out, cap);
    return rc;
}

int fleet_url_check(const char *url)
{
    char *msg = NULL;
    PQconninfoOption *opts = PQconninfoParse(url, &msg);
    if (!opts) {
        int rc = err_set("the database url cannot be read: %s", msg ? msg : "out of memory");
        PQfreemem(msg);
        return rc;
    }
    int rc = 0;
    for (PQconninfoOption *o = opts; o->keyword; o++)
        if (strcmp(o->keyword, "password") == 0 && o->val && o->val[0])
            rc = err_set("the database url holds a password; it is not used (a password on "
                         "a command line or in a config file can be read by others): put it "
                         "in a password file instead (PGPASSFILE, mode 0600)");
    PQconninfoFree(opts);
    return rc;
}

void fleet_url_server(const char *url, char *out, size_t cap)
{
    const char *host = NULL, *port = NULL, *dbname = NULL;
    PQconninfoOption *opts = PQconninfoParse(url, NULL);
    for (PQconninfoOption *o = opts; o && o->keyword; o++) {
        if (strcmp(o->keyword, "host") == 0)
            host = o->val;
        else if (strcmp(o->keyword, "port") == 0)
            port = o->val;
        else if (strcmp(o->keyword, "dbname") == 0)
            dbname = o->val;
    }
    snprintf(out, cap, "%s:%s/%s", host && host[0] ? host : "(local socket)",
             port && port[0] ? port : "5432", dbname && dbname[0] ? dbname : "?");
    PQconninfoFree(opts);
}

/* True when the url's host (every host it names) is a socket folder; mode (when not
 * NULL) gets the url's sslmode, or "" when it names none. */
static bool url_tls(const char *url, char *mode, size_t cap)
{
    if (mode)
        mode[0] = '\0';
    PQconninfoOption *opts = PQconninfoParse(url, NULL);
    bool socket = false;
    for (PQconninfoOption *o = opts; o && o->keyword; o++) {
        if (strcmp(o->keyword, "host") == 0)
            socket = o->val && o->val[0] == '/' && !strchr(o->val, ',');
        else if (mode && strcmp(o->keyword, "sslmode") == 0 && o->val)
            snprintf(mode, cap, "%s", o->val);
    }
    PQconninfoFree(opts);
    return socket;
}

PGconn *fleet_connect_url(const char *url, const char *what)
{
    if (fleet_url_check(url) != 0)
        return NULL;
    /* Over the network only verified TLS, as for kiosks: verify-full unless the url
     * asks for verify-ca (the server's name not checked); anything weaker is refused.
     * The server's own local socket needs none. */
    char mode[32];
    bool socket = url_tls(url, mode, sizeof mode);
    if (!socket && mode[0] && strcmp(mode, "verify-full") != 0 && strcmp(mode, "verify-ca") != 0) {
        err_set("%s: the url asks for sslmode=%s, but the central database is reached over "
                "the network only with verified TLS (sslmode=verify-full, the default, with "
                "sslrootcert=the CA of the server's certificate); on the server itself, use "
                "its local socket (host=/var/run/postgresql)",
                what, mode);
        return NULL;
    }
    const char *keys[] = {"sslmode", "dbname", "connect_timeout", "application_name", NULL};
    const char *vals[] = {socket ? "disable" : "verify-full", url, "10", "signpostctl", NULL};
    PGconn *db = PQconnectdbParams(keys, vals, 1);
    if (PQstatus(db) != CONNECTION_OK) {
        fleet_pq_error(db, NULL, what);
        PQfinish(db);
        return NULL;
    }
    return db;
}

PGconn *fleet_connect_kiosk(const KioskConfig *cfg)
{
    if (!cfg->fleet_url[0]) {
        err_set("the config has no [fleet] url: this kiosk is not part of a fleet");
        return NULL;
    }
    if (fleet_url_check(cfg->fleet_url) != 0)
        return NULL;
    bool socket = cfg->fleet_local_socket;
    if (socket && !url_tls(cfg->fleet_url, NULL, 0)) {
        err_set("[fleet] sslmode = disable is only for a local socket url; refusing to "
                "connect without TLS");
        return NULL;
    }
    char password[1024] = "";
    if (cfg->fleet_password_file[0] &&
        fleet_secret_read(cfg->fleet_password_file, "password file", password,
                          sizeof password) != 0)
        return NULL;
    const char *keys[12], *vals[12];
    int n = 0;
    keys[n] = "dbname", vals[n++] = cfg->fleet_url;
    keys[n] = "sslmode", vals[n++] = socket ? "disable" : "verify-full";
    keys[n] = "connect_timeout", vals[n++] = "10";
    keys[n] = "application_name", vals[n++] = "signpost-sync";
    if (!socket && cfg->fleet_sslrootcert[0])
        keys[n] = "sslrootcert", vals[n++] = cfg->fleet_sslrootcert;
    if (!socket && cfg->fleet_sslcert[0]) {
        keys[n] = "sslcert", vals[n++] = cfg->fleet_sslcert;
        keys[n] = "sslkey", vals[n++] = cfg->fleet_sslkey;
    }
    if (password[0])
        keys[n] = "password", vals[n++] = password;
    else /* never a password from ~/.pgpass or the environment by surprise */
        keys[n] = "passfile", vals[n++] = "/nonexistent/signpost-no-password-file";
    keys[n] = NULL, vals[n] = NULL;
    PGconn *db = PQconnectdbParams(keys, vals, 1);
    sodium_memzero(password, sizeof password);
    if (PQstatus(db) != CONNECTION_OK) {
        fleet_pq_error(db, NULL, "cannot connect to the central database");
        PQfinish(db);
        return NULL;
    }
    return db;
}

void fleet_pack_message(long long version, const unsigned char *store, size_t len, char *out,
                        size_t cap)
{
    unsigned char hash[crypto_generichash_BYTES];
    char hex[2 * crypto_generichash_BYTES + 1];
    crypto_generichash(hash, sizeof hash, store, len, NULL, 0);
    sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
    snprintf(out, cap, "signpost-pack 1\nversion %lld\nstore %s\n", version, hex);
}
