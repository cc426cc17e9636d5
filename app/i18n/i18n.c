/* i18n.c: the built-in English catalogue, run-time lookup in the chosen language
 * through glibc's gettext (see i18n.h), and placeholder filling. */
#include "i18n.h"

#include <libintl.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DOMAIN "signpost"

static const char *const english[S_COUNT] = {
#define S(id, text) text,
#define P(id, one, many) one,
#include "strings.def"
#undef S
#undef P
};

/* The English plural of counted strings; NULL for the others. */
static const char *const english_plural[S_COUNT] = {
#define S(id, text) NULL,
#define P(id, one, many) many,
#include "strings.def"
#undef S
#undef P
};

/* gettext keys: the context (the id) and the English text joined by \004. */
static const char *const keys[S_COUNT] = {
#define S(id, text) #id "\004" text,
#define P(id, one, many) #id "\004" one,
#include "strings.def"
#undef S
#undef P
};

static const char *const names[S_COUNT] = {
#define S(id, text) #id,
#define P(id, one, many) #id,
#include "strings.def"
#undef S
#undef P
};

static char current[16] = "en";
static char localedir[1024];

const char *tr_english(StrId id)
{
    if ((unsigned)id >= S_COUNT)
        return "";
    return english[id];
}

const char *tr_plural_en(StrId id)
{
    if ((unsigned)id >= S_COUNT || !english_plural[id])
        return tr_english(id);
    return english_plural[id];
}

bool tr_is_plural(StrId id)
{
    return (unsigned)id < S_COUNT && english_plural[id] != NULL;
}

static bool english_now(void)
{
    return strcmp(current, "en") == 0;
}

const char *tr(StrId id)
{
    if ((unsigned)id >= S_COUNT)
        return "";
    if (english_now())
        return english[id];
    if (english_plural[id])
        return tr_n(id, 1);
    const char *t = dgettext(DOMAIN, keys[id]);
    /* gettext hands back the key itself when the catalogue has no translation. */
    return t == keys[id] || !*t ? english[id] : t;
}

const char *tr_n(StrId id, unsigned long n)
{
    if ((unsigned)id >= S_COUNT)
        return "";
    if (!english_plural[id])
        return tr(id);
    const char *fallback = n == 1 ? english[id] : english_plural[id];
    if (english_now())
        return fallback;
    const char *t = dngettext(DOMAIN, keys[id], english_plural[id], n);
    return t == keys[id] || t == english_plural[id] || !*t ? fallback : t;
}

bool i18n_translated(StrId id)
{
    if ((unsigned)id >= S_COUNT || english_now())
        return false;
    const char *t = english_plural[id] ? dngettext(DOMAIN, keys[id], english_plural[id], 1)
                                       : dgettext(DOMAIN, keys[id]);
    return t != keys[id] && t != english_plural[id] && *t;
}

const char *tr_name(StrId id)
{
    if ((unsigned)id >= S_COUNT)
        return "";
    return names[id];
}

void i18n_set_localedir(const char *dir)
{
    snprintf(localedir, sizeof localedir, "%s", dir ? dir : "");
}

const char *i18n_localedir(void)
{
    if (localedir[0])
        return localedir;
    const char *env = getenv("SIGNPOST_LOCALEDIR");
    if (env && *env)
        return env;
#ifdef SIGNPOST_INSTALL_LOCALEDIR
    if (access(SIGNPOST_INSTALL_LOCALEDIR "/cy/LC_MESSAGES/" DOMAIN ".mo", R_OK) == 0)
        return SIGNPOST_INSTALL_LOCALEDIR;
#endif
#ifdef SIGNPOST_BUILD_LOCALEDIR
    return SIGNPOST_BUILD_LOCALEDIR;
#else
    return ".";
#endif
}

/* A BCP 47 code as this kiosk uses them: a 2-3 letter language, optional subtags. */
static bool plausible_code(const char *code)
{
    size_t n = strlen(code), letters = strspn(code, "abcdefghijklmnopqrstuvwxyz");
    if (n == 0 || n >= sizeof current || letters < 2 || letters > 3)
        return false;
    return strspn(code, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") == n;
}

bool i18n_set_language(const char *code)
{
    if (!code || !plausible_code(code) || strcmp(code, "en") == 0) {
        snprintf(current, sizeof current, "en");
        return code && strcmp(code, "en") == 0;
    }
    snprintf(current, sizeof current, "%s", code);
    /* glibc ignores LANGUAGE under the plain "C" locale; C.UTF-8 is built into
     * Debian 12's glibc and keeps every other category untouched. */
    setlocale(LC_MESSAGES, "C.UTF-8");
    char dir[1024];
    snprintf(dir, sizeof dir, "%s", i18n_localedir());
    bindtextdomain(DOMAIN, dir);
    bind_textdomain_codeset(DOMAIN, "UTF-8");
    char lang[sizeof current];
    snprintf(lang, sizeof lang, "%s", code);
    for (char *p = lang; *p; p++)
        if (*p == '-')
            *p = '_';
    setenv("LANGUAGE", lang, 1);
    textdomain(DOMAIN); /* tells gettext its cached lookups are stale */
    char mo[1200];
    snprintf(mo, sizeof mo, "%s/%s/LC_MESSAGES/" DOMAIN ".mo", dir, lang);
    return access(mo, R_OK) == 0;
}

const char *i18n_language(void)
{
    return current;
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
