/* test_fleet.c: the fleet on a throwaway PostgreSQL cluster (issue 12 part 4). Run by
 * tests/fleet/pg_cluster.sh, which starts the cluster (TLS with its own CA, a server
 * certificate for localhost, client certificates) and removes it afterwards, and sets
 * FLEET_DIR, FLEET_PORT, FLEET_SOCK and FLEET_CLUSTER. Two kiosks upload over TCP with
 * verify-full TLS (one with a client certificate, one with a password file); neither
 * can read the other's rows; a re-upload is idempotent; a batch is marked sent only
 * after the central COMMIT returns (the server is killed just before it: nothing is
 * lost, the retry sends it); PALS collect; each kiosk deletes exactly what the
 * central record proves; content packs are installed only when newer and signed; a
 * server certificate from another CA, an expired client certificate, a client key or
 * password file others can read, a wrong password and a role that may not insert are
 * logged plainly with the outbox intact; a second sync of one outbox does nothing;
 * PALS collect the feedback comments once, and the kiosk deletes those proven
 * collected, and the others after the retention period. Then fifty kiosks at once
 * with faults (issue 12 part 5: test_fifty_kiosks), printing the fleet's figures. */
#define _DEFAULT_SOURCE /* wait4 */
#include "test.h"

#include "testlib.h"
#include "../unit/outbox_testlib.h"

#include "config.h"
#include "fleet.h"
#include "log.h"
#include "signing.h"

#include <libpq-fe.h>
#include <sodium.h>
#include <sqlite3.h>

#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

static const char *dir, *port, *sock, *cluster;
static char path_buf[8][512];
static int path_i;

/* dir/name, in a ring of static buffers. */
static const char *P(const char *name)
{
    char *b = path_buf[path_i++ % 8];
    snprintf(b, sizeof path_buf[0], "%s/%s", dir, name);
    return b;
}

/* ---- captured log ---- */
static char logged[1 << 16];
static size_t logged_len;
static void sink(void *user, LogLevel level, const char *line)
{
    (void)user;
    (void)level;
    int n = snprintf(logged + logged_len, sizeof logged - logged_len, "%s\n", line);
    if (n > 0 && logged_len + (size_t)n < sizeof logged)
        logged_len += (size_t)n;
    fprintf(stderr, "    log: %s\n", line);
}
static void log_reset(void)
{
    logged_len = 0;
    logged[0] = '\0';
}

/* ---- running things ---- */
static char out_text[1 << 14];
static int sh(const char *fmt, ...) SP_PRINTF(1, 2);
static int sh(const char *fmt, ...)
{
    char cmd[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    char full[4400];
    snprintf(full, sizeof full, "(%s) > '%s/sh.out' 2>&1", cmd, dir);
    int status = system(full);
    size_t len = 0;
    unsigned char *text = tl_slurp(P("sh.out"), &len);
    snprintf(out_text, sizeof out_text, "%s", text ? (char *)text : "");
    free(text);
    int rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (rc != 0)
        fprintf(stderr, "    $ %s\n    -> %d: %s\n", cmd, rc, out_text);
    return rc;
}

static char admin_url[512], pals_url[512], publisher_url[512];

/* Connects over the socket as role. */
static PGconn *as(const char *role)
{
    char ci[512];
    snprintf(ci, sizeof ci, "host=%s port=%s dbname=signpost user=%s", sock, port, role);
    PGconn *c = PQconnectdb(ci);
    if (PQstatus(c) != CONNECTION_OK)
        fprintf(stderr, "  cannot connect as %s: %s", role, PQerrorMessage(c));
    return c;
}

/* Runs sql as role: the first value of the first row as a number, or -1 on an error
 * (whose message goes to errbuf). */
static char errbuf[1024];
static long long q(const char *role, const char *sql)
{
    PGconn *c = as(role);
    PGresult *r = PQexec(c, sql);
    long long v = -1;
    errbuf[0] = '\0';
    if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0)
        v = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
    else if (PQresultStatus(r) == PGRES_COMMAND_OK)
        v = 0;
    else
        snprintf(errbuf, sizeof errbuf, "%s", PQresultErrorMessage(r));
    PQclear(r);
    PQfinish(c);
    return v;
}

/* ---- kiosks ---- */
typedef struct Kiosk {
    const char *name;
    KioskConfig cfg;
    Outbox *ob;
    char refs[16][OUTBOX_REF_MAX];
    int n;
} Kiosk;
static Kiosk ka = {.name = "a"}, kb = {.name = "b"};

/* Writes and loads the kiosk's config; fleet is the [fleet] section's body. */
static void kiosk_config(Kiosk *k, const char *fleet)
{
    char conf[4096], file[64];
    snprintf(file, sizeof file, "%s.conf", k->name);
    snprintf(conf, sizeof conf,
             "[concerns]\noutbox = %s/%s-outbox.db\npublic_key = %s/pals.pub\n"
             "[paths]\ncontent = %s/%s-live.db\ncontent_public_key = %s/signing.pub\n"
             "[fleet]\n%s",
             dir, k->name, dir, dir, k->name, dir, fleet);
    FILE *f = fopen(P(file), "w");
    if (f) {
        fputs(conf, f);
        fclose(f);
    }
    config_defaults(&k->cfg);
    DiagList dl;
    diag_init(&dl);
    int rc = config_load(P(file), &k->cfg, &dl);
    diag_print(&dl, stderr);
    diag_release(&dl);
    CHECK_INT(rc, 0);
}

static void submit(Kiosk *k, const char *what)
{
    if (k->n >= (int)(sizeof k->refs / sizeof k->refs[0])) {
        CHECK(!"more concerns than the test keeps references for");
        return;
    }
    if (!k->ob)
        k->ob = outbox_open(k->cfg.outbox, k->cfg.pals_public_key);
    Concern c;
    tl_fill(&c, what);
    CHECK_INT(outbox_submit(k->ob, &c, "main-entrance", "Main entrance", k->refs[k->n]), OUTBOX_OK);
    k->n++;
    concern_clear(&c);
}

static int sync_k(Kiosk *k, FleetSyncResult *res)
{
    return fleet_sync_once(&k->cfg, NULL, false, res);
}

static int waiting(Kiosk *k)
{
    return outbox_pending(k->ob);
}

static long long central_count(const char *kiosk)
{
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM signpost.inbox WHERE kiosk = '%s'", kiosk);
    return q("signpost_admin", sql);
}

/* signpostctl fleet enrol of kiosk id with a password file, through localhost, with
 * extra options ("" for none): its exit status, its output in out_text. */
static int enrol_pw(const char *id, const char *password_file, const char *extra)
{
    return sh("'%s' fleet enrol --db '%s' --kiosk-id %s --password-file '%s' --server "
              "localhost:%s %s",
              SIGNPOSTCTL, admin_url, id, password_file, port, extra);
}

static unsigned char pals_sk[OUTBOX_KEY_BYTES];

/* ==== the tests ==== */

