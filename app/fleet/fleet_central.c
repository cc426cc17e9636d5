/* fleet_central.c: the central database's side (see fleet.h): creating the schema,
 * roles, grants and row-level security; adding a signed content pack; and PALS
 * collecting concerns and feedback comments from the inbox, recording the proof of each collection so the
 * kiosks can delete their copies. */
#include "fleet.h"
#include "fleet_internal.h"

#include "err.h"
#include "files.h"
#include "log.h"
#include "mem.h"
#include "publish.h"
#include "signing.h"

#include <sodium.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ==== the schema ==== */

/* One transaction, every statement safe to run again. The kiosk role may not read the
 * inbox at all, and its inserts must carry its own name; it reads only the collection
 * records of its own items. Referential checks bypass row-level security, so PALS'
 * collection records can refer to inbox rows. */
static const char central_tables[] =
    "CREATE SCHEMA IF NOT EXISTS signpost;"
    "DO $$ BEGIN"
    "  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'signpost_kiosk') THEN"
    "    CREATE ROLE signpost_kiosk NOLOGIN; END IF;"
    "  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'signpost_pals') THEN"
    "    CREATE ROLE signpost_pals NOLOGIN; END IF;"
    "  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'signpost_publisher') THEN"
    "    CREATE ROLE signpost_publisher NOLOGIN; END IF;"
    "END $$;"
    "CREATE TABLE IF NOT EXISTS signpost.inbox ("
    "  kiosk text NOT NULL DEFAULT current_user,"
    "  kind text NOT NULL CHECK (kind IN ('concern', 'feedback', 'needs', 'usage')),"
    "  item_id text NOT NULL CHECK (length(item_id) BETWEEN 1 AND 64),"
    "  created_at text NOT NULL CHECK (length(created_at) <= 40),"
    "  sealed bytea NOT NULL CHECK (octet_length(sealed) <= 1048576),"
    "  token_hash bytea CHECK (token_hash IS NULL OR octet_length(token_hash) = 32),"
    "  received_at timestamptz NOT NULL DEFAULT now(),"
    "  PRIMARY KEY (kiosk, kind, item_id));"
    "CREATE TABLE IF NOT EXISTS signpost.collection ("
    "  kiosk text NOT NULL, kind text NOT NULL, item_id text NOT NULL,"
    "  token text CHECK (token IS NULL OR token ~ '^[0-9a-f]{32}$'),"
    "  collected_at timestamptz NOT NULL DEFAULT now(),"
    "  collected_by text NOT NULL DEFAULT current_user,"
    "  PRIMARY KEY (kiosk, kind, item_id),"
    "  FOREIGN KEY (kiosk, kind, item_id) REFERENCES signpost.inbox);"
    "CREATE TABLE IF NOT EXISTS signpost.kiosk ("
    "  role text PRIMARY KEY, kiosk_id text NOT NULL, name text NOT NULL DEFAULT '',"
    "  enrolled_at timestamptz NOT NULL DEFAULT now(),"
    "  enrolled_by text NOT NULL DEFAULT current_user);"
    "CREATE TABLE IF NOT EXISTS signpost.content_pack ("
    "  version bigint PRIMARY KEY CHECK (version > 0),"
    "  store bytea NOT NULL, store_bytes bigint NOT NULL,"
    "  signature bytea, version_signature bytea,"
    "  published_at timestamptz NOT NULL DEFAULT now(),"
    "  published_by text NOT NULL DEFAULT current_user);"
    "";

