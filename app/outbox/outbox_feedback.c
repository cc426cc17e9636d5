/* outbox_feedback.c: the Friends and Family Test in the outbox (see outbox.h). The
 * kiosk side adds one to the day's count for the answer and, when the person wrote
 * something, seals it (with the answer and the day) to the PALS key before anything is
 * written; the plain text is wiped at once. The staff side reads the counts by month
 * (no key: they are only numbers) and opens the comments with the secret key. */
#include "outbox.h"
#include "outbox_internal.h"

#include "concern.h"
#include "err.h"
#include "files.h"
#include "log.h"
#include "mem.h"
#include "strbuf.h"

#include <jansson.h>
#include <sodium.h>
#include <sqlite3.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const codes[FFT_ANSWERS] = {"very-good", "good", "neither",
                                                "poor",      "very-poor", "dont-know"};
static const char *const words[FFT_ANSWERS] = {"Very good", "Good", "Neither good nor poor",
                                                "Poor",      "Very poor", "Don't know"};

const char *fft_code(int answer)
{
    return answer >= 1 && answer <= FFT_ANSWERS ? codes[answer - 1] : NULL;
}

const char *fft_words(int answer)
{
    return answer >= 1 && answer <= FFT_ANSWERS ? words[answer - 1] : NULL;
}

static int answer_of(const char *code)
{
    for (int i = 0; code && i < FFT_ANSWERS; i++)
        if (strcmp(codes[i], code) == 0)
            return i + 1;
    return 0;
}

/* True for "YYYY-MM-DD" (digits and hyphens in place). */
static bool day_valid(const char *day)
{
    if (!day || strlen(day) != 10 || day[4] != '-' || day[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (day[i] < '0' || day[i] > '9'))
            return false;
    return true;
}

/* ==== the kiosk side ==== */

/* The comment sealed: {"version":2,"questionnaire":"fft","day":..,"answer":..,"text":..,
 * "receipt_token":..}. *box gets a malloc'd box of *len bytes; the JSON is wiped; hash
 * gets the receipt token's hash (the token itself is only inside the box). 0 or -1. */
static int seal_comment(Outbox *ob, int answer, const char *day, const char *text,
                        unsigned char **box, size_t *len,
                        unsigned char hash[OUTBOX_TOKEN_HASH_BYTES])
{
    concern_json_wipe_freed();
    unsigned char token[OUTBOX_TOKEN_BYTES];
    char token_hex[OUTBOX_TOKEN_HEX];
    randombytes_buf(token, sizeof token);
    sodium_bin2hex(token_hex, sizeof token_hex, token, sizeof token);
    outbox_token_hash(token, hash);
    sodium_memzero(token, sizeof token);
    json_t *o = json_pack("{s:i, s:s, s:s, s:s, s:s, s:s}", "version", 2, "questionnaire",
                          "fft", "day", day, "answer", fft_code(answer), "text", text,
                          "receipt_token", token_hex);
    sodium_memzero(token_hex, sizeof token_hex);
    char *json = o ? json_dumps(o, JSON_COMPACT) : NULL;
    json_decref(o);
    if (!json)
        return -1;
    size_t n = strlen(json);
    unsigned char *b = mem_alloc(n + crypto_box_SEALBYTES);
    int rc = b ? crypto_box_seal(b, (const unsigned char *)json, n, ob->public_key) : -1;
    mem_wipe(json, n);
    mem_free(json);
    if (rc != 0) {
        mem_free(b);
        return -1;
    }
    *box = b;
    *len = n + crypto_box_SEALBYTES;
    return 0;
}

OutboxStatus outbox_feedback(Outbox *ob, int answer, const char *day, const char *text)
{
    if (!ob || !fft_code(answer) || !day_valid(day))
        return OUTBOX_ERROR;
    if (!ob->db && outbox_reopen(ob) != OUTBOX_OK) {
        log_error("%s", ob->problem);
        return ob->status;
    }
    unsigned char *box = NULL, hash[OUTBOX_TOKEN_HASH_BYTES];
    size_t len = 0;
    if (text && text[0] && seal_comment(ob, answer, day, text, &box, &len, hash) != 0) {
        log_error("outbox %s: feedback could not be sealed", ob->path);
        return OUTBOX_ERROR;
    }
    sqlite3 *db = ob->db;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db,
                                "INSERT INTO fft_answer(day, answer, count) VALUES(?1, ?2, 1) "
                                "ON CONFLICT(day, answer) DO UPDATE SET count = count + 1",
                                -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, day, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 2, answer);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db);
    }
    sqlite3_finalize(st);
    st = NULL;
    if (rc == SQLITE_OK && box) {
        rc = sqlite3_prepare_v2(db, "INSERT INTO fft_text(sealed, token_hash) VALUES(?1, ?2)",
                                -1, &st, NULL);
        if (rc == SQLITE_OK) {
            sqlite3_bind_blob(st, 1, box, (int)len, SQLITE_STATIC);
            sqlite3_bind_blob(st, 2, hash, sizeof hash, SQLITE_STATIC);
            rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db);
        }
        sqlite3_finalize(st);
    }
    mem_free(box);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        log_error("outbox %s: feedback could not be stored: %s", ob->path, sqlite3_errmsg(db));
        if (!sqlite3_get_autocommit(db))
            sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        return (rc & 0xff) == SQLITE_FULL ? OUTBOX_FULL : OUTBOX_IO_ERROR;
    }
    log_info("feedback stored");
    return OUTBOX_OK;
}