static void test_central_init(void)
{
    CHECK_INT(sh("'%s' central init --db '%s'", SIGNPOSTCTL, admin_url), 0);
    CHECK_INT(sh("'%s' central init --db '%s'", SIGNPOSTCTL, admin_url), 0); /* idempotent */
    /* A url with a password is refused before anything is tried. */
    CHECK(sh("'%s' central init --db 'postgresql://signpost_admin:secret@localhost/x'",
             SIGNPOSTCTL) == 1);
    CHECK_CONTAINS(out_text, "holds a password");
    CHECK(strstr(out_text, "secret") == NULL);
    /* IT's tools, too, reach the server over the network only with verified TLS: a
     * weaker sslmode is refused, and none given means verify-full (here with no CA to
     * check the server against, so the connection is refused, saying so). */
    CHECK(sh("'%s' central init --db 'postgresql://signpost_admin@localhost:%s/signpost?"
             "sslmode=prefer'",
             SIGNPOSTCTL, port) == 1);
    CHECK_CONTAINS(out_text, "asks for sslmode=prefer");
    CHECK(sh("HOME='%s' '%s' central init --db 'postgresql://signpost_admin@localhost:%s/"
             "signpost'",
             dir, SIGNPOSTCTL, port) == 1);
    CHECK_CONTAINS(out_text, "root certificate");
    /* Kiosks are enrolled as IT would: A with a client certificate, B with the password
     * in its file. */
    CHECK_INT(sh("'%s' fleet enrol --db '%s' --kiosk-id A --name 'Main entrance' "
                 "--server localhost:%s",
                 SIGNPOSTCTL, admin_url, port),
              0);
    CHECK_CONTAINS(out_text, "url = postgresql://kiosk_a@localhost:");
    CHECK_CONTAINS(out_text, "sslcert = /etc/signpost/fleet/kiosk.crt");
    CHECK_CONTAINS(out_text, "CN=kiosk_a");
    CHECK_CONTAINS(out_text, "hostssl signpost kiosk_a all cert");
    tl_put_str(P("b.password"), "b-password-7\n");
    chmod(P("b.password"), 0600);
    CHECK_INT(enrol_pw("b", P("b.password"), ""), 0);
    CHECK_CONTAINS(out_text, "password_file = /etc/signpost/fleet/password");
    CHECK_CONTAINS(out_text, "scram-sha-256");
    CHECK(strstr(out_text, "b-password-7") == NULL);
    /* A socket url without --server: the kiosk could not use it; refused. */
    CHECK(sh("'%s' fleet enrol --db '%s' --kiosk-id x", SIGNPOSTCTL, admin_url) == 1);
    CHECK_CONTAINS(out_text, "give --server HOST[:PORT]");
    CHECK_INT(q("signpost_admin",
                "CREATE ROLE kiosk_c LOGIN;"
                "CREATE ROLE pals LOGIN IN ROLE signpost_pals;"
                "CREATE ROLE publisher LOGIN IN ROLE signpost_publisher;"),
              0);
    /* A role that is not a kiosk is never turned into one. */
    CHECK(sh("'%s' fleet enrol --db '%s' --kiosk-id C --server localhost", SIGNPOSTCTL,
             admin_url) == 1);
    CHECK_CONTAINS(out_text, "exists and is not a kiosk");
    CHECK_INT(q("signpost_admin", "SELECT count(*) FROM pg_auth_members m JOIN pg_roles r ON "
                                  "r.oid = m.member WHERE r.rolname = 'kiosk_c'"),
              0);
    CHECK_INT(q("signpost_admin", "SELECT count(*) FROM pg_policies WHERE schemaname = 'signpost'"),
              5);
    /* Least privilege, as the catalogue sees it: insert into the inbox, read packs,
     * nothing else on any table. */
    CHECK_INT(q("signpost_admin",
                "SELECT count(*) FROM (VALUES "
                "(has_table_privilege('kiosk_a', 'signpost.inbox', 'INSERT')), "
                "(has_table_privilege('kiosk_a', 'signpost.content_pack', 'SELECT')), "
                "(NOT has_table_privilege('kiosk_a', 'signpost.inbox', 'SELECT')), "
                "(NOT has_table_privilege('kiosk_a', 'signpost.inbox', 'UPDATE')), "
                "(NOT has_table_privilege('kiosk_a', 'signpost.inbox', 'DELETE')), "
                "(NOT has_table_privilege('kiosk_a', 'signpost.content_pack', 'INSERT')), "
                "(NOT has_table_privilege('kiosk_a', 'signpost.kiosk', 'SELECT')), "
                "(NOT has_table_privilege('kiosk_a', 'signpost.day_count', 'SELECT')), "
                "(NOT has_table_privilege('kiosk_a', 'signpost.day_count', 'INSERT')), "
                "(NOT has_table_privilege('kiosk_a', 'signpost.day_upload', 'UPDATE')), "
                "(has_function_privilege('kiosk_a', 'signpost.put_day_counts(text, date, "
                "boolean, text[], text[], bigint[])', 'EXECUTE')), "
                "(NOT has_function_privilege('pals', 'signpost.put_day_counts(text, date, "
                "boolean, text[], text[], bigint[])', 'EXECUTE'))) AS v(ok) WHERE ok"),
              12);
    CHECK_INT(q("signpost_admin", "SELECT count(*) FROM signpost.kiosk WHERE "
                                  "(role, kiosk_id, name) IN (('kiosk_a', 'A', 'Main entrance'), "
                                  "('kiosk_b', 'b', ''))"),
              2);
}

/* A kiosk enrolled with a password made for it, configured from the section enrol
 * wrote, syncs; enrolling it again replaces the password (the old one stops working). */
static void test_enrol_new_kiosk(void)
{
    CHECK_INT(sh("cp '%s/certs/ca.crt' '%s/ca.crt'", dir, dir), 0);
    CHECK_INT(sh("'%s' fleet enrol --db '%s' --kiosk-id d --name 'Ward 7' --password-file "
                 "'%s' --server localhost:%s --etc-dir '%s' -o '%s'",
                 SIGNPOSTCTL, admin_url, P("password"), port, dir, P("d-fleet.conf")),
              0);
    struct stat sb;
    CHECK(stat(P("password"), &sb) == 0 && (sb.st_mode & 0777) == 0600 && sb.st_size > 30);
    size_t len = 0;
    unsigned char *section = tl_slurp(P("d-fleet.conf"), &len);
    const char *body = section ? strstr((char *)section, "[fleet]\n") : NULL;
    CHECK(body != NULL);
    Kiosk kd = {.name = "d"};
    kiosk_config(&kd, body ? body + 8 : "");
    free(section);
    CHECK_CONTAINS(kd.cfg.fleet_url, "postgresql://kiosk_d@localhost:");
    submit(&kd, "D1");
    FleetSyncResult res;
    CHECK_INT(sync_k(&kd, &res), 0);
    CHECK_INT(res.uploaded, 1);
    CHECK_INT(central_count("kiosk_d"), 1);
    /* Again: a new password (the file is new), the old one refused. */
    char old[128] = "";
    unsigned char *text = tl_slurp(P("password"), &len);
    snprintf(old, sizeof old, "%s", text ? (char *)text : "");
    free(text);
    CHECK_INT(sh("mv '%s' '%s'", P("password"), P("old.password")), 0);
    CHECK_INT(enrol_pw("d", P("password"), ""), 0);
    CHECK_CONTAINS(out_text, "the old password no longer works");
    text = tl_slurp(P("password"), &len);
    CHECK(text && strcmp((char *)text, old) != 0);
    free(text);
    CHECK_INT(sync_k(&kd, &res), 0); /* reads the new file */
    CHECK_INT(sh("cp '%s' '%s'", P("old.password"), P("password")), 0);
    log_reset();
    CHECK_INT(sync_k(&kd, &res), -1);
    CHECK_CONTAINS(logged, "password authentication failed");
    /* Enrolled again with the file in place: the same password, said so. */
    CHECK_INT(sh("cp '%s' '%s'", P("password"), P("old.password")), 0);
    CHECK_INT(enrol_pw("d", P("password"), ""), 0);
    CHECK_CONTAINS(out_text, "the password is unchanged");
    CHECK_INT(sync_k(&kd, &res), 0);
    /* Rotated in place: a new password in the same file, the old one refused, no
     * staged file left behind, the mode kept strict. */
    CHECK_INT(enrol_pw("d", P("password"), "--rotate"), 0);
    CHECK_CONTAINS(out_text, "the old password no longer works");
    text = tl_slurp(P("password"), &len);
    unsigned char *was = tl_slurp(P("old.password"), &len);
    CHECK(text && was && strcmp((char *)text, (char *)was) != 0);
    free(text);
    free(was);
    CHECK(stat(P("password"), &sb) == 0 && (sb.st_mode & 0777) == 0600);
    CHECK(access(P("password.new"), F_OK) != 0);
    CHECK_INT(sync_k(&kd, &res), 0);
    /* Nothing to rotate: a kiosk not enrolled, or one without a password file. */
    CHECK(enrol_pw("newcomer", P("newcomer.password"), "--rotate") == 1);
    CHECK_CONTAINS(out_text, "not enrolled yet");
    CHECK(access(P("newcomer.password"), F_OK) != 0);
    CHECK(sh("'%s' fleet enrol --db '%s' --kiosk-id d --server localhost:%s --rotate",
             SIGNPOSTCTL, admin_url, port) == 1);
    CHECK_CONTAINS(out_text, "needs --password-file");
    /* "D" gives kiosk d's role: refused, d's password untouched. */
    CHECK(enrol_pw("D", P("password"), "--rotate") == 1);
    CHECK_CONTAINS(out_text, "which is kiosk 'd' already");
    CHECK_INT(sync_k(&kd, &res), 0);
    outbox_close(kd.ob);
}

static void test_two_kiosks_upload(void)
{
    char fleet[2048];
    snprintf(fleet, sizeof fleet,
             "url = postgresql://kiosk_a@localhost:%s/signpost\nsslrootcert = %s/certs/ca.crt\n"
             "sslcert = %s/certs/kiosk_a.crt\nsslkey = %s/certs/kiosk_a.key\nretry_seconds = 60\n",
             port, dir, dir, dir);
    kiosk_config(&ka, fleet);
    snprintf(fleet, sizeof fleet,
             "url = postgresql://kiosk_b@localhost:%s/signpost\nsslrootcert = %s/certs/ca.crt\n"
             "password_file = %s/b.password\nretry_seconds = 0\n",
             port, dir, dir);
    kiosk_config(&kb, fleet);
    submit(&ka, "MARKER-FLEET-A1 waited three hours");
    submit(&ka, "A2");
    submit(&ka, "A3");
    submit(&kb, "MARKER-FLEET-B1 lost property");
    submit(&kb, "B2");
    FleetSyncResult res;
    CHECK_INT(sync_k(&ka, &res), 0);
    CHECK_INT(res.uploaded, 3);
    CHECK_INT(sync_k(&kb, &res), 0);
    CHECK_INT(res.uploaded, 2);
    CHECK_INT(central_count("kiosk_a"), 3);
    CHECK_INT(central_count("kiosk_b"), 2);
    /* Uploaded is not collected: the outbox keeps them. */
    CHECK_INT(waiting(&ka), 3);
    CHECK_INT(waiting(&kb), 2);
    /* The sealed bytes arrived whole: PALS can open them (below, collect). */
    CHECK_INT(q("signpost_admin", "SELECT count(*) FROM signpost.inbox WHERE "
                                  "octet_length(token_hash) = 32"),
              5);
}

