/* outbox_receipt.c: the receipt PALS bring back to the kiosk (see outbox.h for the
 * format): a strict line parser, since a receipt decides what is deleted. Anything
 * unexpected (a missing or repeated header line, a bad reference or token, a count
 * that does not match, text after the end line) refuses the whole receipt. */
#include "outbox.h"
#include "outbox_internal.h"

#include "err.h"
#include "mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { RECEIPT_MAX_LINES = 1000000 };

/* The next line of text from *pos (without its \n) into line; false at the end. A line
 * longer than cap is cut and flagged. */
static bool next_line(const char *text, size_t len, size_t *pos, char *line, size_t cap,
                      bool *too_long)
{
    if (*pos >= len)
        return false;
    size_t start = *pos, end = start;
    while (end < len && text[end] != '\n')
        end++;
    size_t n = end - start;
    *too_long = n >= cap;
    if (n >= cap)
        n = cap - 1;
    memcpy(line, text + start, n);
    line[n] = '\0';
    if (n > 0 && line[n - 1] == '\r')
        line[n - 1] = '\0';
    *pos = end < len ? end + 1 : end;
    return true;
}

/* "word value": the value after word and one space, or NULL. */
static const char *after(const char *line, const char *word)
{
    size_t n = strlen(word);
    return strncmp(line, word, n) == 0 && line[n] == ' ' && line[n + 1] ? line + n + 1 : NULL;
}

static bool blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\r')
            return false;
    return true;
}

static bool token_ok(const char *t)
{
    if (strlen(t) != 32)
        return false;
    for (; *t; t++)
        if (!((*t >= '0' && *t <= '9') || (*t >= 'a' && *t <= 'f')))
            return false;
    return true;
}

int outbox_receipt_parse(const char *text, size_t len, const char *name, OutboxReceipt *r)
{
    memset(r, 0, sizeof *r);
    size_t pos = 0, cap = 0;
    char line[512];
    bool too_long = false, ended = false;
    int no = 0;
    /* The four header lines, in order. */
    static const char *const head[] = {"signpost-receipt", "kiosk", "collection", "opened"};
    for (int h = 0; h < 4; h++) {
        no++;
        if (!next_line(text, len, &pos, line, sizeof line, &too_long))
            return err_set("receipt %s: it ends at line %d, before its '%s' line; it may have "
                           "been cut short",
                           name, no, head[h]);
        const char *v = after(line, head[h]);
        if (too_long || !v)
            return err_set("receipt %s:%d: expected a '%s' line; this is not a Signpost "
                           "receipt, or it is damaged",
                           name, no, head[h]);
        if (h == 0 && strcmp(v, "1") != 0)
            return err_set("receipt %s:1: it is version '%s'; this kiosk reads version 1",
                           name, v);
        if (h == 1)
            snprintf(r->kiosk, sizeof r->kiosk, "%s", strcmp(v, "-") == 0 ? "" : v);
        if (h == 2)
            snprintf(r->collection, sizeof r->collection, "%s", v);
        if (h == 3)
            snprintf(r->opened, sizeof r->opened, "%s", v);
    }
    while (next_line(text, len, &pos, line, sizeof line, &too_long)) {
        no++;
        if (ended) {
            if (!blank(line)) {
                outbox_receipt_release(r);
                return err_set("receipt %s:%d: text after the 'end' line; it is damaged",
                               name, no);
            }
            continue;
        }
        const char *v;
        if (!too_long && (v = after(line, "concern")) != NULL) {
            char ref[OUTBOX_REF_MAX + 8], token[64];
            char rest;
            if (sscanf(v, "%15s %63s %c", ref, token, &rest) != 2 ||
                !outbox_reference_valid(ref) || !token_ok(token)) {
                outbox_receipt_release(r);
                return err_set("receipt %s:%d: a concern line must be a reference and a "
                               "32-character token; this one is damaged",
                               name, no);
            }
            if (r->n >= RECEIPT_MAX_LINES ||
                mem_grow((void **)&r->lines, &cap, r->n + 1, sizeof *r->lines) != 0) {
                outbox_receipt_release(r);
                return err_set("receipt %s: too many lines, or out of memory", name);
            }
            memcpy(r->lines[r->n].reference, ref, strlen(ref) + 1); /* valid: 9 characters */
            memcpy(r->lines[r->n].token, token, 33);
            r->n++;
        } else if (!too_long && (v = after(line, "end")) != NULL) {
            char *endp = NULL;
            unsigned long count = strtoul(v, &endp, 10);
            if (!endp || *endp || v[0] < '0' || v[0] > '9' || count != r->n) {
                size_t had = r->n;
                outbox_receipt_release(r);
                return err_set("receipt %s:%d: it says %s concern lines but has %zu; it is "
                               "damaged or was cut short",
                               name, no, v, had);
            }
            ended = true;
        } else {
            outbox_receipt_release(r);
            return err_set("receipt %s:%d: expected a 'concern' or 'end' line; it is damaged",
                           name, no);
        }
    }
    if (!ended) {
        outbox_receipt_release(r);
        return err_set("receipt %s: it has no 'end' line: it was cut short (copy it again "
                       "from the PALS computer)",
                       name);
    }
    return 0;
}

void outbox_receipt_release(OutboxReceipt *r)
{
    if (!r)
        return;
    mem_free(r->lines);
    r->lines = NULL;
    r->n = 0;
}
