/* fleet_enrol.c: signpostctl fleet enrol (see fleet.h): IT registers a kiosk in the
 * central database, gives it a login role in signpost_kiosk (whose grants are the only
 * rights it has: insert into the inbox, day counts through put_day_counts, read
 * content packs and the collection records of its own items) with a password or a
 * client certificate, and gets the kiosk's [fleet] section and the pg_hba.conf line.
 * A password is made here from libsodium's random bytes, written to a new file only
 * its owner can read, and sent to the server only as a SCRAM verifier. */
#include "fleet.h"
#include "fleet_internal.h"

#include "err.h"
#include "log.h"

#include <sodium.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

enum { KIOSK_ID_MAX = 40, PASSWORD_BYTES = 24 };

static int role_of(const char *id, char *role, size_t cap)
{
    size_t n = id ? strlen(id) : 0;
    if (n == 0 || n > KIOSK_ID_MAX)
        return err_set("the kiosk id must be 1 to %d characters", KIOSK_ID_MAX);
    int o = snprintf(role, cap, "kiosk_");
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)id[i];
        if (!isalnum(c) && c != '-' && c != '_')
            return err_set("the kiosk id '%s' may hold only letters, digits, '-' and '_'", id);
        role[o++] = c == '-' ? '_' : (char)tolower(c);
    }
    role[o] = '\0';
    return 0;
}

/* A new random password, written to path (new, mode 0600, synced). */
static int password_make(const char *path, char *out, size_t cap)
{
    unsigned char raw[PASSWORD_BYTES];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2base64(out, cap, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof raw);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0)
        return err_set("password file %s: cannot create it: %s", path, strerror(errno));
    size_t len = strlen(out);
    bool ok = write(fd, out, len) == (ssize_t)len && write(fd, "\n", 1) == 1 && fsync(fd) == 0;
    int saved = errno;
    close(fd);
    if (!ok) {
        unlink(path);
        sodium_memzero(out, cap);
        return err_set("password file %s: cannot write it: %s", path, strerror(saved));
    }
    return 0;
}

/* The password: read from path when it is there (strict mode) and not rotating, else
 * a new one. A new password for an existing file goes to staged (path + ".new") and
 * replaces the file only once the server has it (password_commit), so a failed
 * rotation leaves the old password, which still works, in place. */
static int password_get(const char *path, bool rotate, char *out, size_t cap, bool *made,
                        char *staged, size_t staged_cap)
{
    *made = false;
    staged[0] = '\0';
    bool exists = access(path, F_OK) == 0;
    if (exists && !rotate)
        return fleet_secret_read(path, "password file", out, cap);
    const char *to = path;
    if (exists) {
        if ((size_t)snprintf(staged, staged_cap, "%s.new", path) >= staged_cap)
            return err_set("password file %s: the path is too long", path);
        unlink(staged); /* left by a rotation that was cut short; never used */
        to = staged;
    }
    if (password_make(to, out, cap) != 0) {
        staged[0] = '\0';
        return -1;
    }
    *made = true;
    return 0;
}

/* The host and port kiosks use: server ("HOST" or "HOST:PORT"), else url's own. */
static int server_of(const char *url, const char *server, char *host, size_t hcap, char *port,
                     size_t pcap)
{
    host[0] = port[0] = '\0';
    if (server && server[0]) {
        const char *colon = strrchr(server, ':');
        size_t hn = colon ? (size_t)(colon - server) : strlen(server);
        if (hn == 0 || hn >= hcap || (colon && (!colon[1] || strlen(colon + 1) >= pcap)))
            return err_set("--server must be HOST or HOST:PORT, not '%s'", server);
        memcpy(host, server, hn);
        host[hn] = '\0';
        snprintf(port, pcap, "%s", colon ? colon + 1 : "5432");
        for (const char *p = port; *p; p++)
            if (!isdigit((unsigned char)*p))
                return err_set("--server must be HOST or HOST:PORT, not '%s'", server);
        for (const char *p = host; *p; p++)
            if (!isalnum((unsigned char)*p) && !strchr(".-[]:", *p))
                return err_set("--server: '%s' is not a host name", host);
        return 0;
    }
    PQconninfoOption *opts = PQconninfoParse(url, NULL);
    for (PQconninfoOption *o = opts; o && o->keyword; o++) {
        if (strcmp(o->keyword, "host") == 0 && o->val)
            snprintf(host, hcap, "%s", o->val);
        else if (strcmp(o->keyword, "port") == 0 && o->val)
            snprintf(port, pcap, "%s", o->val);
    }
    PQconninfoFree(opts);
    if (!host[0] || host[0] == '/' || strchr(host, ','))
        return err_set("--db connects through a local socket (or to several hosts): give "
                       "--server HOST[:PORT], the name kiosks use (the one in the server's "
                       "certificate)");
    if (!port[0])
        snprintf(port, pcap, "5432");
    return 0;
}