static void test_kiosk_cannot_read(void)
{
    /* Kiosk A over TLS with its certificate, as sync connects. */
    char ci[1024];
    snprintf(ci, sizeof ci,
             "host=localhost port=%s dbname=signpost user=kiosk_a sslmode=verify-full "
             "sslrootcert=%s/certs/ca.crt sslcert=%s/certs/kiosk_a.crt "
             "sslkey=%s/certs/kiosk_a.key",
             port, dir, dir, dir);
    PGconn *c = PQconnectdb(ci);
    CHECK_INT(PQstatus(c), CONNECTION_OK);
    PGresult *r = PQexec(c, "SELECT count(*) FROM signpost.inbox");
    CHECK_INT(PQresultStatus(r), PGRES_FATAL_ERROR);
    CHECK_CONTAINS(PQresultErrorMessage(r), "permission denied");
    PQclear(r);
    /* Nor write as another kiosk. */
    r = PQexec(c, "INSERT INTO signpost.inbox (kiosk, kind, item_id, created_at, sealed) "
                  "VALUES ('kiosk_b', 'concern', 'FAKE-0001', 'x', '\\x00')");
    CHECK_INT(PQresultStatus(r), PGRES_FATAL_ERROR);
    CHECK_CONTAINS(PQresultErrorMessage(r), "row-level security");
    PQclear(r);
    /* Nor change or delete anything. */
    r = PQexec(c, "DELETE FROM signpost.inbox");
    CHECK_INT(PQresultStatus(r), PGRES_FATAL_ERROR);
    PQclear(r);
    r = PQexec(c, "INSERT INTO signpost.content_pack (version, store, store_bytes) "
                  "VALUES (99, '\\x00', 1)");
    CHECK_INT(PQresultStatus(r), PGRES_FATAL_ERROR);
    PQclear(r);
    PQfinish(c);
    /* The collection records: only its own (after PALS collect, below, too). */
    CHECK_INT(q("kiosk_a", "SELECT count(*) FROM signpost.collection"), 0);
    /* PALS may read the inbox, not add packs. */
    CHECK_INT(q("pals", "SELECT count(*) FROM signpost.inbox"), 5);
    CHECK_INT(q("pals", "INSERT INTO signpost.content_pack (version, store, store_bytes) "
                        "VALUES (99, '\\x00', 1)"),
              -1);
    CHECK_INT(q("publisher", "SELECT count(*) FROM signpost.inbox"), -1);
}

static void test_idempotent_reupload(void)
{
    /* The record of what was sent is lost: everything goes again, nothing doubles. */
    char state[1100];
    CHECK_INT(fleet_state_path(&ka.cfg, state, sizeof state), 0);
    tl_remove_outbox(state);
    FleetSyncResult res;
    CHECK_INT(sync_k(&ka, &res), 0);
    CHECK_INT(res.uploaded, 0);
    CHECK_INT(res.already, 3);
    CHECK_INT(central_count("kiosk_a"), 3);
    /* The command line does the same. */
    CHECK_INT(sh("'%s' sync --config '%s' --once", SIGNPOSTCTL, P("a.conf")), 0);
    CHECK_CONTAINS(out_text, "sync: done");
    CHECK_INT(central_count("kiosk_a"), 3);
}

static void kill_server(void *user)
{
    (void)user;
    CHECK_INT(sh("'%s' stop '%s'", cluster, dir), 0);
}

static void test_sent_only_after_commit(void)
{
    submit(&ka, "A4");
    submit(&ka, "A5");
    FleetSyncHooks hooks = {.before_commit = kill_server};
    FleetSyncResult res;
    log_reset();
    CHECK_INT(fleet_sync_once(&ka.cfg, &hooks, false, &res), -1);
    CHECK_INT(res.uploaded, 0);
    CHECK_CONTAINS(logged, "the outbox and the content are kept");
    CHECK_INT(waiting(&ka), 5);
    /* Backing off: retry_seconds = 60, so a pass that respects it does nothing. */
    CHECK_INT(fleet_sync_once(&ka.cfg, NULL, true, &res), 0);
    CHECK(res.skipped);
    CHECK_INT(sh("'%s' start '%s'", cluster, dir), 0);
    /* Nothing of the interrupted batch reached the inbox, and nothing was lost. */
    CHECK_INT(central_count("kiosk_a"), 3);
    CHECK_INT(sync_k(&ka, &res), 0);
    CHECK_INT(res.uploaded, 2);
    CHECK_INT(central_count("kiosk_a"), 5);
    /* Success ends the backoff. */
    CHECK_INT(fleet_sync_once(&ka.cfg, NULL, true, &res), 0);
    CHECK(!res.skipped);
    CHECK_INT(res.uploaded, 0);
}

static void test_collect_and_purge(void)
{
    CHECK_INT(sh("'%s' concerns collect --db '%s' --secret-key '%s' --format json -o '%s'",
                 SIGNPOSTCTL, pals_url, P("pals.secret"), P("collected.json")),
              0);
    CHECK_CONTAINS(out_text, "7 concerns collected from 2 kiosks");
    size_t len = 0;
    unsigned char *json = tl_slurp(P("collected.json"), &len);
    for (int i = 0; i < ka.n; i++)
        CHECK(tl_contains(json, len, ka.refs[i]));
    for (int i = 0; i < kb.n; i++)
        CHECK(tl_contains(json, len, kb.refs[i]));
    CHECK(tl_contains(json, len, "MARKER-FLEET-A1"));
    free(json);
    struct stat sb;
    CHECK(stat(P("collected.json"), &sb) == 0 && (sb.st_mode & 077) == 0);
    /* Collected once: a second collect finds nothing new. */
    CHECK_INT(sh("'%s' concerns collect --db '%s' --secret-key '%s' --format csv -o '%s'",
                 SIGNPOSTCTL, pals_url, P("pals.secret"), P("again.csv")),
              0);
    CHECK_CONTAINS(out_text, "0 concerns collected");
    CHECK_INT(q("signpost_admin", "SELECT count(*) FROM signpost.collection"), 7);
    /* Each kiosk sees only its own collection records. */
    CHECK_INT(q("kiosk_a", "SELECT count(*) FROM signpost.collection"), 5);
    CHECK_INT(q("kiosk_b", "SELECT count(*) FROM signpost.collection"), 2);

    /* A forged record (a token that is not the one sealed inside) proves nothing. */
    submit(&kb, "B3");
    FleetSyncResult res;
    CHECK_INT(sync_k(&kb, &res), 0); /* uploads B3; deletes B1 and B2, proven collected */
    CHECK_INT(res.uploaded, 1);
    CHECK_INT(res.purged, 2);
    CHECK_INT(waiting(&kb), 1);
    char sql[512];
    snprintf(sql, sizeof sql,
             "INSERT INTO signpost.collection (kiosk, kind, item_id, token) VALUES "
             "('kiosk_b', 'concern', '%s', '00000000000000000000000000000000')",
             kb.refs[2]);
    CHECK_INT(q("signpost_admin", sql), 0);

    CHECK_INT(sync_k(&ka, &res), 0);
    CHECK_INT(res.purged, 5);
    CHECK_INT(waiting(&ka), 0);
    log_reset();
    CHECK_INT(sync_k(&kb, &res), 0);
    CHECK_INT(res.purged, 0);
    CHECK_INT(waiting(&kb), 1); /* B3 stays: its record did not prove it */
    CHECK_CONTAINS(logged, "does not prove it");
    CHECK(tl_integrity_ok(ka.cfg.outbox));
}

static void test_retention(void)
{
    /* B3 was sent and never (provably) collected: once it is older than the retention
     * period it is deleted here; the central inbox keeps it. */
    char state[1100];
    CHECK_INT(fleet_state_path(&kb.cfg, state, sizeof state), 0);
    sqlite3 *db = NULL;
    CHECK_INT(sqlite3_open(state, &db), SQLITE_OK);
    CHECK_INT(sqlite3_exec(db, "UPDATE sent SET sent_at = sent_at - 91 * 86400", NULL, NULL, NULL),
              SQLITE_OK);
    sqlite3_close(db);
    FleetSyncResult res;
    CHECK_INT(sync_k(&kb, &res), 0);
    CHECK_INT(res.forgotten, 1);
    CHECK_INT(waiting(&kb), 0);
    CHECK_INT(central_count("kiosk_b"), 3);
}

/* Inserts a pack row as the admin from another row, with changes. */
static void forge_pack(long long version, const char *select)
{
    char sql[1024];
    snprintf(sql, sizeof sql,
             "INSERT INTO signpost.content_pack (version, store, store_bytes, signature, "
             "version_signature) %s",
             select);
    (void)version;
    CHECK_INT(q("signpost_admin", sql), 0);
}