static const char central_day_counts[] =
    /* Counts per day (Friends and Family Test answers, usage figures): one row per
     * count, replaced whole while the kiosk's day is open, final once it has closed. */
    "CREATE TABLE IF NOT EXISTS signpost.day_count ("
    "  kiosk text NOT NULL, kind text NOT NULL CHECK (kind IN ('feedback', 'usage')),"
    "  day date NOT NULL, metric text NOT NULL CHECK (length(metric) BETWEEN 1 AND 40),"
    "  item text NOT NULL CHECK (length(item) <= 200), count bigint NOT NULL CHECK (count >= 0),"
    "  PRIMARY KEY (kiosk, kind, day, metric, item));"
    "CREATE TABLE IF NOT EXISTS signpost.day_upload ("
    "  kiosk text NOT NULL, kind text NOT NULL CHECK (kind IN ('feedback', 'usage')),"
    "  day date NOT NULL, final boolean NOT NULL,"
    "  received_at timestamptz NOT NULL DEFAULT now(),"
    "  updated_at timestamptz NOT NULL DEFAULT now(),"
    "  PRIMARY KEY (kiosk, kind, day));"
    /* The only way a kiosk writes them: as itself (session_user), never a closed day
     * again, never reading anything back. SECURITY DEFINER with a fixed search_path,
     * so a kiosk needs no UPDATE or SELECT right on either table. Returns 'new',
     * 'updated' or 'final' (the day was closed before: nothing changed). */
    "CREATE OR REPLACE FUNCTION signpost.put_day_counts(p_kind text, p_day date,"
    "  p_final boolean, p_metrics text[], p_items text[], p_counts bigint[])"
    "  RETURNS text LANGUAGE plpgsql SECURITY DEFINER"
    "  SET search_path = pg_catalog, pg_temp AS $f$"
    "DECLARE k text := session_user; is_new boolean;"
    "BEGIN"
    "  IF NOT pg_has_role(session_user, 'signpost_kiosk', 'MEMBER') THEN"
    "    RAISE EXCEPTION 'permission denied: % is not a kiosk', session_user"
    "      USING ERRCODE = '42501'; END IF;"
    "  IF coalesce(cardinality(p_metrics), 0) > 100000"
    "     OR cardinality(p_metrics) IS DISTINCT FROM cardinality(p_items)"
    "     OR cardinality(p_metrics) IS DISTINCT FROM cardinality(p_counts) THEN"
    "    RAISE EXCEPTION 'day counts: the lists differ in length' USING ERRCODE = '22023';"
    "  END IF;"
    "  INSERT INTO signpost.day_upload AS u (kiosk, kind, day, final)"
    "    VALUES (k, p_kind, p_day, p_final)"
    "    ON CONFLICT (kiosk, kind, day) DO UPDATE SET final = EXCLUDED.final, updated_at = now()"
    "    WHERE NOT u.final RETURNING (xmax = 0) INTO is_new;"
    "  IF NOT FOUND THEN RETURN 'final'; END IF;"
    "  DELETE FROM signpost.day_count WHERE kiosk = k AND kind = p_kind AND day = p_day;"
    "  INSERT INTO signpost.day_count (kiosk, kind, day, metric, item, count)"
    "    SELECT k, p_kind, p_day, m, i, c FROM unnest(p_metrics, p_items, p_counts) AS x(m, i, c);"
    "  RETURN CASE WHEN is_new THEN 'new' ELSE 'updated' END;"
    "END $f$;"
    "REVOKE ALL ON FUNCTION signpost.put_day_counts(text, date, boolean, text[], text[],"
    "  bigint[]) FROM PUBLIC;"
    "GRANT EXECUTE ON FUNCTION signpost.put_day_counts(text, date, boolean, text[], text[],"
    "  bigint[]) TO signpost_kiosk;";

