/* test_outbox.c: the outbox (app/outbox). A sealed concern opens again with the
 * matching secret key and exports exactly as submitted; without a key nothing is
 * written; a damaged or foreign file is refused and left byte for byte as it was;
 * what a person typed never reaches the outbox file, its WAL or shared-memory file,
 * or the log; references are valid, distinct, and their check character catches a
 * changed character; export marks, purge deletes only what was exported; CSV quoting
 * and the FHIR R4 elements the base spec requires; a full disk (a fault-injecting VFS,
 * and a 256 KiB tmpfs when the test may mount one) returns OUTBOX_FULL, never a false
 * success, and leaves a sound outbox with every acknowledged concern; a disk full when
 * the outbox is opened is reported as full (not damaged), and the outbox works again
 * once there is space (outbox_reopen, or the next submit) without a restart. */
#include "test.h"

#include "outbox_testlib.h"

#include "err.h"
#include "log.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>

#define TMP(name) TEST_TMP_DIR "/outbox_" name

/* ==== helpers ==== */

typedef struct Refs {
    char refs[256][OUTBOX_REF_MAX];
    size_t n;
} Refs;

static void refs_add(Refs *r, const char *ref)
{
    if (r->n < sizeof r->refs / sizeof r->refs[0])
        snprintf(r->refs[r->n++], OUTBOX_REF_MAX, "%s", ref);
}

/* Opens a new outbox at path with a fresh key pair (public key at path.pub). */
static Outbox *fresh_outbox(const char *path, unsigned char sk[OUTBOX_KEY_BYTES])
{
    char pub[1024];
    snprintf(pub, sizeof pub, "%s.pub", path);
    tl_remove_outbox(path);
    tl_make_keys(pub, sk);
    Outbox *ob = outbox_open(path, pub);
    CHECK(ob != NULL);
    CHECK_INT(outbox_status(ob), OUTBOX_OK);
    CHECK_STR(outbox_problem(ob), "");
    return ob;
}

static OutboxStatus submit(Outbox *ob, const char *what, Refs *acked)
{
    Concern c;
    tl_fill(&c, what);
    char ref[OUTBOX_REF_MAX];
    OutboxStatus st = outbox_submit(ob, &c, "main-entrance", NULL, ref);
    concern_clear(&c);
    if (st == OUTBOX_OK) {
        CHECK(outbox_reference_valid(ref));
        if (acked)
            refs_add(acked, ref);
    } else {
        CHECK_STR(ref, "");
    }
    return st;
}

typedef struct Listed {
    char ref[64][OUTBOX_REF_MAX];
    char created[64][32];
    bool exported[64];
    int n;
} Listed;

static int collect(void *user, const OutboxEntry *e)
{
    Listed *l = user;
    if (l->n < 64) {
        snprintf(l->ref[l->n], OUTBOX_REF_MAX, "%s", e->reference);
        snprintf(l->created[l->n], 32, "%s", e->created_at);
        l->exported[l->n] = e->exported_at != NULL;
        l->n++;
    }
    return 0;
}

static bool file_exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0;
}

/* Captured log lines. */
static char log_text[1 << 16];
static size_t log_len;

static void capture(void *user, LogLevel level, const char *line)
{
    int n = snprintf(log_text + log_len, sizeof log_text - log_len, "%s\n", line);
    if (n > 0 && (size_t)n < sizeof log_text - log_len)
        log_len += (size_t)n;
}

static void quiet(void *user, LogLevel level, const char *line)
{
}

/* ==== sealing and export ==== */

static void test_round_trip(void)
{
    unsigned char sk[OUTBOX_KEY_BYTES];
    Outbox *ob = fresh_outbox(TMP("round.db"), sk);
    Concern c[3];
    tl_fill(&c[0], "First: emoji 😀, Polski żółć, العربية, 中文 and \"quotes\" \\ \n new line.");
    tl_fill(&c[1], "Second, anonymous.");
    c[1].contact = CONTACT_ANONYMOUS;
    tl_fill(&c[2], "Third, for my mother.");
    c[2].who = WHO_SOMEONE_ELSE;
    c[2].consent = CONSENT_YES;
    c[2].ais_needs = AIS_EASY_READ | AIS_HEARING_LOOP;
    char refs[3][OUTBOX_REF_MAX];
    for (int i = 0; i < 3; i++) {
        CHECK_INT(outbox_submit(ob, &c[i], "main-entrance", NULL, refs[i]), OUTBOX_OK);
        CHECK(outbox_reference_valid(refs[i]));
    }
    CHECK(strcmp(refs[0], refs[1]) != 0 && strcmp(refs[1], refs[2]) != 0);
    CHECK_INT(outbox_pending(ob), 3);

    Listed l = {0};
    CHECK_INT(outbox_list(TMP("round.db"), collect, &l), 3);
    for (int i = 0; i < 3; i++) {
        CHECK_STR(l.ref[i], refs[i]);
        CHECK(!l.exported[i]);
        CHECK_INT(strlen(l.created[i]), 20); /* 2026-05-10T09:15:00Z */
    }

    /* The export, opened with the secret key, is exactly what was sealed. */
    OutboxExport ex;
    int rc = -1;
    char *out = tl_export(TMP("round.db"), sk, OUTBOX_JSON, false, &ex, &rc);
    CHECK_INT(rc, 0);
    CHECK_INT(ex.exported, 3);
    CHECK_INT(ex.unreadable, 0);
    json_t *all = json_loads(out ? out : "", 0, NULL);
    CHECK_INT(json_array_size(all), 3);
    for (int i = 0; i < 3; i++) {
        /* Each token is random and only in the box: take it from what was opened. */
        const char *token =
            json_string_value(json_object_get(json_array_get(all, (size_t)i), "receipt_token"));
        CHECK(token && strlen(token) == 32);
        ConcernStamp stamp = {refs[i], l.created[i], "main-entrance", NULL, token};
        char *text = concern_to_json(&c[i], &stamp);
        json_t *want = json_loads(text, 0, NULL);
        CHECK(json_equal(json_array_get(all, (size_t)i), want));
        json_decref(want);
        free(text);
    }
    json_decref(all);
    free(out);
    CHECK_INT(outbox_pending(ob), 0);

    /* Exported ones are marked; a second export has nothing pending, --all has all. */
    memset(&l, 0, sizeof l);
    outbox_list(TMP("round.db"), collect, &l);
    CHECK(l.exported[0] && l.exported[1] && l.exported[2]);
    out = tl_export(TMP("round.db"), sk, OUTBOX_JSON, false, &ex, &rc);
    CHECK_INT(rc, 0);
    CHECK_INT(ex.exported, 0);
    CHECK_STR(out, "[]\n");
    free(out);
    out = tl_export(TMP("round.db"), sk, OUTBOX_JSON, true, &ex, &rc);
    CHECK_INT(ex.exported, 3);
    free(out);

    for (int i = 0; i < 3; i++)
        concern_clear(&c[i]);
    outbox_close(ob);
    /* Reopening finds the same outbox. */
    char pub[1024];
    snprintf(pub, sizeof pub, "%s.pub", TMP("round.db"));
    ob = outbox_open(TMP("round.db"), pub);
    CHECK_INT(outbox_status(ob), OUTBOX_OK);
    CHECK_INT(outbox_pending(ob), 0);
    outbox_close(ob);
}