static void test_content_packs(void)
{
    const char *store = CONTENT_DB;
    /* A kiosk role may not publish. */
    CHECK(sh("'%s' content publish '%s' --db 'host=%s port=%s dbname=signpost user=kiosk_a' "
             "--secret-key '%s'",
             SIGNPOSTCTL, store, sock, port, P("signing.key")) == 1);
    CHECK_CONTAINS(out_text, "permission denied");
    CHECK_INT(sh("'%s' content publish '%s' --db '%s' --secret-key '%s'", SIGNPOSTCTL, store,
                 publisher_url, P("signing.key")),
              0);
    CHECK_CONTAINS(out_text, "version 1 published");
    FleetSyncResult res;
    CHECK_INT(sync_k(&ka, &res), 0);
    CHECK_INT(res.pack_installed, 1);
    unsigned char pk[SIGNING_PUBLIC_BYTES];
    CHECK_INT(signing_public_key_read(P("signing.pub"), pk), 0);
    CHECK_INT(content_verify(ka.cfg.content_store, pk, NULL), 0);
    /* Nothing newer: nothing happens. */
    CHECK_INT(sync_k(&ka, &res), 0);
    CHECK_INT(res.pack_installed, 0);

    /* 2: signed with another key. */
    CHECK_INT(sh("'%s' content publish '%s' --db '%s' --secret-key '%s'", SIGNPOSTCTL, store,
                 publisher_url, P("other.key")),
              0);
    /* 3: unsigned. */
    forge_pack(3, "SELECT 3, store, store_bytes, NULL, NULL FROM signpost.content_pack "
                  "WHERE version = 1");
    /* 4: cut short. */
    forge_pack(4, "SELECT 4, substring(store FROM 1 FOR 4096), store_bytes, signature, "
                  "version_signature FROM signpost.content_pack WHERE version = 1");
    /* 5: version 1 again under a newer number (its version signature says 1). */
    forge_pack(5, "SELECT 5, store, store_bytes, signature, version_signature FROM "
                  "signpost.content_pack WHERE version = 1");
    log_reset();
    CHECK_INT(sync_k(&ka, &res), 0);
    CHECK_INT(res.pack_installed, 0);
    CHECK_INT(res.packs_refused, 4);
    CHECK_CONTAINS(logged, "content pack 2 is not signed with this kiosk's content key");
    CHECK_CONTAINS(logged, "content pack 3 is not signed");
    CHECK_CONTAINS(logged, "content pack 4 is cut short");
    CHECK_CONTAINS(logged, "content pack 5: its version number is not signed");
    CHECK_INT(content_verify(ka.cfg.content_store, pk, NULL), 0);

    /* 6: good; kiosk B, which has none yet, gets the newest only. */
    CHECK_INT(sh("'%s' content publish '%s' --db '%s' --secret-key '%s' --version 6",
                 SIGNPOSTCTL, store, publisher_url, P("signing.key")),
              0);
    CHECK_INT(sync_k(&ka, &res), 0);
    CHECK_INT(res.pack_installed, 6);
    CHECK_INT(sync_k(&kb, &res), 0);
    CHECK_INT(res.pack_installed, 6);
    CHECK_INT(content_verify(kb.cfg.content_store, pk, NULL), 0);
    /* An older number published later is never installed: versions only go forward. */
    CHECK_INT(sh("'%s' content publish '%s' --db '%s' --secret-key '%s' --version 5",
                 SIGNPOSTCTL, store, publisher_url, P("signing.key")) != 0, 1); /* 5 taken */
    forge_pack(0, "SELECT 2000000, store, store_bytes, signature, version_signature FROM "
                  "signpost.content_pack WHERE version = 1");
    CHECK_INT(sync_k(&ka, &res), 0);
    CHECK_INT(res.pack_installed, 0);
    CHECK_INT(res.packs_refused, 1);
    CHECK(tl_exists(ka.cfg.content_store));
}

static void test_refusals_keep_outbox(void)
{
    submit(&ka, "A6");
    FleetSyncResult res;
    /* The server's certificate from a CA this kiosk does not trust. */
    Kiosk wrong = {.name = "wrong"};
    char fleet[2048];
    snprintf(fleet, sizeof fleet,
             "url = postgresql://kiosk_a@localhost:%s/signpost\nsslrootcert = %s/certs/other-ca.crt\n"
             "sslcert = %s/certs/kiosk_a.crt\nsslkey = %s/certs/kiosk_a.key\nretry_seconds = 0\n",
             port, dir, dir, dir);
    kiosk_config(&wrong, fleet);
    snprintf(wrong.cfg.outbox, sizeof wrong.cfg.outbox, "%s", ka.cfg.outbox);
    log_reset();
    CHECK_INT(sync_k(&wrong, &res), -1);
    CHECK_CONTAINS(logged, "certificate verify failed");
    CHECK_INT(waiting(&ka), 1);

    /* An expired client certificate: the server refuses it. */
    Kiosk expired = {.name = "expired"};
    snprintf(fleet, sizeof fleet,
             "url = postgresql://kiosk_a@localhost:%s/signpost\nsslrootcert = %s/certs/ca.crt\n"
             "sslcert = %s/certs/expired.crt\nsslkey = %s/certs/expired.key\nretry_seconds = 0\n",
             port, dir, dir, dir);
    kiosk_config(&expired, fleet);
    snprintf(expired.cfg.outbox, sizeof expired.cfg.outbox, "%s", ka.cfg.outbox);
    log_reset();
    CHECK_INT(sync_k(&expired, &res), -1);
    CHECK_CONTAINS(logged, "certificate expired");
    CHECK_INT(waiting(&ka), 1);

    /* A role the database refuses to let insert. */
    Kiosk c = {.name = "c"};
    snprintf(fleet, sizeof fleet,
             "url = postgresql://kiosk_c@localhost:%s/signpost\nsslrootcert = %s/certs/ca.crt\n"
             "sslcert = %s/certs/kiosk_c.crt\nsslkey = %s/certs/kiosk_c.key\nretry_seconds = 0\n",
             port, dir, dir, dir);
    kiosk_config(&c, fleet);
    submit(&c, "C1");
    log_reset();
    CHECK_INT(sync_k(&c, &res), -1);
    CHECK_CONTAINS(logged, "permission denied");
    CHECK_INT(waiting(&c), 1);
    CHECK_INT(central_count("kiosk_c"), 0);
    outbox_close(c.ob);

    /* A password file others can read is not used. */
    chmod(P("b.password"), 0644);
    log_reset();
    CHECK_INT(sync_k(&kb, &res), -1);
    CHECK_CONTAINS(logged, "group or others may read it");
    CHECK(strstr(logged, "b-password-7") == NULL);
    chmod(P("b.password"), 0600);
    /* A wrong password. */
    tl_put_str(P("b.password"), "not-the-password\n");
    chmod(P("b.password"), 0600);
    log_reset();
    CHECK_INT(sync_k(&kb, &res), -1);
    CHECK_CONTAINS(logged, "password authentication failed");
    CHECK(strstr(logged, "not-the-password") == NULL);

    /* A client key others can read is not used either (libpq refuses it). */
    chmod(P("certs/kiosk_a.key"), 0644);
    log_reset();
    CHECK_INT(sync_k(&ka, &res), -1);
    CHECK_CONTAINS(logged, "has group or world access");
    CHECK_INT(waiting(&ka), 1);
    chmod(P("certs/kiosk_a.key"), 0600);

    /* Kiosk A with the right certificate carries on. */
    CHECK_INT(sync_k(&ka, &res), 0);
    CHECK_INT(res.uploaded, 1);
}

/* A second sync of the same outbox while one runs does nothing (the lock). */
static void test_one_sync_at_a_time(void)
{
    char lock[1100];
    snprintf(lock, sizeof lock, "%s.sync.lock", ka.cfg.outbox);
    int up[2], down[2];
    CHECK_INT(pipe(up), 0);
    CHECK_INT(pipe(down), 0);
    pid_t child = fork();
    if (child == 0) {
        int fd = open(lock, O_RDWR | O_CREAT, 0600);
        struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
        char ch = fcntl(fd, F_SETLK, &fl) == 0 ? 'y' : 'n';
        if (write(up[1], &ch, 1) != 1)
            _exit(1);
        (void)!read(down[0], &ch, 1); /* until the parent is done */
        _exit(0);
    }
    char ch = 0;
    CHECK_INT(read(up[0], &ch, 1), 1);
    CHECK_INT(ch, 'y');
    FleetSyncResult res;
    CHECK_INT(sync_k(&ka, &res), 0);
    CHECK(res.skipped);
    CHECK_INT(write(down[1], "x", 1), 1);
    waitpid(child, NULL, 0);
    close(up[0]), close(up[1]), close(down[0]), close(down[1]);
    CHECK_INT(sync_k(&ka, &res), 0);
    CHECK(!res.skipped);
}

/* Stops the server at the commit numbered kill_at (1 = the first) of a pass. */
static int commits, kill_at;
static void kill_at_commit(void *user)
{
    (void)user;
    if (++commits == kill_at)
        kill_server(NULL);
}

static int sync_killing_at(Kiosk *k, int at, FleetSyncResult *res)
{
    commits = 0;
    kill_at = at;
    FleetSyncHooks hooks = {.before_commit = kill_at_commit};
    return fleet_sync_once(&k->cfg, &hooks, false, res);
}

/* Runs sql on the kiosk's outbox file directly (the kiosk's own writes are tested
 * elsewhere; here we need many days of counts quickly). */