static const char central_grants[] =
    "REVOKE ALL ON SCHEMA signpost FROM PUBLIC;"
    "REVOKE ALL ON ALL TABLES IN SCHEMA signpost FROM PUBLIC;"
    "REVOKE ALL ON ALL TABLES IN SCHEMA signpost"
    "  FROM signpost_kiosk, signpost_pals, signpost_publisher;"
    "GRANT USAGE ON SCHEMA signpost TO signpost_kiosk, signpost_pals, signpost_publisher;"
    "GRANT INSERT ON signpost.inbox TO signpost_kiosk;"
    "GRANT SELECT ON signpost.collection, signpost.content_pack TO signpost_kiosk;"
    "GRANT SELECT ON signpost.inbox TO signpost_pals;"
    "GRANT SELECT, INSERT ON signpost.collection TO signpost_pals;"
    "GRANT SELECT ON signpost.content_pack TO signpost_pals;"
    "GRANT SELECT ON signpost.day_count, signpost.day_upload, signpost.kiosk"
    "  TO signpost_pals;"
    "GRANT SELECT, INSERT ON signpost.content_pack TO signpost_publisher;"
    "ALTER TABLE signpost.inbox ENABLE ROW LEVEL SECURITY;"
    "ALTER TABLE signpost.collection ENABLE ROW LEVEL SECURITY;"
    "DROP POLICY IF EXISTS kiosk_insert ON signpost.inbox;"
    "CREATE POLICY kiosk_insert ON signpost.inbox FOR INSERT TO signpost_kiosk"
    "  WITH CHECK (kiosk = current_user);"
    "DROP POLICY IF EXISTS pals_read ON signpost.inbox;"
    "CREATE POLICY pals_read ON signpost.inbox FOR SELECT TO signpost_pals USING (true);"
    "DROP POLICY IF EXISTS kiosk_read_own ON signpost.collection;"
    "CREATE POLICY kiosk_read_own ON signpost.collection FOR SELECT TO signpost_kiosk"
    "  USING (kiosk = current_user);"
    "DROP POLICY IF EXISTS pals_read ON signpost.collection;"
    "CREATE POLICY pals_read ON signpost.collection FOR SELECT TO signpost_pals USING (true);"
    "DROP POLICY IF EXISTS pals_record ON signpost.collection;"
    "CREATE POLICY pals_record ON signpost.collection FOR INSERT TO signpost_pals"
    "  WITH CHECK (collected_by = current_user);";

int fleet_central_init(const char *url)
{
    PGconn *db = fleet_connect_url(url, "cannot connect to the central database");
    if (!db)
        return -1;
    /* Quiet the NOTICEs ("already exists, skipping") of a second run. */
    int rc = fleet_exec(db, "SET client_min_messages = warning", "central init");
    const char *parts[] = {"BEGIN", central_tables, central_day_counts, central_grants,
                           "COMMIT"};
    for (size_t i = 0; rc == 0 && i < sizeof parts / sizeof parts[0]; i++)
        rc = fleet_exec(db, parts[i], "central init: the schema could not be made");
    if (rc != 0)
        fleet_rollback(db);
    else
        log_info("central: schema signpost, roles signpost_kiosk, signpost_pals and "
                 "signpost_publisher, and row-level security are in place on %s",
                 PQdb(db));
    PQfinish(db);
    return rc;
}

/* ==== content packs ==== */

enum { PACK_MAX = 512 << 20 };

