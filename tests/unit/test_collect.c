/* test_collect.c: collecting concerns with proof (issue 11 part 3), end to end: the
 * kiosk writes a collection file (still sealed) to a drive folder; PALS run the real
 * `signpostctl concerns open-collection` with the secret key, which writes the export
 * and a receipt; the kiosk confirms the receipt and deletes exactly the concerns it
 * proves were opened. A forged, truncated or other kiosk's receipt deletes nothing; a
 * collection opened with the wrong key proves nothing; an old (version 1) outbox is
 * brought up to date and its old concerns are never deleted on a receipt's word. */
#include "test.h"

#include "outbox_testlib.h"

#include "log.h"

#include <sys/stat.h>
#include <sys/wait.h>

#define DIR_ TEST_TMP_DIR "/collect"
#define DRIVE DIR_ "/drive"

static char out_text[1 << 16];

/* Runs signpostctl in DIR_ with args; its output into out_text; the exit status. */
static int ctl(const char *args)
{
    return tl_ctl(DIR_, args, out_text, sizeof out_text);
}

static Outbox *kiosk;
static char refs[4][OUTBOX_REF_MAX];

static void submit(int i, const char *what)
{
    Concern c;
    tl_fill(&c, what);
    c.where_place = "ward-7";
    c.where_place_name = "Ward 7 (Respiratory)";
    CHECK_INT(outbox_submit(kiosk, &c, "main-entrance", "Main entrance", refs[i]), OUTBOX_OK);
    concern_clear(&c);
}

/* Writes text as a receipt file in DIR_; returns its path (static). */
static const char *receipt_file(const char *name, const char *text)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", DIR_, name);
    tl_remove_outbox(path);
    FILE *f = fopen(path, "wb");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
    return path;
}

static char *slurp_text(const char *path)
{
    size_t len = 0;
    return (char *)tl_slurp(path, &len);
}