static void outbox_sql(Kiosk *k, const char *sql)
{
    sqlite3 *db = NULL;
    CHECK_INT(sqlite3_open(k->cfg.outbox, &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    char *msg = NULL;
    CHECK_INT(sqlite3_exec(db, sql, NULL, NULL, &msg), SQLITE_OK);
    if (msg)
        fprintf(stderr, "    sqlite: %s\n", msg);
    sqlite3_free(msg);
    sqlite3_close(db);
}

static char today[16];

/* Every kind of row: sealed concerns, feedback comments, days of feedback answers and
 * of usage figures, over several batches, with the server killed at a commit in the
 * middle of a pass, twice; then nothing doubled and nothing lost; a re-run sends
 * nothing; today's changed counts are updated centrally, a closed day's are final. */
static void test_every_kind_survives_a_cut(void)
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(today, sizeof today, "%Y-%m-%d", &tm);
    long long before = central_count("kiosk_a");
    int before_n = ka.n;
    ka.n = 0; /* refs[] is reused: only these 60 are checked below */
    for (int i = 0; i < 16; i++)
        submit(&ka, i == 0 ? "MARKER-FLEET-A7" : "A7+");
    /* 16 in refs; 44 more whose references are not kept. */
    for (int i = 0; i < 44; i++) {
        Concern c;
        char ref[OUTBOX_REF_MAX];
        tl_fill(&c, "A8");
        CHECK_INT(outbox_submit(ka.ob, &c, "main-entrance", "Main entrance", ref), OUTBOX_OK);
        concern_clear(&c);
    }
    CHECK_INT(outbox_feedback(ka.ob, FFT_GOOD, today, "MARKER-FLEET-FB1 kind staff"), OUTBOX_OK);
    CHECK_INT(outbox_feedback(ka.ob, FFT_POOR, "2026-01-02", "FB2"), OUTBOX_OK);
    CHECK_INT(outbox_feedback(ka.ob, FFT_POOR, "2026-01-02", "FB3"), OUTBOX_OK);
    CHECK_INT(outbox_feedback(ka.ob, FFT_VERY_GOOD, "2026-01-03", ""), OUTBOX_OK);
    /* 120 closed days of usage (three batches of days) and today. */
    outbox_sql(&ka, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 120) "
                    "INSERT INTO usage_count SELECT date('2025-06-01', '+' || i || ' days'), "
                    "'sessions', '', i FROM n; INSERT INTO usage_count VALUES ('2025-06-08', "
                    "'search-words', 'x-ray \"dept\"', 5)");
    char sql[512];
    snprintf(sql, sizeof sql, "INSERT INTO usage_count VALUES ('%s', 'sessions', '', 3), "
                              "('%s', 'screen', 'find', 2)", today, today);
    outbox_sql(&ka, sql);

    /* Pass 1: items go in two batches (60 concerns and 3 comments); the server dies at
     * the second commit. The first batch is in, and marked; the second is neither. */
    FleetSyncResult res;
    log_reset();
    CHECK_INT(sync_killing_at(&ka, 2, &res), -1);
    CHECK_INT(res.sent_items, 50);
    CHECK_INT(res.waiting, 13);
    CHECK_INT(sh("'%s' start '%s'", cluster, dir), 0);
    CHECK_INT(central_count("kiosk_a"), before + 50);
    /* Pass 2: the rest of the items (1), feedback days (2), usage days in three batches
     * (3, 4, 5): killed at the second batch of days of usage. */
    CHECK_INT(sync_killing_at(&ka, 4, &res), -1);
    CHECK_INT(res.sent_items, 13);
    CHECK_INT(res.waiting, 0);
    CHECK_INT(sh("'%s' start '%s'", cluster, dir), 0);
    CHECK_INT(q("signpost_admin", "SELECT count(*) FROM signpost.day_upload WHERE kind = 'usage'"),
              50);
    /* Pass 3: whatever is left. */
    CHECK_INT(sync_k(&ka, &res), 0);
    CHECK_INT(res.uploaded, 0);
    CHECK_INT(res.days_sent, 71);
    CHECK_INT(central_count("kiosk_a"), before + 63);
    CHECK_INT(q("signpost_admin", "SELECT count(*) FROM signpost.inbox WHERE kiosk = 'kiosk_a' "
                                  "AND kind = 'feedback'"),
              3);
    /* Every concern exactly once (the key makes a double impossible; none missing). */
    for (int i = 0; i < ka.n; i++) {
        snprintf(sql, sizeof sql, "SELECT count(*) FROM signpost.inbox WHERE kiosk = 'kiosk_a' "
                                  "AND kind = 'concern' AND item_id = '%s'",
                 ka.refs[i]);
        CHECK_INT(q("signpost_admin", sql), 1);
    }
    /* The counts arrived whole: 121 days of usage, 3 of feedback; sums match. */
    CHECK_INT(q("signpost_admin", "SELECT count(*) FROM signpost.day_upload WHERE "
                                  "kiosk = 'kiosk_a' AND kind = 'usage'"),
              121);
    CHECK_INT(q("signpost_admin", "SELECT sum(count) FROM signpost.day_count WHERE "
                                  "kiosk = 'kiosk_a' AND kind = 'usage' AND metric = 'sessions'"),
              120 * 121 / 2 + 3);
    CHECK_INT(q("signpost_admin", "SELECT count FROM signpost.day_count WHERE metric = "
                                  "'search-words' AND item = 'x-ray \"dept\"'"),
              5);
    CHECK_INT(q("signpost_admin", "SELECT count(*) FROM signpost.day_upload WHERE "
                                  "kiosk = 'kiosk_a' AND kind = 'feedback'"),
              3);
    CHECK_INT(q("signpost_admin", "SELECT sum(count) FROM signpost.day_count WHERE kind = "
                                  "'feedback' AND day = '2026-01-02' AND item = 'poor'"),
              2);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM signpost.day_upload WHERE kiosk = 'kiosk_a' "
                              "AND final = (day < '%s')", today);
    CHECK_INT(q("signpost_admin", sql), 124); /* closed days final, today open */

    /* The comments are the sealed bytes: PALS' key opens them. */
    PGconn *c = as("pals");
    PGresult *r = PQexecParams(c, "SELECT sealed FROM signpost.inbox WHERE kind = 'feedback'", 0,
                               NULL, NULL, NULL, NULL, 1);
    int opened = 0, marker = 0;
    unsigned char pk[crypto_box_PUBLICKEYBYTES];
    crypto_scalarmult_base(pk, pals_sk);
    for (int i = 0; i < PQntuples(r); i++) {
        size_t len = (size_t)PQgetlength(r, i, 0);
        unsigned char plain[4096] = {0};
        if (len > crypto_box_SEALBYTES && len - crypto_box_SEALBYTES < sizeof plain &&
            crypto_box_seal_open(plain, (const unsigned char *)PQgetvalue(r, i, 0), len, pk,
                                 pals_sk) == 0) {
            opened++;
            marker += strstr((char *)plain, "MARKER-FLEET-FB1") != NULL;
        }
    }
    PQclear(r);
    PQfinish(c);
    CHECK_INT(opened, 3);
    CHECK_INT(marker, 1);

    /* A re-run sends nothing at all. */
    CHECK_INT(sync_k(&ka, &res), 0);
    CHECK_INT(res.uploaded + res.already + res.feedback_uploaded + res.days_sent, 0);
    /* Today changes: it is sent again and replaced; a closed day that changes (it
     * should not) stays as it was centrally. */
    CHECK_INT(outbox_feedback(ka.ob, FFT_GOOD, today, ""), OUTBOX_OK);
    outbox_sql(&ka, "UPDATE usage_count SET count = count + 1000 WHERE day = '2025-06-02'");
    CHECK_INT(sync_k(&ka, &res), 0);
    CHECK_INT(res.days_sent, 1);
    snprintf(sql, sizeof sql, "SELECT count FROM signpost.day_count WHERE kiosk = 'kiosk_a' AND "
                              "kind = 'feedback' AND day = '%s' AND item = 'good'", today);
    CHECK_INT(q("signpost_admin", sql), 2);
    CHECK_INT(q("signpost_admin", "SELECT count FROM signpost.day_count WHERE kiosk = 'kiosk_a' "
                                  "AND day = '2025-06-02' AND metric = 'sessions'"),
              1);
    /* The kiosk cannot read the counts back, nor write as another kiosk, nor a role that
     * is not a kiosk write them at all. */
    CHECK_INT(q("kiosk_a", "SELECT count(*) FROM signpost.day_count"), -1);
    CHECK_CONTAINS(errbuf, "permission denied");
    CHECK_INT(q("kiosk_a", "UPDATE signpost.day_upload SET final = false"), -1);
    CHECK_INT(q("kiosk_c", "SELECT signpost.put_day_counts('usage', '2026-01-01', true, "
                           "'{a}', '{b}', '{1}')"),
              -1);
    CHECK_CONTAINS(errbuf, "permission denied");
    CHECK_INT(q("pals", "SELECT count(*) FROM signpost.day_count WHERE kind = 'feedback'") > 0, 1);
    /* PALS' collect still finds the new concerns, and only concerns. */
    CHECK_INT(sh("'%s' concerns collect --db '%s' --secret-key '%s' --format csv -o '%s'",
                 SIGNPOSTCTL, pals_url, P("pals.secret"), P("kinds.csv")),
              0);
    CHECK_CONTAINS(out_text, "61 concerns collected from 1 kiosk");
    (void)before_n;
}

static int comments_here(Kiosk *k)
{
    OutboxFeedbackCounts fc;
    CHECK_INT(outbox_feedback_counts(k->ob, today, &fc), 0);
    return fc.comments;
}

/* The Friends and Family Test comments uploaded above: PALS collects them once with the
 * secret key (the text decrypted in the file, none of it in any log), the kiosk then
 * deletes exactly those the central record proves; a forged record proves nothing; a
 * comment never collected stays until the retention period. */