int outbox_feedback_counts(Outbox *ob, const char *day, OutboxFeedbackCounts *counts)
{
    memset(counts, 0, sizeof *counts);
    sqlite3 *db = outbox_db(ob);
    if (!db)
        return -1;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db,
                                "SELECT (SELECT coalesce(sum(count), 0) FROM fft_answer WHERE "
                                "day = ?1), (SELECT count(*) FROM fft_text WHERE exported_at IS "
                                "NULL)",
                                -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, day ? day : "", -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
    }
    if (rc == SQLITE_ROW) {
        counts->today = sqlite3_column_int(st, 0);
        counts->comments = sqlite3_column_int(st, 1);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : -1;
}

/* ==== answers counted by period ==== */

int outbox_fft_periods(const char *path, size_t key_len, const char *from, const char *to,
                       int (*fn)(void *user, const char *period, const long counts[6]),
                       void *user)
{
    sqlite3 *db = outbox_staff_open(path);
    if (!db)
        return -1;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db,
                                "SELECT substr(day, 1, ?3) AS period, answer, sum(count) FROM "
                                "fft_answer WHERE answer BETWEEN 1 AND 6 AND day BETWEEN ?1 AND "
                                "?2 GROUP BY period, answer ORDER BY period, answer",
                                -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, from ? from : "0000-00-00", -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, to ? to : "9999-99-99", -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 3, (int)key_len);
    }
    int periods = 0;
    char period[16] = "";
    long counts[6] = {0};
    bool stop = false;
    while (rc == SQLITE_OK && !stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *k = (const char *)sqlite3_column_text(st, 0);
        int a = sqlite3_column_int(st, 1);
        long n = (long)sqlite3_column_int64(st, 2);
        if (!k || strlen(k) != key_len || a < 1 || a > 6 || n < 0) {
            rc = SQLITE_CORRUPT;
            break;
        }
        if (period[0] && strcmp(period, k) != 0) {
            periods++;
            stop = fn && fn(user, period, counts) != 0;
            memset(counts, 0, sizeof counts);
        }
        snprintf(period, sizeof period, "%s", k);
        counts[a - 1] += n;
        rc = SQLITE_OK;
    }
    if (rc == SQLITE_DONE && period[0] && !stop) {
        periods++;
        if (fn)
            fn(user, period, counts);
    }
    if (rc != SQLITE_DONE && !stop) {
        err_set("outbox %s: cannot read the feedback: %s", path,
                rc == SQLITE_CORRUPT ? "a day is not a date, or a count is negative"
                                     : sqlite3_errmsg(db));
        periods = -1;
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return periods;
}

/* ==== the staff side: monthly counts ==== */

int outbox_feedback_months(const char *path,
                           int (*fn)(void *user, const char *month, const long counts[6]),
                           void *user)
{
    return outbox_fft_periods(path, 7, NULL, NULL, fn, user);
}

static int month_row(void *user, const char *month, const long counts[6])
{
    FILE *out = user;
    long total = 0;
    fprintf(out, "%s", month);
    for (int i = 0; i < FFT_ANSWERS; i++) {
        fprintf(out, ",%ld", counts[i]);
        total += counts[i];
    }
    fprintf(out, ",%ld\r\n", total);
    return 0;
}