int fleet_pack_publish(const char *url, const char *store_path, const char *secret_key_path,
                       long long version, long long *published)
{
    *published = 0;
    if (sodium_init() < 0)
        return err_set("libsodium could not initialise");
    char built_at[64];
    if (content_store_check(store_path, NULL, NULL, built_at, sizeof built_at) != 0)
        return -1;
    unsigned char sk[SIGNING_SECRET_BYTES];
    if (signing_secret_key_read(secret_key_path, sk) != 0)
        return -1;
    char *store = NULL;
    size_t len = 0;
    if (file_read(store_path, PACK_MAX, &store, &len) != FILE_READ_OK) {
        sodium_memzero(sk, sizeof sk);
        return err_set("cannot read the store: %s", err_msg());
    }
    PGconn *db = fleet_connect_url(url, "cannot connect to the central database");
    int rc = db ? fleet_exec(db, "BEGIN", "content publish") : -1;
    if (rc == 0 && version <= 0) {
        PGresult *r = fleet_query(db, "SELECT coalesce(max(version), 0) + 1 FROM "
                                      "signpost.content_pack",
                                  0, NULL, NULL, NULL, false,
                                  "content publish: cannot read the newest version");
        if (r && PQntuples(r) == 1)
            version = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
        else
            rc = r ? err_set("content publish: cannot read the newest version") : -1;
        PQclear(r);
    }
    unsigned char sig[SIGNATURE_BYTES], vsig[SIGNATURE_BYTES];
    char message[160], vtext[32], ltext[32];
    if (rc == 0) {
        crypto_sign_detached(sig, NULL, (const unsigned char *)store, len, sk);
        fleet_pack_message(version, (const unsigned char *)store, len, message, sizeof message);
        crypto_sign_detached(vsig, NULL, (const unsigned char *)message, strlen(message), sk);
        snprintf(vtext, sizeof vtext, "%lld", version);
        snprintf(ltext, sizeof ltext, "%zu", len);
        const char *vals[5] = {vtext, store, ltext, (const char *)sig, (const char *)vsig};
        int lens[5] = {0, (int)len, 0, SIGNATURE_BYTES, SIGNATURE_BYTES};
        int fmts[5] = {0, 1, 0, 1, 1};
        if (fleet_command(db,
                          "INSERT INTO signpost.content_pack (version, store, "
                          "store_bytes, signature, version_signature) "
                          "VALUES ($1::bigint, $2, $3::bigint, $4, $5)",
                          5, vals, lens, fmts, "content publish: the pack was not added") < 0)
            rc = -1;
    }
    if (rc == 0)
        rc = fleet_exec(db, "COMMIT", "content publish: the pack was not added");
    if (rc == 0) {
        *published = version;
        log_info("central: content pack version %lld added (%zu bytes, built %s)", version, len,
                 built_at);
    }
    sodium_memzero(sk, sizeof sk);
    mem_free(store);
    PQfinish(db);
    return rc;
}

/* ==== PALS: collecting from the inbox ==== */

/* A new file for the export, mode 0600, never over one that exists. */
static FILE *new_private_file(const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        err_set("cannot create %s: %s", path,
                errno == EEXIST ? "it exists already (nothing is ever written over a file)"
                                : strerror(errno));
        return NULL;
    }
    FILE *f = fdopen(fd, "wb");
    if (!f) {
        err_set("cannot write %s: %s", path, strerror(errno));
        close(fd);
    }
    return f;
}