static void test_wrong_key(void)
{
    /* Concerns sealed to another key stay pending and are named; the rest export. */
    unsigned char sk_a[OUTBOX_KEY_BYTES], sk_b[OUTBOX_KEY_BYTES];
    Outbox *ob = fresh_outbox(TMP("keys.db"), sk_a);
    Refs a = {0}, b = {0};
    CHECK_INT(submit(ob, "Sealed to key A", &a), OUTBOX_OK);
    outbox_close(ob);
    tl_make_keys(TMP("keys.db.pub"), sk_b);
    ob = outbox_open(TMP("keys.db"), TMP("keys.db.pub"));
    CHECK_INT(submit(ob, "Sealed to key B", &b), OUTBOX_OK);
    outbox_close(ob);

    log_len = 0;
    log_set_sink(capture, NULL);
    OutboxExport ex;
    int rc = 0;
    char *out = tl_export(TMP("keys.db"), sk_b, OUTBOX_JSON, false, &ex, &rc);
    log_set_sink(NULL, NULL);
    CHECK_INT(rc, -1);
    CHECK_INT(ex.exported, 1);
    CHECK_INT(ex.unreadable, 1);
    CHECK_CONTAINS(err_msg(), "could not be opened with this secret key");
    CHECK_CONTAINS(log_text, a.refs[0]);
    CHECK_CONTAINS(out, b.refs[0]);
    CHECK(!strstr(out, a.refs[0]));
    free(out);
    Listed l = {0};
    outbox_list(TMP("keys.db"), collect, &l);
    CHECK_INT(l.n, 2);
    CHECK(!l.exported[0] && l.exported[1]);
    /* With key A, the other one opens. */
    out = tl_export(TMP("keys.db"), sk_a, OUTBOX_JSON, false, &ex, &rc);
    CHECK_INT(rc, 0);
    CHECK_INT(ex.exported, 1);
    CHECK_CONTAINS(out, "Sealed to key A");
    free(out);
}

/* ==== refusals ==== */

static void test_no_key(void)
{
    log_set_sink(quiet, NULL);
    const char *db = TMP("nokey.db");
    tl_remove_outbox(db);
    Outbox *ob = outbox_open(db, TMP("no-such.key"));
    CHECK_INT(outbox_status(ob), OUTBOX_NO_KEY);
    CHECK_CONTAINS(outbox_problem(ob), "no-such.key");
    CHECK_CONTAINS(outbox_problem(ob), "does not exist");
    CHECK_INT(submit(ob, "nothing may be written", NULL), OUTBOX_NO_KEY);
    CHECK_INT(outbox_pending(ob), -1);
    outbox_close(ob);
    CHECK(!file_exists(db)); /* nothing written at all */

    /* A file that is not a key: too short, not hex, or something else entirely. */
    static const char *const bad[] = {
        "3c97ef6cbdbd803625a0b40e0a56791792ef5687f02170e22f446e427600641\n",   /* 63 */
        "3c97ef6cbdbd803625a0b40e0a56791792ef5687f02170e22f446e427600641ez\n", /* not hex */
        "3c97ef6cbdbd803625a0b40e0a56791792ef5687f02170e22f446e427600641e00\n", /* 66 */
        "-----BEGIN PUBLIC KEY-----\n",
        "",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        FILE *f = fopen(TMP("bad.key"), "w");
        fputs(bad[i], f);
        fclose(f);
        ob = outbox_open(db, TMP("bad.key"));
        CHECK_INT(outbox_status(ob), OUTBOX_NO_KEY);
        CHECK_CONTAINS(outbox_problem(ob), "is not a key file");
        outbox_close(ob);
        CHECK(!file_exists(db));
    }
    /* Hexadecimal, but no key anything can be sealed to. */
    FILE *zero = fopen(TMP("zero.key"), "w");
    fprintf(zero, "%064d\n", 0);
    fclose(zero);
    ob = outbox_open(db, TMP("zero.key"));
    CHECK_INT(outbox_status(ob), OUTBOX_NO_KEY);
    CHECK_CONTAINS(outbox_problem(ob), "not a usable public key");
    outbox_close(ob);
    CHECK(!file_exists(db));
    /* White space around the key is fine (an editor may add a new line or CRLF). */
    FILE *f = fopen(TMP("ok.key"), "w");
    fputs("  3C97EF6CBDBD803625A0B40E0A56791792EF5687F02170E22F446E427600641E\r\n\n", f);
    fclose(f);
    unsigned char key[OUTBOX_KEY_BYTES];
    CHECK_INT(outbox_key_read(TMP("ok.key"), key), 0);
    CHECK_INT(key[0], 0x3c);
    CHECK_INT(key[31], 0x1e);
    /* A key file is never written over. */
    CHECK_INT(outbox_key_write(TMP("ok.key"), key, false), -1);
    CHECK_CONTAINS(err_msg(), "already exists");
    unlink(TMP("secret.key"));
    CHECK_INT(outbox_key_write(TMP("secret.key"), key, true), 0);
    struct stat sb;
    CHECK_INT(stat(TMP("secret.key"), &sb), 0);
    CHECK_INT(sb.st_mode & 0777, 0600);
    log_set_sink(NULL, NULL);
}