static void test_feedback_collect_and_purge(void)
{
    FleetSyncResult res;
    log_reset();
    /* Uploaded is not collected: the kiosk keeps its 3 comments. */
    CHECK_INT(sync_k(&ka, &res), 0);
    CHECK_INT(res.feedback_purged + res.feedback_forgotten, 0);
    CHECK_INT(comments_here(&ka), 3);
    CHECK_INT(q("signpost_admin", "SELECT count(*) FROM signpost.inbox WHERE kind = 'feedback' "
                                  "AND token_hash IS NOT NULL"),
              3);
    /* A kiosk cannot collect: it may not read the inbox. */
    CHECK_INT(q("kiosk_a", "SELECT count(*) FROM signpost.inbox WHERE kind = 'feedback'"), -1);

    CHECK_INT(sh("'%s' feedback collect --db '%s' --secret-key '%s' --format csv -o '%s'",
                 SIGNPOSTCTL, pals_url, P("pals.secret"), P("comments.csv")),
              0);
    CHECK_CONTAINS(out_text, "3 feedback comments collected from 1 kiosk");
    CHECK(strstr(out_text, "MARKER-FLEET") == NULL);
    size_t len = 0;
    unsigned char *csv = tl_slurp(P("comments.csv"), &len);
    CHECK(csv && len > 3 && memcmp(csv, "\xEF\xBB\xBF" "day,answer,comment\r\n", 22) == 0);
    CHECK(tl_contains(csv, len, "MARKER-FLEET-FB1 kind staff"));
    CHECK(tl_contains(csv, len, "2026-01-02,Poor,FB2"));
    CHECK(tl_contains(csv, len, "2026-01-02,Poor,FB3"));
    CHECK(!tl_contains(csv, len, "MARKER-FLEET-A7")); /* comments only, no concern */
    free(csv);
    struct stat sb;
    CHECK(stat(P("comments.csv"), &sb) == 0 && (sb.st_mode & 077) == 0);
    /* Recorded with the proof, as PALS' role; collected once. */
    CHECK_INT(q("signpost_admin", "SELECT count(*) FROM signpost.collection WHERE kind = "
                                  "'feedback' AND token IS NOT NULL AND collected_by = 'pals'"),
              3);
    CHECK_INT(sh("'%s' feedback collect --db '%s' --secret-key '%s' --format json -o '%s'",
                 SIGNPOSTCTL, pals_url, P("pals.secret"), P("comments-again.json")),
              0);
    CHECK_CONTAINS(out_text, "0 feedback comments collected");
    csv = tl_slurp(P("comments-again.json"), &len);
    CHECK(csv && len == 3 && memcmp(csv, "[]\n", 3) == 0);
    free(csv);
    /* An existing file is never written over. */
    CHECK(sh("'%s' feedback collect --db '%s' --secret-key '%s' --format fhir -o '%s'",
             SIGNPOSTCTL, pals_url, P("pals.secret"), P("comments.csv")) != 0);

    /* A new comment, uploaded and not collected; the next pass deletes the 3 proven. */
    CHECK_INT(outbox_feedback(ka.ob, FFT_NEITHER, today, "MARKER-FLEET-FB4 left waiting"),
              OUTBOX_OK);
    CHECK_INT(sync_k(&ka, &res), 0);
    CHECK_INT(res.feedback_uploaded, 1);
    CHECK_INT(res.feedback_purged, 3);
    CHECK_INT(res.feedback_forgotten, 0);
    CHECK_INT(comments_here(&ka), 1);
    CHECK(tl_integrity_ok(ka.cfg.outbox));
    /* The central inbox keeps what it has; a forged record for the new one proves
     * nothing. */
    CHECK_INT(q("signpost_admin", "SELECT count(*) FROM signpost.inbox WHERE kiosk = 'kiosk_a' "
                                  "AND kind = 'feedback'"),
              4);
    CHECK_INT(q("signpost_admin",
                "INSERT INTO signpost.collection (kiosk, kind, item_id, token) SELECT kiosk, "
                "kind, item_id, '00000000000000000000000000000000' FROM signpost.inbox i "
                "WHERE kind = 'feedback' AND NOT EXISTS (SELECT 1 FROM signpost.collection c "
                "WHERE c.kiosk = i.kiosk AND c.kind = i.kind AND c.item_id = i.item_id)"),
              0);
    CHECK(strstr(logged, "MARKER-FLEET") == NULL);
    log_reset();
    CHECK_INT(sync_k(&ka, &res), 0);
    CHECK_INT(res.feedback_purged + res.feedback_forgotten, 0);
    CHECK_INT(comments_here(&ka), 1);
    CHECK_CONTAINS(logged, "feedback comment t");
    CHECK_CONTAINS(logged, "does not prove it");
    /* Past the retention period it goes here (the central inbox keeps it). */
    char state[1100];
    CHECK_INT(fleet_state_path(&ka.cfg, state, sizeof state), 0);
    sqlite3 *db = NULL;
    CHECK_INT(sqlite3_open(state, &db), SQLITE_OK);
    CHECK_INT(sqlite3_exec(db, "UPDATE sent SET sent_at = sent_at - 89 * 86400 WHERE kind = "
                               "'feedback'",
                           NULL, NULL, NULL),
              SQLITE_OK);
    sqlite3_close(db);
    CHECK_INT(sync_k(&ka, &res), 0);
    CHECK_INT(res.feedback_forgotten, 0); /* 89 days: not yet */
    CHECK_INT(comments_here(&ka), 1);
    CHECK_INT(sqlite3_open(state, &db), SQLITE_OK);
    CHECK_INT(sqlite3_exec(db, "UPDATE sent SET sent_at = sent_at - 2 * 86400 WHERE kind = "
                               "'feedback'",
                           NULL, NULL, NULL),
              SQLITE_OK);
    sqlite3_close(db);
    CHECK_INT(sync_k(&ka, &res), 0);
    CHECK_INT(res.feedback_forgotten, 1);
    CHECK_INT(comments_here(&ka), 0);
    CHECK_INT(q("signpost_admin", "SELECT count(*) FROM signpost.inbox WHERE kiosk = 'kiosk_a' "
                                  "AND kind = 'feedback'"),
              4);
    CHECK(tl_integrity_ok(ka.cfg.outbox));
    CHECK(strstr(logged, "MARKER-FLEET") == NULL);
}

/* ---- the long-running mode ---- */