/* Collects the items of one kind (c->feedback: comments, else concerns). */
static int collect(const char *url, const char *secret_key_path, FleetCollect *c)
{
    c->collected = c->unreadable = c->unproven = c->kiosks = 0;
    const char *kind = c->feedback ? "feedback" : "concern";
    const char *what = c->feedback ? "feedback comment" : "concern";
    unsigned char sk[OUTBOX_KEY_BYTES];
    if (outbox_key_read(secret_key_path, sk) != 0)
        return -1;
    PGconn *db = fleet_connect_url(url, "cannot connect to the central database");
    int rc = db ? fleet_exec(db, "BEGIN ISOLATION LEVEL REPEATABLE READ", "collect") : -1;
    PGresult *r = NULL;
    if (rc == 0) {
        const char *vals[1] = {kind};
        r = fleet_query(db,
                        "SELECT kiosk, item_id, created_at, sealed, token_hash "
                        "FROM signpost.inbox i WHERE kind = $1 AND NOT EXISTS ("
                        "SELECT 1 FROM signpost.collection c WHERE c.kiosk = i.kiosk AND "
                        "c.kind = i.kind AND c.item_id = i.item_id) "
                        "ORDER BY received_at, kiosk, item_id",
                        1, vals, NULL, NULL, true, "collect: cannot read the central inbox");
        if (!r)
            rc = -1;
    }
    int n = rc == 0 ? PQntuples(r) : 0;
    OutboxSealed *items = n ? mem_zalloc_array((size_t)n, sizeof *items) : NULL;
    OutboxOpened *opened = n ? mem_zalloc_array((size_t)n, sizeof *opened) : NULL;
    if (n && (!items || !opened))
        rc = err_set("collect: out of memory");
    for (int i = 0; rc == 0 && i < n; i++) {
        items[i] = (OutboxSealed){
            .reference = PQgetvalue(r, i, 1),
            .created_at = PQgetvalue(r, i, 2),
            .sealed = (const unsigned char *)PQgetvalue(r, i, 3),
            .sealed_len = (size_t)PQgetlength(r, i, 3),
            .token_hash = PQgetisnull(r, i, 4) ? NULL : (const unsigned char *)PQgetvalue(r, i, 4),
            .token_hash_len = (size_t)PQgetlength(r, i, 4),
        };
        bool seen = false;
        for (int k = 0; k < i && !seen; k++)
            seen = strcmp(PQgetvalue(r, k, 0), PQgetvalue(r, i, 0)) == 0;
        c->kiosks += !seen;
    }
    FILE *out = rc == 0 ? new_private_file(c->out_path) : NULL;
    if (rc == 0 && !out)
        rc = -1;
    OutboxExport ex = {.format = c->format, .fhir_base = c->fhir_base, .out_path = c->out_path};
    if (rc == 0 && c->feedback)
        rc = outbox_feedback_export_sealed(items, (size_t)n, sk, c->format, c->fhir_base, out,
                                           opened, &ex.exported, &ex.unreadable,
                                           &ex.unproven);
    else if (rc == 0)
        rc = outbox_export_sealed(items, (size_t)n, sk, out, &ex, opened);
    if (out && fclose(out) != 0 && rc == 0)
        rc = err_set("cannot write %s: %s", c->out_path, strerror(errno));
    if (rc == 0 && c->feedback && file_sync_dir_of(c->out_path) != 0)
        rc = -1; /* the comments' writer syncs the file; the folder is synced here */
    if (rc != 0 && out)
        unlink(c->out_path);
    /* Only now, with the export on the disk, is each collection recorded. */
    for (int i = 0; rc == 0 && i < n; i++) {
        if (!opened[i].opened)
            continue;
        const char *vals[4] = {PQgetvalue(r, i, 0), kind, PQgetvalue(r, i, 1),
                               opened[i].proven ? opened[i].token : NULL};
        if (fleet_command(db,
                          "INSERT INTO signpost.collection (kiosk, kind, item_id, "
                          "token) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                          4, vals, NULL, NULL, "collect: recording the collection failed") < 0)
            rc = -1;
    }
    if (rc == 0)
        rc = fleet_exec(db, "COMMIT", "collect: recording the collection failed");
    if (rc != 0)
        fleet_rollback(db);
    if (rc == 0) {
        c->collected = ex.exported;
        c->unreadable = ex.unreadable;
        c->unproven = ex.unproven;
        log_info("central: %d %s%s collected from %d kiosk%s to %s%s", c->collected, what,
                 c->collected == 1 ? "" : "s", c->kiosks, c->kiosks == 1 ? "" : "s",
                 c->out_path, c->unreadable ? " (some could not be opened with this key)" : "");
    } else if (out) {
        /* The file was written but the record failed: it was removed above only when the
         * export itself failed; say so, so nobody relies on the kiosks deleting theirs. */
        log_warn("central: the collection was not recorded; the %ss stay waiting and "
                 "will be collected again",
                 what);
    }
    for (int i = 0; i < n && opened; i++)
        sodium_memzero(opened[i].token, sizeof opened[i].token);
    mem_free(items);
    mem_free(opened);
    PQclear(r);
    PQfinish(db);
    sodium_memzero(sk, sizeof sk);
    return rc;
}

int fleet_collect(const char *url, const char *secret_key_path, FleetCollect *c)
{
    c->feedback = false;
    return collect(url, secret_key_path, c);
}

int fleet_collect_feedback(const char *url, const char *secret_key_path, FleetCollect *c)
{
    c->feedback = true;
    return collect(url, secret_key_path, c);
}
