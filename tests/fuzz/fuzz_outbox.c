/* fuzz_outbox.c: fuzz target for reading an outbox for export (app/outbox, staff side):
 * the file PALS staff copy from a kiosk, which must be treated as hostile. Each input
 * becomes an outbox file in a temporary folder (fuzz_tmp_put_db(): an SQLite file as it
 * is, or edits to a valid outbox made once, holding two concerns sealed to a fixed key
 * pair) and is listed (outbox_list), exported with the secret key (outbox_export, to
 * /dev/null, as CSV, JSON or FHIR by the input's length) and now and then purged
 * (outbox_purge). It must never crash: a refusal with a message, or concerns counted as
 * unreadable, is the expected outcome. The model also holds Friends and Family Test
 * answers, a sealed comment and usage figures, read by feedback export (nhs-monthly and
 * the comments) and usage export, and by what the PALS report reads (the concerns'
 * facts with the key, the answers per day). */
#include "fuzz.h"

#include "concern.h"
#include "fuzz_tmp.h"
#include "outbox.h"
#include "usage.h"

#include <sodium.h>

static unsigned char model_sk[OUTBOX_KEY_BYTES];
static unsigned char *model;
static size_t model_len;

/* Makes the valid outbox the edits apply to. */
static void setup(const char *dir)
{
    unsigned char pk[OUTBOX_KEY_BYTES], seed[crypto_box_SEEDBYTES] = {42};
    if (sodium_init() < 0 || crypto_box_seed_keypair(pk, model_sk, seed) != 0)
        abort();
    char key[512], db[512];
    snprintf(key, sizeof key, "%s/pals.key", dir);
    snprintf(db, sizeof db, "%s/model.db", dir);
    if (outbox_key_write(key, pk, false) != 0)
        abort();
    Outbox *ob = outbox_open(db, key);
    if (!ob || outbox_status(ob) != OUTBOX_OK)
        abort();
    for (int i = 0; i < 2; i++) {
        Concern c;
        concern_init(&c);
        c.who = WHO_ME;
        c.category = "appointments";
        c.when = (CivilDate){2026, 4, 2};
        strbuf_adds(&c.what, i ? "The \"letter\", came late;\nsee =SUM(A1)" : "Waited long.");
        strbuf_adds(&c.outcome, "An apology.");
        c.contact = CONTACT_PHONE;
        strbuf_adds(&c.name, "Si\xc3\xa2n Test");
        strbuf_adds(&c.phone, "01632 960123");
        c.consent_to_share = true;
        char ref[OUTBOX_REF_MAX];
        if (outbox_submit(ob, &c, "entrance", NULL, ref) != OUTBOX_OK)
            abort();
        concern_clear(&c);
    }
    if (outbox_feedback(ob, FFT_GOOD, "2026-11-22", "Kind \"staff\", =1+1") != OUTBOX_OK ||
        outbox_feedback(ob, FFT_POOR, "2026-12-01", NULL) != OUTBOX_OK)
        abort();
    Usage *u = usage_new();
    usage_set_today(u, "2026-11-22");
    usage_count_item(u, "screen", "find");
    usage_search_empty(u, "xyzzy");
    usage_session_end(u);
    if (usage_flush(u, ob, 1) != 0)
        abort();
    usage_free(u);
    outbox_close(ob);
    model = fuzz_tmp_slurp(db, &model_len);
    if (!model)
        abort();
}

static int on_entry(void *user, const OutboxEntry *e)
{
    (void)user;
    (void)e;
    return 0;
}

static int on_fact(void *user, const OutboxConcernFacts *f)
{
    (void)user;
    if (!f->day || strlen(f->day) != 10)
        abort(); /* a day is always a date's length */
    return 0;
}

static int on_day(void *user, const char *day, const long counts[6])
{
    (void)user;
    (void)counts;
    if (strlen(day) != 10)
        abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *dir = fuzz_tmp_dir("outbox");
    if (!model)
        setup(dir);
    char path[512];
    snprintf(path, sizeof path, "%s/outbox.db", dir);
    fuzz_tmp_put_db(path, model, model_len, data, size);
    outbox_list(path, on_entry, NULL);
    /* The report's reading: each concern opened for its subject and place. */
    int unreadable = 0;
    int facts = outbox_concern_facts(path, size % 2 ? model_sk : NULL, NULL, NULL, on_fact,
                                     NULL, &unreadable);
    int days = outbox_feedback_days(path, "2026-01-01", "2026-12-31", on_day, NULL);
    if (size == 0 && (facts != 2 || days < 1))
        abort();
    FILE *out = fopen("/dev/null", "w");
    if (!out)
        abort();
    static const OutboxFormat formats[] = {OUTBOX_CSV, OUTBOX_JSON, OUTBOX_FHIR};
    OutboxExport ex = {.format = formats[size % 3], .all = size % 2 == 0};
    int rc = outbox_export(path, model_sk, out, &ex);
    fclose(out);
    if (size == 0 && (rc != 0 || ex.exported != 2))
        abort(); /* the model itself must export: else the target tests nothing */
    /* The feedback and the usage figures, read as staff read them. */
    if ((out = fopen("/dev/null", "w")) == NULL)
        abort();
    int fb = outbox_feedback_nhs_monthly(path, out);
    int comments = 0;
    fb |= outbox_feedback_export(path, model_sk, formats[(size / 3) % 3], NULL, out, &comments);
    fb |= usage_export(path, "2026-01-01", NULL, size % 2 == 1, out);
    fclose(out);
    if (size == 0 && (fb != 0 || comments != 1))
        abort();
    if (size % 4 == 1) { /* now and then: a purge (VACUUM) rewrites the whole file */
        int deleted = 0;
        outbox_purge(path, &deleted);
    }
    return 0;
}