int outbox_feedback_nhs_monthly(const char *path, FILE *out)
{
    /* Read first, so a file that is not an outbox writes nothing. */
    if (outbox_feedback_months(path, NULL, NULL) < 0)
        return -1;
    fputs("Period", out);
    for (int i = 0; i < FFT_ANSWERS; i++)
        fprintf(out, ",%s", words[i]);
    fputs(",Total\r\n", out);
    if (outbox_feedback_months(path, month_row, out) < 0)
        return -1;
    if (fflush(out) != 0 || ferror(out))
        return err_set("cannot write the figures: %s", strerror(errno));
    return 0;
}

/* ==== the staff side: comments ==== */

/* One RFC 4180 field; a cell a spreadsheet would run as a formula gets a leading '. */
static int csv_cell(StrBuf *row, const char *s)
{
    bool quote = strpbrk(s, ",\"\r\n") || (s[0] && strchr("=+-@\t\r", s[0]));
    if (!quote)
        return strbuf_adds(row, s);
    int rc = strbuf_addc(row, '"');
    if (rc == 0 && s[0] && strchr("=+-@\t\r", s[0]))
        rc = strbuf_addc(row, '\'');
    for (const char *p = s; rc == 0 && *p; p++)
        rc = (*p == '"' ? strbuf_addc(row, '"') : 0) || strbuf_addc(row, *p);
    return rc == 0 ? strbuf_addc(row, '"') : rc;
}

static void uuid_urn(char out[48])
{
    unsigned char b[16];
    randombytes_buf(b, sizeof b);
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
    snprintf(out, 48,
             "urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
             b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12],
             b[13], b[14], b[15]);
}

/* The comment as a FHIR QuestionnaireResponse (anonymous: no subject, no author). */
static json_t *fft_response(const char *base, const char *day, int answer, const char *text)
{
    char questionnaire[640], system[640];
    snprintf(questionnaire, sizeof questionnaire, "%s/Questionnaire/signpost-fft|1", base);
    snprintf(system, sizeof system, "%s/CodeSystem/signpost-fft-answer", base);
    return json_pack("{s:s, s:s, s:s, s:s, s:[{s:s, s:s, s:[{s:{s:s, s:s, s:s}}]}, "
                     "{s:s, s:s, s:[{s:s}]}]}",
                     "resourceType", "QuestionnaireResponse", "questionnaire", questionnaire,
                     "status", "completed", "authored", day, "item", "linkId", "fft",
                     "text", "Overall, how was your experience of our service?", "answer",
                     "valueCoding", "system", system, "code", fft_code(answer), "display",
                     fft_words(answer), "linkId", "fft-reason", "text",
                     "Please tell us why you gave that answer", "answer", "valueString",
                     text);
}

/* Writing comments: the opening (begin), one comment (write_comment), the end (finish),
 * shared by the export from an outbox file and the central collection. */
typedef struct CommentWriter {
    OutboxFormat format;
    char base[512];              /* FHIR canonical base, no trailing '/' */
    char now[OUTBOX_TIME_MAX];
    unsigned char pk[crypto_box_PUBLICKEYBYTES];
    const unsigned char *sk;
    FILE *out;
    StrBuf row;                  /* wiped as it grows and when released */
    size_t written;
} CommentWriter;

static int comments_begin(CommentWriter *w, const unsigned char sk[OUTBOX_KEY_BYTES],
                          OutboxFormat format, const char *fhir_base, FILE *out)
{
    memset(w, 0, sizeof *w);
    if (sodium_init() < 0)
        return err_set("libsodium could not initialise");
    concern_json_wipe_freed();
    w->format = format;
    w->sk = sk;
    w->out = out;
    snprintf(w->base, sizeof w->base, "%s",
             fhir_base ? fhir_base : "https://northgate.example.org/fhir");
    for (size_t n = strlen(w->base); n > 0 && w->base[n - 1] == '/'; n--)
        w->base[n - 1] = '\0';
    outbox_time_now(w->now);
    crypto_scalarmult_base(w->pk, sk);
    strbuf_init(&w->row, 0);
    w->row.wipe = true;
    int r;
    if (format == OUTBOX_CSV)
        r = fputs("\xEF\xBB\xBF" "day,answer,comment\r\n", out) == EOF ? -1 : 0;
    else if (format == OUTBOX_JSON)
        r = fputs("[", out) == EOF ? -1 : 0;
    else
        r = fprintf(out, "{\"resourceType\":\"Bundle\",\"type\":\"collection\","
                         "\"timestamp\":\"%s\",\"entry\":[",
                    w->now) < 0
                ? -1
                : 0;
    return r == 0 ? 0 : err_set("cannot write the export: %s", strerror(errno));
}