static void test_round_trip(void)
{
    log_set_sink(NULL, NULL);
    CHECK_INT(system("rm -rf '" DIR_ "' && mkdir -p '" DRIVE "'"), 0);
    CHECK_INT(ctl("keys new --public pals.pub --secret pals.secret"), 0);
    CHECK_INT(ctl("keys new --public other.pub --secret other.secret"), 0);
    kiosk = outbox_open(DIR_ "/outbox.db", DIR_ "/pals.pub");
    CHECK_INT(outbox_status(kiosk), OUTBOX_OK);
    submit(0, "Zebedee Quartermaine waited three hours.");
    submit(1, "Second concern");
    submit(2, "Third concern");

    /* Nothing collected yet. */
    OutboxCounts n;
    CHECK_INT(outbox_counts(kiosk, &n), 0);
    CHECK_INT(n.pending, 3);
    CHECK_INT(n.collected, 0);
    CHECK_STR(n.last_collected, "");

    /* A folder that is not there: a plain message, nothing marked. */
    OutboxCollection col;
    CHECK_INT(outbox_collect(kiosk, DIR_ "/no-drive", "main-entrance", "Main entrance", &col),
              -1);
    CHECK_CONTAINS(err_msg(), "could not write the collection to " DIR_ "/no-drive");
    CHECK_CONTAINS(err_msg(), "nothing was marked collected");
    CHECK_INT(outbox_counts(kiosk, &n), 0);
    CHECK_INT(n.collected, 0);

    /* Collect: one file on the drive, sealed: no typed words in it. */
    CHECK_INT(outbox_collect(kiosk, DRIVE, "main-entrance", "Main entrance", &col), 0);
    CHECK_INT(col.count, 3);
    CHECK(strstr(col.file, DRIVE "/signpost-collection-main-entrance-") == col.file);
    size_t len = 0;
    unsigned char *bytes = tl_slurp(col.file, &len);
    CHECK(bytes && len > 0);
    CHECK(!tl_contains(bytes, len, "Zebedee"));
    CHECK(!tl_contains(bytes, len, "Quartermaine"));
    free(bytes);
    CHECK_INT(outbox_counts(kiosk, &n), 0);
    CHECK_INT(n.pending, 3); /* still here until a receipt proves them opened */
    CHECK_INT(n.collected, 3);
    CHECK(n.last_collected[0] != '\0');

    /* A fourth concern after the collection. */
    submit(3, "After the collection");

    /* PALS open it with the wrong key: nothing opened, so nothing proven. */
    char cmd[2048];
    snprintf(cmd, sizeof cmd,
             "concerns open-collection '%s' --secret-key other.secret --format csv -o "
             "wrong.csv --receipt wrong.receipt",
             col.file);
    CHECK_INT(ctl(cmd), 1);
    CHECK_CONTAINS(out_text, "3 concerns could not be opened with this secret key");

    /* With the right key: the export and the receipt. */
    snprintf(cmd, sizeof cmd,
             "concerns open-collection '%s' --secret-key pals.secret --format csv -o "
             "concerns.csv --receipt pals.receipt",
             col.file);
    CHECK_INT(ctl(cmd), 0);
    CHECK_CONTAINS(out_text, "receipt pals.receipt proves 3 concerns opened");
    char *csv = slurp_text(DIR_ "/concerns.csv");
    CHECK(csv && strncmp(csv, "\xEF\xBB\xBFreference,", 13) == 0);
    CHECK_CONTAINS(csv, "Zebedee Quartermaine waited three hours.");
    CHECK_CONTAINS(csv, ",Ward 7 (Respiratory),");
    CHECK_CONTAINS(csv, ",Main entrance,");
    free(csv);
    char *receipt = slurp_text(DIR_ "/pals.receipt");
    CHECK(receipt != NULL);
    CHECK(receipt && strncmp(receipt, "signpost-receipt 1\nkiosk main-entrance\n", 38) == 0);
    CHECK_CONTAINS(receipt, refs[0]);
    CHECK_CONTAINS(receipt, "\nend 3\n");
    CHECK(receipt && !strstr(receipt, refs[3]));
    CHECK(receipt && !strstr(receipt, "Zebedee"));
    OutboxReceipt r;
    CHECK_INT(outbox_receipt_parse(receipt ? receipt : "", receipt ? strlen(receipt) : 0,
                                   "pals.receipt", &r),
              0);
    CHECK_INT((int)r.n, 3);
    CHECK_STR(r.kiosk, "main-entrance");
    /* Opening the same collection again (a lost export) is allowed. */
    snprintf(cmd, sizeof cmd,
             "concerns open-collection '%s' --secret-key pals.secret --format json -o "
             "again.json --receipt again.receipt",
             col.file);
    CHECK_INT(ctl(cmd), 0);
    CHECK_CONTAINS(out_text, "proves 3 concerns opened");

    /* Forged: one token changed. Nothing is deleted. */
    char *forged = receipt ? strdup(receipt) : NULL;
    char *line = forged ? strstr(forged, "concern ") : NULL;
    if (line) {
        char *tok = strchr(line + 8, ' ') + 1;
        tok[0] = tok[0] == 'a' ? 'b' : 'a';
    }
    OutboxConfirm done;
    CHECK_INT(outbox_confirm(kiosk, receipt_file("forged.receipt", forged ? forged : ""),
                             "main-entrance", &done),
              -1);
    CHECK_CONTAINS(err_msg(), "does not match the one sealed in it");
    CHECK_CONTAINS(err_msg(), "nothing was deleted");
    CHECK_INT(outbox_pending(kiosk), 4);
    free(forged);

    /* Cut short: no end line. Nothing is deleted. */
    char *cut = receipt ? strdup(receipt) : NULL;
    char *end = cut ? strstr(cut, "end 3") : NULL;
    if (end)
        *end = '\0';
    CHECK_INT(outbox_confirm(kiosk, receipt_file("cut.receipt", cut ? cut : ""),
                             "main-entrance", &done),
              -1);
    CHECK_CONTAINS(err_msg(), "cut short");
    CHECK_INT(outbox_pending(kiosk), 4);
    /* A line dropped but the count kept: damaged. */
    char *dropped = receipt ? strdup(receipt) : NULL;
    char *second = dropped ? strstr(strstr(dropped, "concern ") + 1, "concern ") : NULL;
    if (second) {
        char *nl = strchr(second, '\n');
        memmove(second, nl + 1, strlen(nl + 1) + 1);
    }
    CHECK_INT(outbox_confirm(kiosk, receipt_file("dropped.receipt", dropped ? dropped : ""),
                             "main-entrance", &done),
              -1);
    CHECK_CONTAINS(err_msg(), "says 3 concern lines but has 2");
    CHECK_INT(outbox_pending(kiosk), 4);
    free(dropped);
    free(cut);

    /* Another kiosk's receipt. */
    CHECK_INT(outbox_confirm(kiosk, DIR_ "/pals.receipt", "riverside-entrance", &done), -1);
    CHECK_CONTAINS(err_msg(), "is for the kiosk 'main-entrance', not this one");
    CHECK_INT(outbox_pending(kiosk), 4);
    /* Not a receipt at all. */
    CHECK_INT(outbox_confirm(kiosk, receipt_file("junk.receipt", "hello\n"), "main-entrance",
                             &done),
              -1);
    CHECK_CONTAINS(err_msg(), "junk.receipt:1: expected a 'signpost-receipt' line");

    /* The real receipt: exactly the three collected go; the fourth stays. */
    CHECK_INT(outbox_confirm(kiosk, DIR_ "/pals.receipt", "main-entrance", &done), 0);
    CHECK_INT(done.purged, 3);
    CHECK_INT(done.absent, 0);
    CHECK_INT(outbox_pending(kiosk), 1);
    CHECK_INT(outbox_counts(kiosk, &n), 0);
    CHECK_INT(n.collected, 0);
    /* Again: nothing more to delete, and the fourth still stays. */
    CHECK_INT(outbox_confirm(kiosk, DIR_ "/pals.receipt", "main-entrance", &done), 0);
    CHECK_INT(done.purged, 0);
    CHECK_INT(done.absent, 3);
    CHECK_INT(outbox_pending(kiosk), 1);
    outbox_close(kiosk);
    kiosk = NULL;
    /* The deleted concerns' bytes are gone from the outbox (secure delete, VACUUM). */
    bytes = tl_slurp(DIR_ "/outbox.db", &len);
    CHECK(bytes && !tl_contains(bytes, len, refs[0]));
    CHECK(bytes && tl_contains(bytes, len, refs[3]));
    free(bytes);
    free(receipt);
    outbox_receipt_release(&r);

    /* The command line does the same on an outbox file (trusts that copy the outbox). */
    CHECK_INT(ctl("concerns open-collection outbox.db --secret-key pals.secret --format fhir "
                  "-o last.json --receipt last.receipt"),
              0);
    char *last = slurp_text(DIR_ "/last.receipt");
    char *tok = last ? strstr(last, refs[3]) : NULL;
    if (tok)
        tok[10] = tok[10] == 'a' ? 'b' : 'a'; /* the token's first character */
    receipt_file("last-forged.receipt", last ? last : "");
    free(last);
    CHECK_INT(ctl("concerns confirm --outbox outbox.db --receipt last-forged.receipt"), 1);
    CHECK_CONTAINS(out_text, "nothing was deleted");
    CHECK_INT(ctl("concerns confirm --outbox outbox.db --receipt last.receipt"), 0);
    CHECK_CONTAINS(out_text, "deleted 1 concern the receipt proves PALS opened");
}