static void nap_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Starts `signpostctl sync --config FILE` (no --once), its output into log_path. */
static pid_t start_sync(const char *config, const char *log_path)
{
    pid_t pid = fork();
    if (pid == 0) {
        int fd = open(log_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        dup2(fd, 1);
        dup2(fd, 2);
        execl(SIGNPOSTCTL, "signpostctl", "sync", "--config", config, (char *)NULL);
        _exit(127);
    }
    return pid;
}

/* Waits (up to seconds) until the file holds text; true when it does. */
static bool wait_for(const char *path, const char *text, double seconds)
{
    for (int i = 0; i <= (int)(seconds * 20); i++) { /* at least once */
        size_t len = 0;
        unsigned char *t = tl_slurp(path, &len);
        bool found = t && strstr((char *)t, text);
        free(t);
        if (found)
            return true;
        nap_ms(50);
    }
    return false;
}

/* Sends SIGTERM and waits (up to 5 s); the exit status, or -1 when it did not end
 * (then it is killed). *ms gets how long it took. */
static int stop_sync(pid_t pid, double *ms)
{
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    kill(pid, SIGTERM);
    int status = 0;
    for (int i = 0; i < 100; i++) {
        if (waitpid(pid, &status, WNOHANG) == pid) {
            clock_gettime(CLOCK_MONOTONIC, &b);
            *ms = (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6;
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        }
        nap_ms(50);
    }
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    return -1;
}

static void read_status(const Kiosk *k, OutboxSyncStatus *st)
{
    char path[1100];
    CHECK_INT(outbox_sync_status_path(k->cfg.outbox, path, sizeof path), 0);
    CHECK_INT(outbox_sync_status_read(path, st), 0);
}

/* signpostctl sync without --once: a pass, then sleep; SIGTERM ends it cleanly at
 * once; with the server gone it says so plainly, naming the server, and retries after
 * 1, 2, 4... seconds; each pass leaves its result for the staff screen. */
static void test_long_running(void)
{
    char fleet[2048];
    snprintf(fleet, sizeof fleet,
             "url = postgresql://kiosk_a@localhost:%s/signpost\nsslrootcert = %s/certs/ca.crt\n"
             "sslcert = %s/certs/kiosk_a.crt\nsslkey = %s/certs/kiosk_a.key\n"
             "retry_seconds = 1\ninterval_seconds = 10\n",
             port, dir, dir, dir);
    kiosk_config(&ka, fleet);
    ka.n = 0; /* refs[] was filled above */
    submit(&ka, "MARKER-FLEET-RUN1");
    const char *log_path = P("run.log");
    pid_t pid = start_sync(P("a.conf"), log_path);
    CHECK(wait_for(log_path, "sync: done", 15));
    CHECK(wait_for(log_path, "0 waiting", 0)); /* the one sent */
    OutboxSyncStatus st;
    read_status(&ka, &st);
    CHECK(st.ok);
    CHECK_INT(st.sent, 1);
    CHECK_INT(st.waiting, 0);
    CHECK(st.last_ok > 0 && st.last_ok <= st.time && st.time - st.last_ok < 60);
    double ms = 0;
    CHECK_INT(stop_sync(pid, &ms), 0); /* sleeping: ends at once */
    CHECK(ms < 2000);
    CHECK(wait_for(log_path, "sync: stopping (SIGTERM)", 0));
    printf("  sync (long-running) stopped by SIGTERM in %.0f ms\n", ms);

    /* The network is lost. */
    CHECK_INT(sh("'%s' stop '%s'", cluster, dir), 0);
    submit(&ka, "MARKER-FLEET-RUN2");
    pid = start_sync(P("a.conf"), log_path);
    CHECK(wait_for(log_path, "(failure 3)", 15));
    CHECK_INT(stop_sync(pid, &ms), 0);
    CHECK_INT(sh("'%s' start '%s'", cluster, dir), 0);
    size_t len = 0;
    unsigned char *text = tl_slurp(log_path, &len);
    char server[128];
    snprintf(server, sizeof server, "sync with the central database localhost:%s/signpost failed",
             port);
    CHECK(text && strstr((char *)text, server));
    CHECK(text && strstr((char *)text, "Connection refused"));
    CHECK(text && strstr((char *)text, "trying again in 1 s (failure 1)"));
    CHECK(text && strstr((char *)text, "trying again in 2 s (failure 2)"));
    CHECK(text && strstr((char *)text, "trying again in 4 s (failure 3)"));
    CHECK(text && !strstr((char *)text, "MARKER-FLEET"));
    CHECK(text && !strstr((char *)text, "Test Person"));
    fprintf(stderr, "%s", text ? (char *)text : "");
    free(text);
    read_status(&ka, &st);
    CHECK(!st.ok);
    CHECK_INT(st.waiting, 1);
    CHECK(st.last_ok > 0 && st.last_ok < st.time + 1);
    CHECK_CONTAINS(st.message, "cannot connect to the central database");
    CHECK(strstr(st.message, "MARKER") == NULL);
    /* Back: the next pass sends it. */
    FleetSyncResult res;
    CHECK_INT(sync_k(&ka, &res), 0);
    CHECK_INT(res.uploaded, 1);
    read_status(&ka, &st);
    CHECK(st.ok);
    CHECK_INT(st.waiting, 0);
}

/* ==== issue 12 part 5: fifty kiosks at once, with faults ==== */

enum { FLEET_N = 50, ROUND1 = 6, ROUND2 = 4 };
static Kiosk fleet[FLEET_N];
static char fleet_name[FLEET_N][8];

static double mono_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Starts `signpostctl sync --once` for every kiosk at the same time, each a process of
 * its own as on fifty machines; its log goes to NAME-sync.log. */
static void sync_all_start(pid_t *pids)
{
    for (int i = 0; i < FLEET_N; i++) {
        char conf[600], logf[600], name[32];
        snprintf(name, sizeof name, "%s.conf", fleet[i].name);
        snprintf(conf, sizeof conf, "%s", P(name));
        snprintf(name, sizeof name, "%s-sync.log", fleet[i].name);
        snprintf(logf, sizeof logf, "%s", P(name));
        pid_t pid = fork();
        if (pid == 0) {
            int fd = open(logf, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
            if (fd >= 0) {
                dup2(fd, 1);
                dup2(fd, 2);
            }
            execl(SIGNPOSTCTL, SIGNPOSTCTL, "sync", "--config", conf, "--once", (char *)NULL);
            _exit(127);
        }
        pids[i] = pid;
    }
}

/* Waits for every sync; how many ended with status 0. *max_rss_kb: the largest peak
 * resident size among them. */
static int sync_all_wait(const pid_t *pids, long *max_rss_kb)
{
    int ok = 0;
    for (int i = 0; i < FLEET_N; i++) {
        int st = 0;
        struct rusage ru;
        memset(&ru, 0, sizeof ru);
        if (pids[i] > 0 && wait4(pids[i], &st, 0, &ru) == pids[i]) {
            ok += WIFEXITED(st) && WEXITSTATUS(st) == 0;
            if (ru.ru_maxrss > *max_rss_kb)
                *max_rss_kb = ru.ru_maxrss;
        }
    }
    return ok;
}

static int sync_all(long *max_rss_kb)
{
    pid_t pids[FLEET_N];
    sync_all_start(pids);
    return sync_all_wait(pids, max_rss_kb);
}

/* The content pack a kiosk last installed (its sync state), 0 when none. */
static long long installed_pack(const Kiosk *k)
{
    char path[1100];
    snprintf(path, sizeof path, "%s.sync", k->cfg.outbox);
    sqlite3 *db = NULL;
    long long v = 0;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
        sqlite3_stmt *st = NULL;
        if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = 'pack_version'", -1, &st,
                               NULL) == SQLITE_OK &&
            sqlite3_step(st) == SQLITE_ROW)
            v = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return v;
}

/* How many of the fifty run pack version (installed it, and its live store passes the
 * signature check with the kiosk's key). */
static int kiosks_on_pack(long long version)
{
    unsigned char pk[SIGNING_PUBLIC_BYTES];
    if (signing_public_key_read(P("signing.pub"), pk) != 0)
        return -1;
    int n = 0;
    for (int i = 0; i < FLEET_N; i++)
        n += installed_pack(&fleet[i]) == version &&
             content_verify(fleet[i].cfg.content_store, pk, NULL) == 0;
    return n;
}

static long long fleet_inbox(const char *extra)
{
    char sql[512];
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM signpost.inbox WHERE kiosk LIKE 'kiosk_f%%' %s", extra);
    return q("signpost_admin", sql);
}

/* Fifty kiosks enrolled with passwords submit concerns and sync at the same time, as
 * separate processes. Faults: five syncs killed mid-pass, every kiosk connection cut,
 * the database restarted while passes run; a pack signed with another key and an old
 * pack replayed under a newer number. At the end every acknowledged concern is in the
 * inbox exactly once, nothing was deleted at a kiosk before PALS collected it, every
 * kiosk runs the newest valid pack, and no kiosk can read another's rows. Prints the
 * figures: concerns uploaded per second, time for a pack to reach all fifty, sync
 * process memory. */
static void test_fifty_kiosks(void)
{
    /* The forged pack of test_content_packs would stand above every real version. */
    CHECK_INT(q("signpost_admin", "DELETE FROM signpost.content_pack WHERE version > 1000"), 0);
    char grant[4096] = "CREATE ROLE fleet_sim NOLOGIN; GRANT fleet_sim TO ";
    for (int i = 0; i < FLEET_N; i++) {
        snprintf(fleet_name[i], sizeof fleet_name[i], "f%02d", i);
        fleet[i].name = fleet_name[i];
        char pw[32], file[600];
        snprintf(pw, sizeof pw, "%s.password", fleet_name[i]);
        snprintf(file, sizeof file, "%s", P(pw));
        CHECK_INT(enrol_pw(fleet_name[i], file, ""), 0);
        char body[2048];
        snprintf(body, sizeof body,
                 "url = postgresql://kiosk_%s@localhost:%s/signpost\nsslrootcert = %s/certs/ca.crt\n"
                 "password_file = %s\nretry_seconds = 0\n",
                 fleet_name[i], port, dir, file);
        kiosk_config(&fleet[i], body);
        size_t o = strlen(grant);
        snprintf(grant + o, sizeof grant - o, "%skiosk_%s", i ? ", " : "", fleet_name[i]);
    }
    CHECK_INT(q("signpost_admin", grant), 0); /* pg_hba: +fleet_sim logs in with a password */

    /* Round 1, no faults: the upload rate. */
    for (int i = 0; i < FLEET_N; i++)
        for (int j = 0; j < ROUND1; j++) {
            char what[32];
            snprintf(what, sizeof what, "F%02d-%d", i, j);
            submit(&fleet[i], what);
        }
    long rss_kb = 0;
    double t0 = mono_s();
    CHECK_INT(sync_all(&rss_kb), FLEET_N);
    double upload_s = mono_s() - t0;
    CHECK_INT(fleet_inbox(""), FLEET_N * ROUND1);
    CHECK_INT(kiosks_on_pack(6), FLEET_N); /* the newest pack published so far */

    /* Round 2 with faults while the passes run. */
    for (int i = 0; i < FLEET_N; i++)
        for (int j = ROUND1; j < ROUND1 + ROUND2; j++) {
            char what[32];
            snprintf(what, sizeof what, "F%02d-%d", i, j);
            submit(&fleet[i], what);
        }
    pid_t pids[FLEET_N];
    sync_all_start(pids);
    nap_ms(40);
    for (int i = 0; i < 5; i++) /* kiosks killed during sync */
        kill(pids[i * 10], SIGKILL);
    nap_ms(60);
    q("signpost_admin", "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE "
                        "usename LIKE 'kiosk_f%'"); /* connections cut */
    CHECK_INT(sh("'%s' stop '%s'", cluster, dir), 0); /* the database restarted */
    CHECK_INT(sh("'%s' start '%s'", cluster, dir), 0);
    int ok = sync_all_wait(pids, &rss_kb);
    printf("  faults: %d of %d passes failed or were killed; the next pass retries\n",
           FLEET_N - ok, FLEET_N);
    CHECK_INT(sync_all(&rss_kb), FLEET_N);
    /* Exactly once: every reference each kiosk gave a person, and nothing else. */
    CHECK_INT(fleet_inbox(""), FLEET_N * (ROUND1 + ROUND2));
    int all_there = 0;
    for (int i = 0; i < FLEET_N; i++) {
        char sql[1024];
        int o = snprintf(sql, sizeof sql,
                         "SELECT count(*) FROM signpost.inbox WHERE kiosk = 'kiosk_%s' AND "
                         "kind = 'concern' AND item_id IN (",
                         fleet_name[i]);
        for (int j = 0; j < fleet[i].n; j++)
            o += snprintf(sql + o, sizeof sql - (size_t)o, "%s'%s'", j ? ", " : "",
                          fleet[i].refs[j]);
        snprintf(sql + o, sizeof sql - (size_t)o, ")");
        all_there += q("signpost_admin", sql) == ROUND1 + ROUND2;
    }
    CHECK_INT(all_there, FLEET_N);
    /* Nothing deleted at a kiosk: PALS have collected nothing yet. */
    int kept = 0;
    for (int i = 0; i < FLEET_N; i++)
        kept += waiting(&fleet[i]) == ROUND1 + ROUND2;
    CHECK_INT(kept, FLEET_N);

    /* Content: another key's pack and an old pack under a newer number are refused;
     * then a good pack reaches all fifty in one pass each. */
    CHECK_INT(sh("'%s' content publish '%s' --db '%s' --secret-key '%s' --version 7",
                 SIGNPOSTCTL, CONTENT_DB, publisher_url, P("other.key")),
              0);
    forge_pack(8, "SELECT 8, store, store_bytes, signature, version_signature FROM "
                  "signpost.content_pack WHERE version = 6");
    CHECK_INT(sync_all(&rss_kb), FLEET_N);
    CHECK_INT(kiosks_on_pack(6), FLEET_N);
    t0 = mono_s();
    CHECK_INT(sh("'%s' content publish '%s' --db '%s' --secret-key '%s' --version 9",
                 SIGNPOSTCTL, CONTENT_DB, publisher_url, P("signing.key")),
              0);
    CHECK_INT(sync_all(&rss_kb), FLEET_N);
    double pack_s = mono_s() - t0;
    CHECK_INT(kiosks_on_pack(9), FLEET_N);

    /* No kiosk reads another's rows: the inbox not at all, collection records only its
     * own. PALS collect everything; each kiosk then deletes exactly its own. */
    int denied = 0;
    for (int i = 0; i < FLEET_N; i++) {
        char role[448];
        snprintf(role, sizeof role, "kiosk_%s", fleet_name[i]);
        denied += q(role, "SELECT count(*) FROM signpost.inbox") == -1 &&
                  strstr(errbuf, "permission denied") != NULL;
    }
    CHECK_INT(denied, FLEET_N);
    CHECK_INT(sh("'%s' concerns collect --db '%s' --secret-key '%s' --format csv -o '%s'",
                 SIGNPOSTCTL, pals_url, P("pals.secret"), P("fleet-collected.csv")),
              0);
    int own = 0;
    for (int i = 0; i < FLEET_N; i++) {
        char role[448];
        snprintf(role, sizeof role, "kiosk_%s", fleet_name[i]);
        own += q(role, "SELECT count(*) FROM signpost.collection") == ROUND1 + ROUND2;
    }
    CHECK_INT(own, FLEET_N);
    CHECK_INT(sync_all(&rss_kb), FLEET_N);
    int emptied = 0;
    for (int i = 0; i < FLEET_N; i++)
        emptied += waiting(&fleet[i]) == 0;
    CHECK_INT(emptied, FLEET_N);
    for (int i = 0; i < FLEET_N; i++)
        outbox_close(fleet[i].ob);

    printf("  fleet of %d kiosks: %d concerns uploaded in %.2f s by %d concurrent syncs "
           "(%.0f concerns/s)\n",
           FLEET_N, FLEET_N * ROUND1, upload_s, FLEET_N, FLEET_N * ROUND1 / upload_s);
    printf("  a content pack reached all %d kiosks %.2f s after publish (one sync pass "
           "each, started at once; with the timer add up to its 5 min interval)\n",
           FLEET_N, pack_s);
    printf("  sync process peak memory (largest of all passes): %.1f MiB\n",
           (double)rss_kb / 1024.0);
}

/* A pass by hand waits out the backoff after failures, unless --now. */
static void test_sync_now(void)
{
    Kiosk k = {.name = "now"};
    tl_put_str(P("now-wrong.password"), "not-the-password\n");
    chmod(P("now-wrong.password"), 0600);
    char body[2048];
    snprintf(body, sizeof body,
             "url = postgresql://kiosk_f01@localhost:%s/signpost\nsslrootcert = %s/certs/ca.crt\n"
             "password_file = %s\nretry_seconds = 3600\n",
             port, dir, P("now-wrong.password"));
    kiosk_config(&k, body);
    CHECK_INT(sh("'%s' sync --config '%s' --once", SIGNPOSTCTL, P("now.conf")), 1);
    CHECK_CONTAINS(out_text, "password authentication failed");
    CHECK_INT(sh("cp '%s' '%s'", P("f01.password"), P("now-wrong.password")), 0);
    CHECK_INT(sh("'%s' sync --config '%s' --once", SIGNPOSTCTL, P("now.conf")), 0);
    CHECK_CONTAINS(out_text, "waiting after 1 failure;");
    CHECK_INT(sh("'%s' sync --config '%s' --now", SIGNPOSTCTL, P("now.conf")), 2);
    CHECK_CONTAINS(out_text, "--now goes with --once");
    CHECK_INT(sh("'%s' sync --config '%s' --once --now", SIGNPOSTCTL, P("now.conf")), 0);
    CHECK(strstr(out_text, "waiting after") == NULL);
}

static void test_config_errors(void)
{
    /* Bad [fleet] sections are refused with the file and line. */
    tl_put_str(P("bad.conf"), "[fleet]\nurl = postgresql://k:pw@h/db\nsslmode = require\n"
                              "retention_days = 0\n");
    KioskConfig cfg;
    config_defaults(&cfg);
    DiagList dl;
    diag_init(&dl);
    CHECK_INT(config_load(P("bad.conf"), &cfg, &dl), -1);
    CHECK(tl_diag(&dl, DIAG_ERROR, "bad.conf", 2, 0, "must not hold a password"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "bad.conf", 3, 0, "sslmode must be verify-full"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "bad.conf", 4, 0, "retention_days"));
    diag_release(&dl);
    tl_put_str(P("bad2.conf"), "[fleet]\nurl = postgresql://k@central/db\nsslmode = disable\n");
    config_defaults(&cfg);
    diag_init(&dl);
    CHECK_INT(config_load(P("bad2.conf"), &cfg, &dl), -1);
    CHECK(tl_diag(&dl, DIAG_ERROR, "bad2.conf", 3, 0, "only for a url whose host is a local"));
    diag_release(&dl);
    tl_put_str(P("bad3.conf"), "[fleet]\nurl = postgresql://k@central/db\n");
    config_defaults(&cfg);
    diag_init(&dl);
    CHECK_INT(config_load(P("bad3.conf"), &cfg, &dl), -1);
    CHECK(tl_diag(&dl, DIAG_ERROR, "bad3.conf", 2, 0, "needs sslrootcert"));
    diag_release(&dl);
}

static void test_no_personal_data_logged(void)
{
    /* Every log line so far (the ring kept since the last reset) and the server's. */
    CHECK(strstr(logged, "MARKER-FLEET") == NULL);
    CHECK(strstr(logged, "Test Person") == NULL);
}

int main(void)
{
    dir = getenv("FLEET_DIR");
    port = getenv("FLEET_PORT");
    sock = getenv("FLEET_SOCK");
    cluster = getenv("FLEET_CLUSTER");
    if (!dir || !port || !sock || !cluster) {
        fprintf(stderr, "run me through tests/fleet/pg_cluster.sh run DIR %s\n", "test_fleet");
        return 2;
    }
    log_set_sink(sink, NULL);
    snprintf(admin_url, sizeof admin_url, "host=%s port=%s dbname=signpost user=signpost_admin",
             sock, port);
    snprintf(pals_url, sizeof pals_url, "postgresql:///signpost?host=%s&port=%s&user=pals", sock,
             port);
    snprintf(publisher_url, sizeof publisher_url,
             "host=%s port=%s dbname=signpost user=publisher", sock, port);
    tl_make_keys(P("pals.pub"), pals_sk);
    CHECK_INT(outbox_key_write(P("pals.secret"), pals_sk, true), 0);
    CHECK_INT(signing_keys_new(P("signing.pub"), P("signing.key")), 0);
    CHECK_INT(signing_keys_new(P("other.pub"), P("other.key")), 0);
    TEST_RUN(test_central_init);
    TEST_RUN(test_two_kiosks_upload);
    TEST_RUN(test_kiosk_cannot_read);
    TEST_RUN(test_idempotent_reupload);
    TEST_RUN(test_sent_only_after_commit);
    TEST_RUN(test_collect_and_purge);
    TEST_RUN(test_retention);
    TEST_RUN(test_content_packs);
    TEST_RUN(test_refusals_keep_outbox);
    TEST_RUN(test_one_sync_at_a_time);
    TEST_RUN(test_every_kind_survives_a_cut);
    TEST_RUN(test_feedback_collect_and_purge);
    TEST_RUN(test_enrol_new_kiosk);
    TEST_RUN(test_long_running);
    TEST_RUN(test_config_errors);
    TEST_RUN(test_no_personal_data_logged);
    TEST_RUN(test_fifty_kiosks);
    TEST_RUN(test_sync_now);
    outbox_close(ka.ob);
    outbox_close(kb.ob);
    return TEST_REPORT();
}