static void test_damaged(void)
{
    log_set_sink(quiet, NULL);
    unsigned char sk[OUTBOX_KEY_BYTES];
    const char *db = TMP("damaged.db");
    tl_remove_outbox(db);
    tl_make_keys(TMP("damaged.pub"), sk);

    /* Garbage bytes where the outbox should be. */
    unsigned char garbage[8192];
    for (size_t i = 0; i < sizeof garbage; i++)
        garbage[i] = (unsigned char)(i * 7919 + 13);
    FILE *f = fopen(db, "wb");
    fwrite(garbage, 1, sizeof garbage, f);
    fclose(f);
    Outbox *ob = outbox_open(db, TMP("damaged.pub"));
    CHECK_INT(outbox_status(ob), OUTBOX_DAMAGED);
    CHECK_CONTAINS(outbox_problem(ob), db);
    CHECK_CONTAINS(outbox_problem(ob), "left as it is");
    CHECK_INT(submit(ob, "turned away", NULL), OUTBOX_DAMAGED);
    outbox_close(ob);
    size_t len = 0;
    unsigned char *now = tl_slurp(db, &len);
    CHECK_INT(len, sizeof garbage);
    CHECK(now && memcmp(now, garbage, sizeof garbage) == 0);
    free(now);
    CHECK(!file_exists(TMP("damaged.db-wal")));

    /* A sound SQLite file that is not an outbox (the content store, say). */
    tl_remove_outbox(db);
    sqlite3 *other = NULL;
    sqlite3_open(db, &other);
    sqlite3_exec(other, "CREATE TABLE place(id TEXT); INSERT INTO place VALUES('ward 7')", NULL,
                 NULL, NULL);
    sqlite3_close(other);
    unsigned char *before = tl_slurp(db, &len);
    size_t before_len = len;
    ob = outbox_open(db, TMP("damaged.pub"));
    CHECK_INT(outbox_status(ob), OUTBOX_DAMAGED);
    CHECK_CONTAINS(outbox_problem(ob), "not an outbox");
    outbox_close(ob);
    unsigned char *after = tl_slurp(db, &len);
    CHECK(before && after && len == before_len && memcmp(before, after, len) == 0);
    free(before);
    free(after);
    /* Staff tools refuse it too. */
    CHECK_INT(outbox_list(db, collect, &(Listed){0}), -1);
    CHECK_CONTAINS(err_msg(), "not a Signpost outbox");
    CHECK_INT(outbox_list(TMP("no-such.db"), collect, &(Listed){0}), -1);
    CHECK_CONTAINS(err_msg(), "no such file");

    /* An outbox someone added a trigger to is not used by staff tools. */
    ob = fresh_outbox(TMP("trigger.db"), sk);
    CHECK_INT(submit(ob, "with a trigger", NULL), OUTBOX_OK);
    outbox_close(ob);
    sqlite3_open(TMP("trigger.db"), &other);
    CHECK_INT(sqlite3_exec(other,
                           "CREATE TRIGGER t AFTER UPDATE ON concern BEGIN "
                           "DELETE FROM concern; END",
                           NULL, NULL, NULL),
              SQLITE_OK);
    sqlite3_close(other);
    int deleted = 0;
    CHECK_INT(outbox_purge(TMP("trigger.db"), &deleted), -1);
    CHECK_CONTAINS(err_msg(), "tampered");
    log_set_sink(NULL, NULL);
}

/* ==== nothing personal on disk or in the log ==== */

static void test_no_plaintext(void)
{
    static const char marker[] = "MARKER-q7Zp3Xk9-PLAINTEXT";
    unsigned char sk[OUTBOX_KEY_BYTES];
    log_len = 0;
    log_set_sink(capture, NULL);
    const char *db = TMP("plain.db");
    Outbox *ob = fresh_outbox(db, sk);
    Refs acked = {0};
    for (int i = 0; i < 5; i++) {
        Concern c;
        tl_fill(&c, marker);
        strbuf_reset(&c.name);
        strbuf_adds(&c.name, marker);
        strbuf_adds(&c.where_text, marker);
        strbuf_adds(&c.other_need, marker);
        char ref[OUTBOX_REF_MAX];
        CHECK_INT(outbox_submit(ob, &c, "main-entrance", NULL, ref), OUTBOX_OK);
        refs_add(&acked, ref);
        concern_clear(&c);
    }
    /* While the outbox is open (WAL and shared memory in use), and after. */
    static const char *const files[] = {TMP("plain.db"), TMP("plain.db-wal"),
                                        TMP("plain.db-shm")};
    size_t seen = 0;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < 3; i++) {
            size_t len = 0;
            unsigned char *bytes = tl_slurp(files[i], &len);
            seen += len;
            CHECK(!tl_contains(bytes, len, marker));
            CHECK(!tl_contains(bytes, len, "Test Person"));
            CHECK(!tl_contains(bytes, len, "01632 960123"));
            free(bytes);
        }
        if (pass == 0)
            outbox_close(ob);
    }
    CHECK(seen > 0);
    log_set_sink(NULL, NULL);
    CHECK(!strstr(log_text, marker));
    for (size_t i = 0; i < acked.n; i++) {
        char line[64];
        snprintf(line, sizeof line, "concern stored ref=%s\n", acked.refs[i]);
        CHECK_CONTAINS(log_text, line);
    }
    CHECK(!strstr(err_msg(), marker));
    /* And yet it is all there for PALS. */
    OutboxExport ex;
    int rc = -1;
    char *out = tl_export(db, sk, OUTBOX_JSON, false, &ex, &rc);
    CHECK_INT(ex.exported, 5);
    CHECK_CONTAINS(out, marker);
    free(out);
}