/* Opens one sealed comment and writes it. *opened says whether the key opened it (when
 * not, it is logged without content and skipped); token (may be NULL) gets the receipt
 * token sealed inside, "" when it has none. 0, or -1 when the output failed. */
static int write_comment(CommentWriter *w, const unsigned char *box, size_t box_len,
                         const char *where, bool *opened, char token[OUTBOX_TOKEN_HEX])
{
    *opened = false;
    if (token)
        token[0] = '\0';
    json_t *c = NULL;
    char *plain = NULL;
    size_t len = box_len >= crypto_box_SEALBYTES ? box_len - crypto_box_SEALBYTES : 0;
    if (box && box_len >= crypto_box_SEALBYTES && (plain = mem_alloc(len + 1)) &&
        crypto_box_seal_open((unsigned char *)plain, box, box_len, w->pk, w->sk) == 0) {
        plain[len] = '\0';
        c = json_loadb(plain, len, JSON_REJECT_DUPLICATES, NULL);
    }
    const char *day = json_string_value(json_object_get(c, "day"));
    const char *text = json_string_value(json_object_get(c, "text"));
    const char *hex = json_string_value(json_object_get(c, "receipt_token"));
    int answer = answer_of(json_string_value(json_object_get(c, "answer")));
    int result = 0;
    if (!day || !text || !answer) {
        log_warn("%s: a feedback comment cannot be opened with this secret key; it stays "
                 "pending",
                 where);
    } else {
        OutboxFormat format = w->format;
        strbuf_reset(&w->row);
        if (format == OUTBOX_CSV) {
            int r = csv_cell(&w->row, day) || strbuf_addc(&w->row, ',') ||
                    csv_cell(&w->row, fft_words(answer)) || strbuf_addc(&w->row, ',') ||
                    csv_cell(&w->row, text) || strbuf_adds(&w->row, "\r\n");
            result = r ? -1 : 0;
        } else if (format == OUTBOX_JSON) {
            result = strbuf_adds(&w->row, w->written ? ",\n" : "\n") ||
                             strbuf_add(&w->row, plain, len)
                         ? -1
                         : 0;
        } else {
            char urn[48];
            uuid_urn(urn);
            json_t *e = json_pack("{s:s, s:o}", "fullUrl", urn, "resource",
                                  fft_response(w->base, day, answer, text));
            char *t = e ? json_dumps(e, JSON_COMPACT) : NULL;
            json_decref(e);
            result = !t || strbuf_adds(&w->row, w->written ? ",\n" : "\n") ||
                             strbuf_adds(&w->row, t)
                         ? -1
                         : 0;
            if (t) {
                mem_wipe(t, strlen(t));
                mem_free(t);
            }
        }
        if (result != 0)
            result = err_set("out of memory writing the export");
        else if (fwrite(w->row.buf, 1, w->row.len, w->out) != w->row.len)
            result = err_set("cannot write the export: %s", strerror(errno));
        if (result == 0) {
            *opened = true;
            w->written++;
            if (token && hex && strlen(hex) == 2 * OUTBOX_TOKEN_BYTES)
                snprintf(token, OUTBOX_TOKEN_HEX, "%s", hex);
        }
    }
    json_decref(c);
    if (plain) {
        mem_wipe(plain, len + 1);
        mem_free(plain);
    }
    return result;
}

/* Ends the output, flushes it and syncs it when it is a file. 0 or -1. */
static int comments_finish(CommentWriter *w)
{
    int result = 0;
    if (w->format == OUTBOX_JSON)
        result = fputs(w->written ? "\n]\n" : "]\n", w->out) == EOF ? -1 : 0;
    else if (w->format == OUTBOX_FHIR)
        result = fputs(w->written ? "\n]}\n" : "]}\n", w->out) == EOF ? -1 : 0;
    if (result != 0 || fflush(w->out) != 0 || ferror(w->out))
        return err_set("cannot write the export: %s", strerror(errno));
    struct stat sb;
    if (fstat(fileno(w->out), &sb) == 0 && S_ISREG(sb.st_mode) && fsync(fileno(w->out)) != 0)
        return err_set("cannot write the export to the disk: %s", strerror(errno));
    return 0;
}