/* An outbox made before receipts (version 1) is brought up to version 2; its old
 * concern has no token, so a receipt cannot prove it and it is never deleted that way. */
static void test_version_1(void)
{
    log_set_sink(NULL, NULL);
    const char *path = DIR_ "/v1.db";
    tl_remove_outbox(path);
    unsigned char sk[OUTBOX_KEY_BYTES];
    tl_make_keys(DIR_ "/v1.pub", sk);
    /* An old kiosk's file, with one old concern sealed to the key. */
    sqlite3 *db = NULL;
    CHECK_INT(sqlite3_open(path, &db), SQLITE_OK);
    unsigned char pk[OUTBOX_KEY_BYTES];
    crypto_scalarmult_base(pk, sk);
    char old_ref[OUTBOX_REF_MAX], old_json[256];
    outbox_make_reference(old_ref);
    int json_len = snprintf(old_json, sizeof old_json,
                            "{\"version\":1,\"reference\":\"%s\",\"submitted_at\":"
                            "\"2026-01-01T10:00:00Z\",\"kiosk\":\"main-entrance\",\"what\":"
                            "\"An old concern\"}",
                            old_ref);
    unsigned char box[256 + crypto_box_SEALBYTES];
    crypto_box_seal(box, (const unsigned char *)old_json, (unsigned long long)json_len, pk);
    CHECK_INT(sqlite3_exec(db,
                           "PRAGMA application_id=1397769039; PRAGMA user_version=1; "
                           "CREATE TABLE concern(id INTEGER PRIMARY KEY, reference TEXT UNIQUE "
                           "NOT NULL, created_at TEXT NOT NULL, sealed BLOB NOT NULL, "
                           "exported_at TEXT)",
                           NULL, NULL, NULL),
              SQLITE_OK);
    sqlite3_stmt *st = NULL;
    sqlite3_prepare_v2(db, "INSERT INTO concern(reference, created_at, sealed) VALUES(?2, "
                           "'2026-01-01T10:00:00Z', ?1)",
                       -1, &st, NULL);
    sqlite3_bind_blob(st, 1, box, json_len + crypto_box_SEALBYTES, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, old_ref, -1, SQLITE_STATIC);
    CHECK_INT(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    sqlite3_close(db);

    kiosk = outbox_open(path, DIR_ "/v1.pub");
    CHECK_INT(outbox_status(kiosk), OUTBOX_OK);
    CHECK_INT(outbox_pending(kiosk), 1);
    submit(0, "A new concern");
    OutboxCollection col;
    CHECK_INT(outbox_collect(kiosk, DRIVE, "main-entrance", NULL, &col), 0);
    CHECK_INT(col.count, 2);
    char key_hex[2 * OUTBOX_KEY_BYTES + 2];
    sodium_bin2hex(key_hex, sizeof key_hex - 1, sk, sizeof sk);
    strcat(key_hex, "\n");
    FILE *f = fopen(DIR_ "/v1.secret", "w");
    if (f) {
        fputs(key_hex, f);
        fclose(f);
    }
    chmod(DIR_ "/v1.secret", 0600);
    char cmd[2048];
    snprintf(cmd, sizeof cmd,
             "concerns open-collection '%s' --secret-key v1.secret --format json -o v1.json "
             "--receipt v1.receipt",
             col.file);
    CHECK_INT(ctl(cmd), 0);
    char expect[128];
    snprintf(expect, sizeof expect, "concern %s was sealed before receipts", old_ref);
    CHECK_CONTAINS(out_text, expect);
    CHECK_CONTAINS(out_text, "proves 1 concern opened");
    OutboxConfirm done;
    CHECK_INT(outbox_confirm(kiosk, DIR_ "/v1.receipt", "main-entrance", &done), 0);
    CHECK_INT(done.purged, 1);
    CHECK_INT(outbox_pending(kiosk), 1); /* the old one stays */
    outbox_close(kiosk);
    kiosk = NULL;
}

int main(void)
{
    TEST_RUN(test_round_trip);
    TEST_RUN(test_version_1);
    return TEST_REPORT();
}