/* ==== references ==== */

static int cmp_ref(const void *a, const void *b)
{
    return strcmp(a, b);
}

static void test_references(void)
{
    enum { N = 1000 };
    static char refs[N][OUTBOX_REF_MAX];
    static const char alphabet[] = "34679ACDEFGHJKMNPQRTWXY";
    for (int i = 0; i < N; i++) {
        outbox_make_reference(refs[i]);
        CHECK(outbox_reference_valid(refs[i]));
        CHECK_INT(strlen(refs[i]), 9);
        CHECK_INT(refs[i][4], '-');
        for (int k = 0; k < 9; k++)
            if (k != 4)
                CHECK(strchr(alphabet, refs[i][k]) != NULL);
        CHECK(strpbrk(refs[i], "0O1IL2Z5S8BUV") == NULL); /* no look-alikes */
    }
    /* Random: 1,000 draws from 3.4 billion almost never repeat (the outbox's UNIQUE
     * constraint and a redraw deal with the rare case). */
    qsort(refs, N, sizeof refs[0], cmp_ref);
    int repeats = 0;
    for (int i = 1; i < N; i++)
        repeats += strcmp(refs[i - 1], refs[i]) == 0;
    CHECK(repeats <= 1);

    /* Any single character changed, and any two of the first seven swapped, fails. */
    int changes = 0;
    for (int i = 0; i < 200; i++) {
        char r[OUTBOX_REF_MAX];
        for (int k = 0; k < 9; k++) {
            if (k == 4)
                continue;
            for (const char *a = alphabet; *a; a++) {
                if (*a == refs[i][k])
                    continue;
                memcpy(r, refs[i], sizeof r);
                r[k] = *a;
                CHECK(!outbox_reference_valid(r));
                changes++;
            }
        }
        for (int j = 0; j < 8; j++)
            for (int k = j + 1; k < 8; k++) {
                int pj = j < 4 ? j : j + 1, pk = k < 4 ? k : k + 1;
                memcpy(r, refs[i], sizeof r);
                if (r[pj] == r[pk] || pk == 8)
                    continue;
                char t = r[pj];
                r[pj] = r[pk];
                r[pk] = t;
                CHECK(!outbox_reference_valid(r));
            }
    }
    CHECK_INT(changes, 200 * 8 * 22);
    /* Capitals only: the same reference in lower case is not valid. */
    char r[OUTBOX_REF_MAX];
    for (int i = 0; i < N; i++) {
        memcpy(r, refs[i], sizeof r);
        char *letter = strpbrk(r, "ACDEFGHJKMNPQRTWXY");
        if (!letter)
            continue;
        *letter = (char)(*letter - 'A' + 'a');
        CHECK(!outbox_reference_valid(r));
        break;
    }
    CHECK(!outbox_reference_valid(""));
    CHECK(!outbox_reference_valid(NULL));
    CHECK(outbox_reference_valid("K7QM-4TX4")); /* the example in outbox.h */
    CHECK(!outbox_reference_valid("K7QM-4TXR"));
    CHECK(!outbox_reference_valid("K7QM4TX4"));
    memcpy(r, refs[0], sizeof r);
    r[4] = ' ';
    CHECK(!outbox_reference_valid(r));
    memcpy(r, refs[0], sizeof r);
    r[8] = '\0';
    CHECK(!outbox_reference_valid(r));
}

/* ==== purge ==== */

static void test_purge(void)
{
    unsigned char sk[OUTBOX_KEY_BYTES];
    const char *db = TMP("purge.db");
    Outbox *ob = fresh_outbox(db, sk);
    Refs first = {0}, later = {0};
    for (int i = 0; i < 3; i++)
        CHECK_INT(submit(ob, "collected, then purged", &first), OUTBOX_OK);
    OutboxExport ex;
    int rc = -1;
    free(tl_export(db, sk, OUTBOX_CSV, false, &ex, &rc));
    CHECK_INT(ex.exported, 3);
    for (int i = 0; i < 2; i++)
        CHECK_INT(submit(ob, "still waiting for PALS", &later), OUTBOX_OK);

    int deleted = -1;
    CHECK_INT(outbox_purge(db, &deleted), 0);
    CHECK_INT(deleted, 3);
    Listed l = {0};
    CHECK_INT(outbox_list(db, collect, &l), 2);
    CHECK_STR(l.ref[0], later.refs[0]);
    CHECK_STR(l.ref[1], later.refs[1]);
    CHECK(!l.exported[0] && !l.exported[1]);
    CHECK_INT(outbox_pending(ob), 2);
    /* The kiosk goes on storing concerns after a purge. */
    CHECK_INT(submit(ob, "after the purge", &later), OUTBOX_OK);
    CHECK_INT(outbox_purge(db, &deleted), 0);
    CHECK_INT(deleted, 0);
    outbox_close(ob);
    CHECK(tl_integrity_ok(db));
    CHECK_INT(tl_check_refs(db, sk, later.refs, later.n, true), 3);
}

/* ==== CSV and FHIR ==== */