static void comments_release(CommentWriter *w)
{
    strbuf_release(&w->row);
    sodium_memzero(w->pk, sizeof w->pk);
}

int outbox_feedback_export_sealed(const OutboxSealed *items, size_t n,
                                  const unsigned char secret_key[OUTBOX_KEY_BYTES],
                                  OutboxFormat format, const char *fhir_base, FILE *out,
                                  OutboxOpened *opened, int *exported, int *unreadable,
                                  int *unproven)
{
    *exported = *unreadable = *unproven = 0;
    CommentWriter w;
    int result = comments_begin(&w, secret_key, format, fhir_base, out);
    for (size_t i = 0; result == 0 && i < n; i++) {
        OutboxOpened *o = &opened[i];
        memset(o, 0, sizeof *o);
        result = write_comment(&w, items[i].sealed, items[i].sealed_len, "the central inbox",
                               &o->opened, o->token);
        if (result != 0)
            break;
        if (!o->opened) {
            (*unreadable)++;
            continue;
        }
        o->proven = items[i].token_hash &&
                    outbox_token_matches(o->token, items[i].token_hash,
                                         (int)items[i].token_hash_len);
        if (!o->proven) {
            sodium_memzero(o->token, sizeof o->token);
            (*unproven)++;
        }
    }
    if (result == 0)
        result = comments_finish(&w);
    if (result == 0)
        *exported = (int)w.written;
    comments_release(&w);
    return result;
}

int outbox_feedback_export(const char *path, const unsigned char secret_key[OUTBOX_KEY_BYTES],
                           OutboxFormat format, const char *fhir_base, FILE *out, int *exported)
{
    *exported = 0;
    if (sodium_init() < 0)
        return err_set("libsodium could not initialise");
    sqlite3 *db = outbox_staff_open(path);
    if (!db)
        return -1;
    char where[1100];
    snprintf(where, sizeof where, "outbox %s", path);
    CommentWriter w;
    sqlite3_int64 *ids = NULL;
    size_t nids = 0, cap = 0;
    int unreadable = 0;
    int result = comments_begin(&w, secret_key, format, fhir_base, out);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db,
                                "SELECT id, sealed FROM fft_text WHERE exported_at IS NULL "
                                "ORDER BY id",
                                -1, &st, NULL);
    if (result == 0 && rc != SQLITE_OK)
        result = err_set("outbox %s: cannot read it: %s", path, sqlite3_errmsg(db));
    while (result == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        bool opened = false;
        result = write_comment(&w, sqlite3_column_blob(st, 1),
                               (size_t)sqlite3_column_bytes(st, 1), where, &opened, NULL);
        if (result == 0 && !opened)
            unreadable++;
        else if (result == 0 && mem_grow((void **)&ids, &cap, nids + 1, sizeof *ids) == 0)
            ids[nids++] = sqlite3_column_int64(st, 0);
    }
    if (result == 0 && rc != SQLITE_DONE)
        result = err_set("outbox %s: cannot read it: %s", path, sqlite3_errmsg(db));
    sqlite3_finalize(st);
    st = NULL;
    if (result == 0)
        result = comments_finish(&w);
    /* Only once it is all written are the comments marked exported. */
    if (result == 0 && nids > 0) {
        rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
        if (rc == SQLITE_OK)
            rc = sqlite3_prepare_v2(db, "UPDATE fft_text SET exported_at = ?1 WHERE id = ?2", -1,
                                    &st, NULL);
        for (size_t i = 0; rc == SQLITE_OK && i < nids; i++) {
            sqlite3_bind_text(st, 1, w.now, -1, SQLITE_STATIC);
            sqlite3_bind_int64(st, 2, ids[i]);
            rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db);
            sqlite3_reset(st);
        }
        sqlite3_finalize(st);
        if (rc == SQLITE_OK)
            rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
        if (rc != SQLITE_OK) {
            result = err_set("outbox %s: the comments were written, but marking them exported "
                             "failed: %s",
                             path, sqlite3_errmsg(db));
            if (!sqlite3_get_autocommit(db))
                sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        }
    }
    if (result == 0)
        *exported = (int)nids;
    if (result == 0 && unreadable)
        result = err_set("outbox %s: %d feedback comment%s could not be opened with this key",
                         path, unreadable, unreadable == 1 ? "" : "s");
    mem_free(ids);
    comments_release(&w);
    sqlite3_close(db);
    return result;
}