int fleet_enrol(const char *url, FleetEnrol *e)
{
    e->existed = false;
    e->section[0] = e->hba[0] = '\0';
    if (sodium_init() < 0)
        return err_set("libsodium could not initialise");
    if (role_of(e->kiosk_id, e->role, sizeof e->role) != 0)
        return -1;
    char host[256], port[16];
    if (server_of(url, e->server, host, sizeof host, port, sizeof port) != 0)
        return -1;
    PGconn *db = fleet_connect_url(url, "cannot connect to the central database");
    if (!db)
        return -1;
    int rc = fleet_exec(db, "BEGIN", "enrol");
    const char *vals[3] = {e->role, e->kiosk_id, e->name ? e->name : ""};
    PGresult *r = NULL;
    if (rc == 0) {
        r = fleet_query(db,
                        "SELECT (SELECT count(*) FROM pg_roles WHERE rolname = "
                        "'signpost_kiosk'), (SELECT count(*) FROM pg_roles WHERE rolname = $1), "
                        "(SELECT count(*) FROM pg_roles WHERE rolname = $1 AND "
                        "pg_has_role(rolname, 'signpost_kiosk', 'MEMBER'))",
                        1, vals, NULL, NULL, false, "enrol: cannot read the roles");
        if (!r)
            rc = -1;
        else if (strcmp(PQgetvalue(r, 0, 0), "1") != 0)
            rc = err_set("enrol: the central database has no signpost_kiosk role: run "
                         "signpostctl central init --db URL first");
        else if (strcmp(PQgetvalue(r, 0, 1), "1") == 0 && strcmp(PQgetvalue(r, 0, 2), "1") != 0)
            rc = err_set("enrol: a role %s exists and is not a kiosk; nothing was changed "
                         "(choose another --kiosk-id)",
                         e->role);
        else
            e->existed = strcmp(PQgetvalue(r, 0, 1), "1") == 0;
        PQclear(r);
    }
    /* Ids that differ only in case or '-' and '_' give the same role: the second is
     * refused rather than taking over the first kiosk's role and password. */
    if (rc == 0 && e->existed) {
        r = fleet_query(db, "SELECT kiosk_id FROM signpost.kiosk WHERE role = $1", 1, vals,
                        NULL, NULL, false, "enrol: cannot read the kiosks");
        if (!r)
            rc = -1;
        else if (PQntuples(r) == 1 && strcmp(PQgetvalue(r, 0, 0), e->kiosk_id) != 0)
            rc = err_set("enrol: the id '%s' gives the role %s, which is kiosk '%s' already; "
                         "nothing was changed (enrol it as '%s' to change it, or choose an "
                         "id that differs in more than case, '-' and '_')",
                         e->kiosk_id, e->role, PQgetvalue(r, 0, 0), PQgetvalue(r, 0, 0));
        PQclear(r);
    }
    char password[256] = "", *verifier = NULL, staged[4096] = "";
    bool made = false;
    if (rc == 0 && e->rotate && !e->password_file)
        rc = err_set("enrol: --rotate makes a new password, so it needs --password-file "
                     "(a kiosk with a client certificate rotates by a new certificate)");
    if (rc == 0 && e->rotate && !e->existed)
        rc = err_set("enrol: kiosk %s is not enrolled yet, so there is no password to "
                     "rotate (enrol it without --rotate)", e->kiosk_id);
    if (rc == 0 && e->password_file) {
        rc = password_get(e->password_file, e->rotate, password, sizeof password, &made,
                          staged, sizeof staged);
        if (rc == 0) {
            verifier = PQencryptPasswordConn(db, password, e->role, "scram-sha-256");
            if (!verifier)
                rc = fleet_pq_error(db, NULL, "enrol: the password could not be prepared");
        }
        sodium_memzero(password, sizeof password);
    }
    char *ident = rc == 0 ? PQescapeIdentifier(db, e->role, strlen(e->role)) : NULL;
    char *literal = verifier ? PQescapeLiteral(db, verifier, strlen(verifier)) : NULL;
    if (rc == 0 && (!ident || (verifier && !literal)))
        rc = fleet_pq_error(db, NULL, "enrol");
    if (rc == 0) {
        char sql[1024];
        snprintf(sql, sizeof sql, "%s ROLE %s %s LOGIN PASSWORD %s",
                 e->existed ? "ALTER" : "CREATE", ident, e->existed ? "WITH" : "IN ROLE signpost_kiosk",
                 literal ? literal : "NULL");
        rc = fleet_exec(db, sql, "enrol: the role could not be made");
        sodium_memzero(sql, sizeof sql);
    }
    if (rc == 0 &&
        fleet_command(db,
                      "INSERT INTO signpost.kiosk (role, kiosk_id, name) VALUES ($1, $2, $3) "
                      "ON CONFLICT (role) DO UPDATE SET kiosk_id = EXCLUDED.kiosk_id, "
                      "name = EXCLUDED.name, enrolled_at = now(), enrolled_by = current_user",
                      3, vals, NULL, NULL, "enrol: the kiosk could not be registered") < 0)
        rc = -1;
    if (rc == 0)
        rc = fleet_exec(db, "COMMIT", "enrol: nothing was changed");
    if (rc != 0) {
        fleet_rollback(db);
        if (made) /* a password nobody will use: never leave it lying about */
            unlink(staged[0] ? staged : e->password_file);
    } else if (staged[0] && rename(staged, e->password_file) != 0) {
        /* The server has the new password; the file must follow. */
        rc = err_set("enrol: the new password is set on the server, but %s could not "
                     "replace %s: %s; use %s as the kiosk's password file",
                     staged, e->password_file, strerror(errno), staged);
    }
    e->replaced = rc == 0 && e->existed && made;
    if (literal) {
        sodium_memzero(literal, strlen(literal));
        PQfreemem(literal);
    }
    if (verifier) {
        sodium_memzero(verifier, strlen(verifier));
        PQfreemem(verifier);
    }
    PQfreemem(ident);
    if (rc == 0) {
        const char *etc = e->etc_dir && e->etc_dir[0] ? e->etc_dir : "/etc/signpost/fleet";
        bool ipv6 = strchr(host, ':') && host[0] != '[';
        char auth[1024];
        if (e->password_file)
            snprintf(auth, sizeof auth, "password_file = %s/password\n", etc);
        else
            snprintf(auth, sizeof auth,
                     "sslcert = %s/kiosk.crt\nsslkey = %s/kiosk.key\n", etc, etc);
        snprintf(e->section, sizeof e->section,
                 "# kiosk %s%s%s: made by signpostctl fleet enrol\n"
                 "[fleet]\nurl = postgresql://%s@%s%s%s:%s/%s\nsslrootcert = %s/ca.crt\n%s",
                 e->kiosk_id, e->name && e->name[0] ? ", " : "", e->name ? e->name : "",
                 e->role, ipv6 ? "[" : "", host, ipv6 ? "]" : "", port, PQdb(db), etc, auth);
        snprintf(e->hba, sizeof e->hba, "hostssl %s %s all %s", PQdb(db), e->role,
                 e->password_file ? "scram-sha-256" : "cert");
        log_info("central: kiosk %s enrolled as role %s (%s)%s", e->kiosk_id, e->role,
                 e->password_file ? "password" : "client certificate",
                 !e->existed        ? ""
                 : !e->password_file ? ", enrolled before"
                 : e->replaced      ? ", enrolled before: its password replaced"
                                    : ", enrolled before: its password unchanged");
    }
    PQfinish(db);
    return rc;
}