static void test_csv(void)
{
    unsigned char sk[OUTBOX_KEY_BYTES];
    const char *db = TMP("csv.db");
    Outbox *ob = fresh_outbox(db, sk);
    Concern c;
    tl_fill(&c, "He said \"no\", then left,\nangry.");
    strbuf_reset(&c.name);
    strbuf_adds(&c.name, "=HYPERLINK(\"http://example.org\",\"x\")");
    strbuf_reset(&c.phone);
    strbuf_adds(&c.phone, "+44 1632 960123");
    strbuf_adds(&c.language, "Polski, proszę");
    c.ais_needs = AIS_LARGE_PRINT | AIS_AUDIO;
    c.where_place = "ward-7";
    c.where_place_name = "Ward 7 (Respiratory)";
    char ref[OUTBOX_REF_MAX];
    CHECK_INT(outbox_submit(ob, &c, "main-entrance", "Main entrance", ref), OUTBOX_OK);
    concern_clear(&c);
    outbox_close(ob);

    OutboxExport ex;
    int rc = -1;
    char *out = tl_export(db, sk, OUTBOX_CSV, false, &ex, &rc);
    CHECK_INT(rc, 0);
    CHECK_INT(ex.exported, 1);
    static const char header[] = "reference,submitted_at,kind,kiosk,assisted,who,consent,category,"
                                 "ko41a_subjects,";
    /* A UTF-8 byte-order mark first, for Excel; places and the kiosk by name. */
    CHECK(out && strncmp(out, "\xEF\xBB\xBF", 3) == 0);
    CHECK(out && strncmp(out + 3, header, strlen(header)) == 0);
    CHECK_CONTAINS(out, ",concern,Main entrance,no,me,");
    CHECK_CONTAINS(out, ",Ward 7 (Respiratory),");
    CHECK(out && !strstr(out, "ward-7"));
    CHECK(out && !strstr(out, "main-entrance"));
    CHECK_CONTAINS(out, ",interpreter,consent_to_share\r\n");
    /* Quotes doubled, the field quoted because of a comma, quote or line break. */
    CHECK_CONTAINS(out, ",\"He said \"\"no\"\", then left,\nangry.\",");
    CHECK_CONTAINS(out, ",\"Polski, proszę\",");
    /* A formula is defused; a phone number is left alone. */
    CHECK_CONTAINS(out, ",\"'=HYPERLINK(\"\"http://example.org\"\",\"\"x\"\")\",");
    CHECK_CONTAINS(out, ",+44 1632 960123,");
    CHECK_CONTAINS(out, ",large-print; audio,");
    CHECK_CONTAINS(out, ",Appointments (incl. delays and cancellations); Waiting times,");
    CHECK_CONTAINS(out, ",no,me,,appointments,"); /* assisted, who, consent, category */
    /* Two records (header and one concern), each ending CRLF; the line break inside the
     * quoted field is the only bare LF. */
    size_t crlf = 0, lf = 0;
    for (const char *p = out; p && *p; p++) {
        if (p[0] == '\r' && p[1] == '\n')
            crlf++;
        else if (p[0] == '\n' && (p == out || p[-1] != '\r'))
            lf++;
    }
    CHECK_INT(crlf, 2);
    CHECK_INT(lf, 1);
    free(out);
}

static const json_t *get(const json_t *o, const char *key)
{
    return json_object_get(o, key);
}

static const json_t *item(const json_t *qr, const char *link_id)
{
    size_t i;
    const json_t *it;
    json_array_foreach(get(qr, "item"), i, it) {
        if (strcmp(json_string_value(get(it, "linkId")), link_id) == 0)
            return it;
    }
    return NULL;
}

static void test_fhir(void)
{
    unsigned char sk[OUTBOX_KEY_BYTES];
    const char *db = TMP("fhir.db");
    Outbox *ob = fresh_outbox(db, sk);
    Concern c;
    tl_fill(&c, "Nobody could sign for me.");
    c.ais_needs = AIS_BSL_INTERPRETER | AIS_LARGE_PRINT;
    strbuf_adds(&c.other_need, "Please write things down");
    char with_needs[OUTBOX_REF_MAX], without[OUTBOX_REF_MAX];
    CHECK_INT(outbox_submit(ob, &c, "main-entrance", NULL, with_needs), OUTBOX_OK);
    concern_clear(&c);
    tl_fill(&c, "Second concern, no needs.");
    c.contact = CONTACT_ANONYMOUS;
    CHECK_INT(outbox_submit(ob, &c, "main-entrance", NULL, without), OUTBOX_OK);
    concern_clear(&c);
    outbox_close(ob);

    OutboxExport ex = {.format = OUTBOX_FHIR, .fhir_base = "https://pals.example.org/fhir/"};
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    CHECK_INT(outbox_export(db, sk, f, &ex), 0);
    fclose(f);
    CHECK_INT(ex.exported, 2);
    json_error_t err;
    json_t *bundle = json_loads(out ? out : "", 0, &err);
    if (!bundle)
        fprintf(stderr, "  FHIR does not parse: %s (line %d)\n", err.text, err.line);
    CHECK_STR(json_string_value(get(bundle, "resourceType")), "Bundle");
    CHECK_STR(json_string_value(get(bundle, "type")), "collection");
    const json_t *entries = get(bundle, "entry");
    CHECK_INT(json_array_size(entries), 3); /* two responses and one flag */
    int responses = 0, flags = 0;
    size_t i;
    const json_t *entry;
    json_array_foreach(entries, i, entry) {
        CHECK(strncmp(json_string_value(get(entry, "fullUrl")), "urn:uuid:", 9) == 0);
        const json_t *res = get(entry, "resource");
        const char *type = json_string_value(get(res, "resourceType"));
        CHECK(type != NULL);
        if (type && strcmp(type, "QuestionnaireResponse") == 0) {
            responses++;
            CHECK_STR(json_string_value(get(res, "status")), "completed");
            CHECK_STR(json_string_value(get(res, "questionnaire")),
                      "https://pals.example.org/fhir/Questionnaire/signpost-concern|1");
            CHECK_INT(strlen(json_string_value(get(res, "authored"))), 20);
            const char *ref = json_string_value(get(get(res, "identifier"), "value"));
            CHECK(ref && (strcmp(ref, with_needs) == 0 || strcmp(ref, without) == 0));
            /* Every item has a linkId and at least one answer with a value. */
            size_t k;
            const json_t *it;
            json_array_foreach(get(res, "item"), k, it) {
                CHECK(json_string_length(get(it, "linkId")) > 0);
                CHECK(json_string_length(get(it, "text")) > 0);
                CHECK(json_array_size(get(it, "answer")) > 0);
            }
            const json_t *what = json_array_get(get(item(res, "what"), "answer"), 0);
            CHECK(json_is_string(get(what, "valueString")));
            CHECK_STR(json_string_value(get(get(json_array_get(get(item(res, "who"), "answer"),
                                                               0),
                                                "valueCoding"),
                                            "code")),
                      "me");
            CHECK_STR(json_string_value(get(json_array_get(get(item(res, "when"), "answer"), 0),
                                            "valueDate")),
                      "2026-04-02");
            CHECK(json_is_true(get(json_array_get(get(item(res, "consent_to_share"), "answer"),
                                                  0),
                                   "valueBoolean")));
            /* Empty answers are left out, never sent as "". */
            CHECK(item(res, "where_text") == NULL);
            if (ref && strcmp(ref, without) == 0)
                CHECK(item(res, "phone") == NULL);
        } else if (type && strcmp(type, "Flag") == 0) {
            flags++;
            CHECK_STR(json_string_value(get(res, "status")), "active");
            CHECK(json_array_size(get(res, "category")) == 1);
            const char *code = json_string_value(get(get(res, "code"), "text"));
            CHECK_CONTAINS(code, "Large print");
            CHECK_CONTAINS(code, "British Sign Language interpreter");
            CHECK_CONTAINS(code, "Please write things down");
            CHECK_CONTAINS(json_string_value(get(get(res, "subject"), "display")), with_needs);
            CHECK(get(get(res, "subject"), "reference") == NULL); /* no Patient to point at */
        }
    }
    CHECK_INT(responses, 2);
    CHECK_INT(flags, 1);
    json_decref(bundle);
    free(out);

    /* Nothing pending: a Bundle without the (then empty) entry array. */
    OutboxExport again;
    int rc = -1;
    out = tl_export(db, sk, OUTBOX_FHIR, false, &again, &rc);
    bundle = json_loads(out ? out : "", 0, NULL);
    CHECK_STR(json_string_value(get(bundle, "type")), "collection");
    CHECK(get(bundle, "entry") == NULL);
    json_decref(bundle);
    free(out);
}

