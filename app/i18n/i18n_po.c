/* i18n_po.c: measures a .po catalogue against strings.def (see i18n_po.h). A small
 * line reader for the parts of the PO format Signpost's catalogues use: comments,
 * msgctxt, msgid, msgid_plural, msgstr and msgstr[N], each with "..." continuations. */
#include "i18n_po.h"

#include "err.h"
#include "files.h"
#include "i18n.h"
#include "mem.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

enum { FIELD_MAX = 4096, PO_FILE_MAX = 8 * 1024 * 1024 };

typedef enum Field { F_NONE, F_CTXT, F_ID, F_PLURAL, F_STR } Field;

typedef struct Entry {
    char ctxt[FIELD_MAX], id[FIELD_MAX], plural[FIELD_MAX];
    size_t nctxt, nid, nplural;
    bool has_id, has_str, str_empty, review, fuzzy;
} Entry;

typedef struct Reader {
    Entry e;
    Field field;
    bool *seen;
    I18nPoStatus *st;
} Reader;

/* Appends the "..." string at s (unescaping \n \t \" \\) to buf. Returns false when s
 * is not one quoted string. */
static bool append_quoted(const char *s, const char *end, char *buf, size_t *n)
{
    while (s < end && (*s == ' ' || *s == '\t'))
        s++;
    if (s >= end || *s != '"')
        return false;
    for (s++; s < end && *s != '"'; s++) {
        char c = *s;
        if (c == '\\') {
            if (++s >= end)
                return false;
            c = *s == 'n' ? '\n' : *s == 't' ? '\t' : *s;
        }
        if (*n + 1 < FIELD_MAX)
            buf[(*n)++] = c;
    }
    if (s >= end)
        return false;
    for (s++; s < end; s++)
        if (*s != ' ' && *s != '\t' && *s != '\r')
            return false;
    buf[*n] = '\0';
    return true;
}

static void finish(Reader *r)
{
    Entry *e = &r->e;
    if (e->has_id && e->nid > 0) {
        int match = -1;
        for (int i = 0; i < S_COUNT; i++) {
            if (strcmp(tr_name((StrId)i), e->ctxt) != 0 || strcmp(tr_english((StrId)i), e->id) != 0)
                continue;
            if (tr_is_plural((StrId)i) != (e->nplural > 0))
                continue;
            if (e->nplural && strcmp(tr_plural_en((StrId)i), e->plural) != 0)
                continue;
            match = i;
        }
        if (e->fuzzy)
            r->st->fuzzy++;
        if (match < 0 || r->seen[match]) {
            r->st->unused++;
        } else if (e->has_str && !e->str_empty && !e->fuzzy) {
            r->seen[match] = true;
            r->st->translated++;
            if (e->review)
                r->st->needs_review++;
        }
    }
    memset(e, 0, sizeof *e);
    r->field = F_NONE;
}

/* The header's msgstr: picks out "Language: xx". */
static void header_language(const char *msgstr, I18nPoStatus *st)
{
    const char *l = strstr(msgstr, "Language: ");
    if (!l)
        return;
    l += strlen("Language: ");
    size_t n = strcspn(l, "\n");
    if (n >= sizeof st->language)
        n = sizeof st->language - 1;
    memcpy(st->language, l, n);
    st->language[n] = '\0';
}

static bool contains(const char *s, const char *end, const char *word)
{
    size_t n = strlen(word);
    for (; (size_t)(end - s) >= n; s++)
        if (memcmp(s, word, n) == 0)
            return true;
    return false;
}

static bool starts(const char *s, const char *end, const char *word)
{
    size_t n = strlen(word);
    return (size_t)(end - s) >= n && memcmp(s, word, n) == 0;
}

int i18n_po_status_text(const char *text, size_t len, const char *name, I18nPoStatus *st)
{
    memset(st, 0, sizeof *st);
    st->strings = S_COUNT;
    Reader *r = mem_zalloc(sizeof *r);
    bool *seen = mem_zalloc_array(S_COUNT, sizeof *seen);
    char *str = mem_alloc(FIELD_MAX);
    if (!r || !seen || !str) {
        mem_free(r);
        mem_free(seen);
        mem_free(str);
        return err_set("%s: out of memory", name);
    }
    r->seen = seen;
    r->st = st;
    size_t nstr = 0;
    int rc = 0, line = 0;
    const char *p = text, *stop = text + len;
    while (p < stop && rc == 0) {
        const char *eol = memchr(p, '\n', (size_t)(stop - p));
        const char *end = eol ? eol : stop;
        line++;
        const char *s = p;
        p = eol ? eol + 1 : stop;
        if (end > s && end[-1] == '\r')
            end--;
        Entry *e = &r->e;
        bool ok = true;
        if (s == end) {
            finish(r);
        } else if (*s == '#') {
            if (r->field != F_NONE)
                finish(r);
            if (starts(s, end, "# needs-review"))
                e->review = true;
            else if (starts(s, end, "#,") && contains(s, end, "fuzzy"))
                e->fuzzy = true;
        } else if (starts(s, end, "msgctxt ")) {
            if (r->field != F_NONE)
                finish(r);
            r->field = F_CTXT;
            ok = append_quoted(s + 8, end, r->e.ctxt, &r->e.nctxt);
        } else if (starts(s, end, "msgid_plural ")) {
            r->field = F_PLURAL;
            ok = e->has_id && append_quoted(s + 13, end, e->plural, &e->nplural);
        } else if (starts(s, end, "msgid ")) {
            if (r->field == F_STR || r->field == F_PLURAL || r->field == F_ID)
                finish(r);
            r->field = F_ID;
            r->e.has_id = true;
            ok = append_quoted(s + 6, end, r->e.id, &r->e.nid);
        } else if (starts(s, end, "msgstr")) {
            const char *q = s + 6;
            if (q < end && *q == '[') {
                while (q < end && *q != ']')
                    q++;
                q++;
            }
            bool first = !e->has_str;
            nstr = 0;
            ok = e->has_id && q <= end && append_quoted(q, end, str, &nstr);
            e->has_str = true;
            r->field = F_STR;
            if (ok && (first || nstr == 0))
                e->str_empty = nstr == 0;
            if (ok && e->nid == 0 && e->nctxt == 0)
                header_language(str, st);
        } else if (*s == '"') {
            switch (r->field) {
            case F_CTXT: ok = append_quoted(s, end, e->ctxt, &e->nctxt); break;
            case F_ID: ok = append_quoted(s, end, e->id, &e->nid); break;
            case F_PLURAL: ok = append_quoted(s, end, e->plural, &e->nplural); break;
            case F_STR:
                ok = append_quoted(s, end, str, &nstr);
                if (ok && nstr > 0)
                    e->str_empty = false;
                if (ok && e->nid == 0 && e->nctxt == 0)
                    header_language(str, st);
                break;
            case F_NONE: ok = false; break;
            }
        } else {
            ok = false;
        }
        if (!ok)
            rc = err_set("%s:%d: not a line of a .po catalogue (expected a comment, msgctxt, "
                         "msgid, msgid_plural, msgstr or a \"quoted\" continuation)", name, line);
    }
    if (rc == 0)
        finish(r);
    st->untranslated = st->strings - st->translated;
    mem_free(str);
    mem_free(seen);
    mem_free(r);
    return rc;
}

int i18n_po_status_file(const char *path, I18nPoStatus *st)
{
    char *text = NULL;
    size_t len = 0;
    if (file_read(path, PO_FILE_MAX, &text, &len) != FILE_READ_OK)
        return -1;
    int rc = i18n_po_status_text(text, len, path, st);
    mem_free(text);
    return rc;
}
