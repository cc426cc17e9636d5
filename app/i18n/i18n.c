/* i18n.c: the built-in English catalogue and placeholder filling (see i18n.h). */
#include "i18n.h"

#include <stdbool.h>
#include <string.h>

static const char *const english[S_COUNT] = {
#define S(id, text) text,
#include "strings.def"
#undef S
};

static const char *const names[S_COUNT] = {
#define S(id, text) #id,
#include "strings.def"
#undef S
};

const char *tr(StrId id)
{
    if ((unsigned)id >= S_COUNT)
        return "";
    return english[id];
}

const char *tr_name(StrId id)
{
    if ((unsigned)id >= S_COUNT)
        return "";
    return names[id];
}

/* Appends n bytes of s to out at *o, never splitting a UTF-8 sequence. Returns false
 * when s had to be cut: nothing more may follow, or the result is not a prefix. */
static bool append(char *out, size_t cap, size_t *o, const char *s, size_t n)
{
    bool whole = *o + n + 1 <= cap;
    if (!whole) {
        n = cap - *o - 1;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(out + *o, s, n);
    *o += n;
    return whole;
}

char *i18n_format_text(char *out, size_t cap, const char *tmpl, const char *a1,
                       const char *a2, const char *a3)
{
    if (cap == 0)
        return out;
    const char *args[3] = {a1 ? a1 : "", a2 ? a2 : "", a3 ? a3 : ""};
    size_t o = 0;
    for (const char *p = tmpl; *p && o + 1 < cap;) {
        if (p[0] == '{' && p[1] >= '1' && p[1] <= '3' && p[2] == '}') {
            const char *a = args[p[1] - '1'];
            if (!append(out, cap, &o, a, strlen(a)))
                break;
            p += 3;
        } else {
            const char *q = p + 1;
            while (*q && *q != '{')
                q++;
            if (!append(out, cap, &o, p, (size_t)(q - p)))
                break;
            p = q;
        }
    }
    out[o] = '\0';
    return out;
}

char *i18n_format(char *out, size_t cap, StrId id, const char *a1, const char *a2,
                  const char *a3)
{
    return i18n_format_text(out, cap, tr(id), a1, a2, a3);
}