/* ==== full disk: a VFS that fails writes on demand ==== */

typedef struct ShimFile {
    sqlite3_file base;
    sqlite3_file *real; /* follows this struct in the same allocation */
} ShimFile;

static struct {
    sqlite3_vfs vfs;
    sqlite3_vfs *real;
    bool armed;
    int writes_left; /* writes allowed before every write fails */
    int error;       /* what a failed write returns */
    bool fail_opens; /* while armed, files cannot be opened either (errno ENOSPC) */
    int failures;
} shim;

#define REAL(f) (((ShimFile *)(f))->real)

static int shim_close(sqlite3_file *f)
{
    return REAL(f)->pMethods->xClose(REAL(f));
}
static int shim_read(sqlite3_file *f, void *buf, int amt, sqlite3_int64 off)
{
    return REAL(f)->pMethods->xRead(REAL(f), buf, amt, off);
}
static int shim_write(sqlite3_file *f, const void *buf, int amt, sqlite3_int64 off)
{
    if (shim.armed) {
        if (shim.writes_left <= 0) {
            shim.failures++;
            return shim.error;
        }
        shim.writes_left--;
    }
    return REAL(f)->pMethods->xWrite(REAL(f), buf, amt, off);
}
static int shim_truncate(sqlite3_file *f, sqlite3_int64 size)
{
    return REAL(f)->pMethods->xTruncate(REAL(f), size);
}
static int shim_sync(sqlite3_file *f, int flags)
{
    return REAL(f)->pMethods->xSync(REAL(f), flags);
}
static int shim_size(sqlite3_file *f, sqlite3_int64 *size)
{
    return REAL(f)->pMethods->xFileSize(REAL(f), size);
}
static int shim_lock(sqlite3_file *f, int level)
{
    return REAL(f)->pMethods->xLock(REAL(f), level);
}
static int shim_unlock(sqlite3_file *f, int level)
{
    return REAL(f)->pMethods->xUnlock(REAL(f), level);
}
static int shim_reserved(sqlite3_file *f, int *out)
{
    return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out);
}
static int shim_control(sqlite3_file *f, int op, void *arg)
{
    return REAL(f)->pMethods->xFileControl(REAL(f), op, arg);
}
static int shim_sector(sqlite3_file *f)
{
    return REAL(f)->pMethods->xSectorSize(REAL(f));
}
static int shim_device(sqlite3_file *f)
{
    return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f));
}
static int shim_shm_map(sqlite3_file *f, int pg, int pgsz, int extend, void volatile **pp)
{
    return REAL(f)->pMethods->xShmMap(REAL(f), pg, pgsz, extend, pp);
}
static int shim_shm_lock(sqlite3_file *f, int offset, int n, int flags)
{
    return REAL(f)->pMethods->xShmLock(REAL(f), offset, n, flags);
}
static void shim_shm_barrier(sqlite3_file *f)
{
    REAL(f)->pMethods->xShmBarrier(REAL(f));
}
static int shim_shm_unmap(sqlite3_file *f, int delete_flag)
{
    return REAL(f)->pMethods->xShmUnmap(REAL(f), delete_flag);
}
static int shim_fetch(sqlite3_file *f, sqlite3_int64 off, int amt, void **pp)
{
    return REAL(f)->pMethods->xFetch(REAL(f), off, amt, pp);
}
static int shim_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
    return REAL(f)->pMethods->xUnfetch(REAL(f), off, p);
}

static const sqlite3_io_methods shim_methods = {
    3,           shim_close,    shim_read,     shim_write,       shim_truncate,
    shim_sync,   shim_size,     shim_lock,     shim_unlock,      shim_reserved,
    shim_control, shim_sector,  shim_device,   shim_shm_map,     shim_shm_lock,
    shim_shm_barrier, shim_shm_unmap, shim_fetch, shim_unfetch,
};

static int shim_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags,
                     int *out_flags)
{
    ShimFile *p = (ShimFile *)f;
    p->real = (sqlite3_file *)(p + 1);
    if (shim.armed && shim.fail_opens) {
        p->base.pMethods = NULL;
        shim.failures++;
        errno = ENOSPC; /* what creating a file on a full disk sets */
        return SQLITE_CANTOPEN;
    }
    int rc = shim.real->xOpen(shim.real, name, p->real, flags, out_flags);
    p->base.pMethods = p->real->pMethods ? &shim_methods : NULL;
    return rc;
}

/* Registers the shim as the default VFS: outbox_open() then uses it unawares. */
static void shim_install(void)
{
    shim.real = sqlite3_vfs_find(NULL);
    shim.vfs = *shim.real; /* every other method is the real one's */
    shim.vfs.zName = "signpost-test-shim";
    shim.vfs.szOsFile = (int)sizeof(ShimFile) + shim.real->szOsFile;
    shim.vfs.xOpen = shim_open;
    shim.vfs.pNext = NULL;
    shim.armed = false;
    sqlite3_vfs_register(&shim.vfs, 1);
}

static void shim_uninstall(void)
{
    sqlite3_vfs_unregister(&shim.vfs);
    sqlite3_vfs_register(shim.real, 1);
}

static void shim_arm(int writes_allowed, int error)
{
    shim.writes_left = writes_allowed;
    shim.error = error;
    shim.fail_opens = false;
    shim.armed = true;
}

static void test_full_disk_vfs(void)
{
    log_set_sink(quiet, NULL);
    shim_install();
    unsigned char sk[OUTBOX_KEY_BYTES];
    const char *db = TMP("full.db");
    Outbox *ob = fresh_outbox(db, sk);
    static Refs acked;
    acked.n = 0;
    for (int i = 0; i < 3; i++)
        CHECK_INT(submit(ob, "stored before the disk filled", &acked), OUTBOX_OK);

    /* The disk fills after 0, 1, 2, ... more writes, in every part of the commit. */
    int full = 0;
    for (int n = 0; n < 24; n++) {
        shim_arm(n, SQLITE_FULL);
        OutboxStatus st = submit(ob, "while the disk is filling", &acked);
        shim.armed = false;
        if (st == OUTBOX_OK)
            continue;
        full++;
        CHECK_INT(st, OUTBOX_FULL); /* never a false success, never another status */
        CHECK_INT(outbox_status(ob), OUTBOX_FULL);
        CHECK_CONTAINS(outbox_problem(ob), "the disk is full");
        /* Space again: the same open outbox takes the next concern. */
        CHECK_INT(submit(ob, "after space was freed", &acked), OUTBOX_OK);
        CHECK_INT(outbox_status(ob), OUTBOX_OK);
    }
    CHECK(full >= 2);
    CHECK(shim.failures >= full);
    printf("     the disk filled during %d of 24 submits; each returned OUTBOX_FULL\n", full);

    /* A failing disk, rather than a full one. */
    shim_arm(0, SQLITE_IOERR_WRITE);
    CHECK_INT(submit(ob, "the disk failed", &acked), OUTBOX_IO_ERROR);
    shim.armed = false;
    CHECK_INT(submit(ob, "the disk recovered", &acked), OUTBOX_OK);
    CHECK_INT(outbox_pending(ob), (int)acked.n);
    outbox_close(ob);
    shim_uninstall();

    /* A fresh connection finds a sound file with exactly the acknowledged concerns. */
    CHECK(tl_integrity_ok(db));
    CHECK_INT(tl_check_refs(db, sk, acked.refs, acked.n, true), (int)acked.n);
    log_set_sink(NULL, NULL);
}

/* The disk is full when the kiosk starts: the outbox says OUTBOX_FULL ("the disk is
 * full", not damage), every submit tries to open it again, and once there is space
 * outbox_reopen() (or the next submit) brings it back without restarting. */
static void test_full_at_open_vfs(void)
{
    log_set_sink(quiet, NULL);
    shim_install();
    unsigned char sk[OUTBOX_KEY_BYTES];
    char pub[1024];
    const char *db = TMP("full-open.db");
    snprintf(pub, sizeof pub, "%s.pub", db);
    static Refs acked;
    acked.n = 0;
    /* A new outbox whose first write fails: the disk filled as it was being made. */
    tl_remove_outbox(db);
    tl_make_keys(pub, sk);
    shim_arm(0, SQLITE_FULL);
    Outbox *ob = outbox_open(db, pub);
    CHECK_INT(outbox_status(ob), OUTBOX_FULL);
    CHECK_CONTAINS(outbox_problem(ob), "the disk is full");
    CHECK_INT(submit(ob, "still full", NULL), OUTBOX_FULL);
    CHECK_INT(outbox_reopen(ob), OUTBOX_FULL);
    shim.armed = false;
    CHECK_INT(outbox_reopen(ob), OUTBOX_OK);
    CHECK_INT(outbox_status(ob), OUTBOX_OK);
    CHECK_STR(outbox_problem(ob), "");
    CHECK_INT(outbox_reopen(ob), OUTBOX_OK); /* working: nothing to do */
    CHECK_INT(submit(ob, "after space was freed", &acked), OUTBOX_OK);
    outbox_close(ob);

    /* The file cannot even be opened (created) on the full disk: SQLite says
     * SQLITE_CANTOPEN, errno says ENOSPC. A submit opens it again by itself. */
    shim_arm(0, SQLITE_FULL);
    shim.fail_opens = true;
    ob = outbox_open(db, pub);
    CHECK_INT(outbox_status(ob), OUTBOX_FULL);
    CHECK_CONTAINS(outbox_problem(ob), "the disk is full");
    CHECK_INT(submit(ob, "still cannot open", NULL), OUTBOX_FULL);
    shim.armed = false;
    shim.fail_opens = false;
    CHECK_INT(submit(ob, "the submit opened it again", &acked), OUTBOX_OK);
    CHECK_INT(outbox_status(ob), OUTBOX_OK);
    outbox_close(ob);
    shim_uninstall();
    CHECK(tl_integrity_ok(db));
    CHECK_INT(tl_check_refs(db, sk, acked.refs, acked.n, true), (int)acked.n);
    log_set_sink(NULL, NULL);
}

/* ==== full disk: a real, tiny filesystem ==== */

/* Mounts a 256 KiB tmpfs at dir; false (with a note) when this test may not. */
static bool mount_tiny(const char *dir, const char *test)
{
    mkdir(dir, 0700);
    if (geteuid() != 0 || mount("tmpfs", dir, "tmpfs", 0, "size=256k,mode=0700") != 0) {
        printf("skip %s: cannot mount a 256 KiB tmpfs at %s (%s); the fault-injecting VFS "
               "test covers a full disk\n",
               test, dir, geteuid() != 0 ? "not root" : strerror(errno));
        return false;
    }
    return true;
}

/* Fills the file system with one file at path until writes fail. */
static void fill_disk(const char *path)
{
    FILE *f = fopen(path, "wb");
    static const char block[4096];
    while (f && fwrite(block, 1, sizeof block, f) == sizeof block && fflush(f) == 0)
        ;
    if (f)
        fclose(f);
    /* Whatever a stdio buffer could not flush, byte by byte. */
    int fd = open(path, O_WRONLY | O_APPEND);
    while (fd >= 0 && write(fd, block, 1) == 1)
        ;
    if (fd >= 0)
        close(fd);
}

/* A real full disk at start-up, for an outbox that exists and for a new one. */
static void test_full_at_open_tmpfs(void)
{
    const char *dir = TMP("tinyfs2");
    if (!mount_tiny(dir, "test_full_at_open_tmpfs"))
        return;
    log_set_sink(quiet, NULL);
    unsigned char sk[OUTBOX_KEY_BYTES];
    const char *db = TMP("tinyfs2/outbox.db"), *fresh = TMP("tinyfs2/fresh.db");
    const char *filler = TMP("tinyfs2/filler");
    char pub[1024];
    snprintf(pub, sizeof pub, "%s.pub", db);
    Outbox *ob = fresh_outbox(db, sk);
    static Refs acked;
    acked.n = 0;
    CHECK_INT(submit(ob, "stored before the disk filled", &acked), OUTBOX_OK);
    outbox_close(ob);
    fill_disk(filler);

    ob = outbox_open(db, pub);
    CHECK_INT(outbox_status(ob), OUTBOX_FULL);
    CHECK_CONTAINS(outbox_problem(ob), "the disk is full");
    Outbox *ob2 = outbox_open(fresh, pub);
    CHECK_INT(outbox_status(ob2), OUTBOX_FULL);
    CHECK_CONTAINS(outbox_problem(ob2), "the disk is full");
    outbox_close(ob2);
    CHECK_INT(submit(ob, "the disk is still full", NULL), OUTBOX_FULL);

    unlink(filler); /* staff free some space */
    CHECK_INT(outbox_reopen(ob), OUTBOX_OK);
    CHECK_INT(submit(ob, "after space was freed", &acked), OUTBOX_OK);
    CHECK_INT(outbox_pending(ob), (int)acked.n);
    outbox_close(ob);
    CHECK(tl_integrity_ok(db));
    CHECK_INT(tl_check_refs(db, sk, acked.refs, acked.n, true), (int)acked.n);
    if (umount(dir) != 0)
        fprintf(stderr, "  could not unmount %s: %s\n", dir, strerror(errno));
    log_set_sink(NULL, NULL);
}

static void test_full_disk_tmpfs(void)
{
    const char *dir = TMP("tinyfs");
    if (!mount_tiny(dir, "test_full_disk_tmpfs"))
        return;
    log_set_sink(quiet, NULL);
    unsigned char sk[OUTBOX_KEY_BYTES];
    const char *db = TMP("tinyfs/outbox.db");
    Outbox *ob = fresh_outbox(db, sk);
    static Refs acked;
    acked.n = 0;
    OutboxStatus st = OUTBOX_OK;
    for (int i = 0; i < 256 && st == OUTBOX_OK; i++)
        st = submit(ob, "filling a tiny disk, one concern at a time", &acked);
    CHECK_INT(st, OUTBOX_FULL);
    CHECK(acked.n > 3);
    outbox_close(ob);
    /* Check a copy on a roomy disk: the tiny one has no space to even open a file. */
    static const char *const names[] = {"outbox.db", "outbox.db-wal"};
    for (size_t i = 0; i < 2; i++) {
        char from[512], to[512];
        snprintf(from, sizeof from, "%s/%s", dir, names[i]);
        snprintf(to, sizeof to, "%s/full-copy-%s", TEST_TMP_DIR, names[i]);
        unlink(to);
        size_t len = 0;
        unsigned char *bytes = tl_slurp(from, &len);
        if (bytes) {
            FILE *f = fopen(to, "wb");
            fwrite(bytes, 1, len, f);
            fclose(f);
        }
        free(bytes);
    }
    if (umount(dir) != 0)
        fprintf(stderr, "  could not unmount %s: %s\n", dir, strerror(errno));
    const char *copy = TEST_TMP_DIR "/full-copy-outbox.db";
    CHECK(tl_integrity_ok(copy));
    CHECK_INT(tl_check_refs(copy, sk, acked.refs, acked.n, true), (int)acked.n);
    printf("     tmpfs of 256 KiB held %zu concerns before OUTBOX_FULL\n", acked.n);
    log_set_sink(NULL, NULL);
}

int main(void)
{
    TEST_RUN(test_round_trip);
    TEST_RUN(test_wrong_key);
    TEST_RUN(test_no_key);
    TEST_RUN(test_damaged);
    TEST_RUN(test_no_plaintext);
    TEST_RUN(test_references);
    TEST_RUN(test_purge);
    TEST_RUN(test_csv);
    TEST_RUN(test_fhir);
    TEST_RUN(test_full_disk_vfs);
    TEST_RUN(test_full_disk_tmpfs);
    TEST_RUN(test_full_at_open_vfs);
    TEST_RUN(test_full_at_open_tmpfs);
    return TEST_REPORT();
}
