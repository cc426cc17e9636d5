/* i18n.h: the string catalogue. Every user-facing string has an id (S_...) from
 * strings.def; tr(id) returns the text in the current language: English is built in,
 * other languages come from gettext catalogues (po/<code>.po compiled to
 * <localedir>/<code>/LC_MESSAGES/signpost.mo) looked up by context (the id) and the
 * English text, with the language's own plural rules; anything missing falls back to
 * English. Returned strings are owned by the catalogue and live for the whole run. */
#ifndef SIGNPOST_I18N_H
#define SIGNPOST_I18N_H

#include <stdbool.h>
#include <stddef.h>

typedef enum StrId {
#define S(id, text) S_##id,
#define P(id, one, many) S_##id,
#include "strings.def"
#undef S
#undef P
    S_COUNT
} StrId;

/* The text for id; never NULL. */
const char *tr(StrId id);

/* The text for a counted string (P in strings.def) for the count n, in the current
 * language's plural form; for an S string, the same as tr(id). Never NULL. */
const char *tr_n(StrId id, unsigned long n);

/* True when id is a counted string (P in strings.def). */
bool tr_is_plural(StrId id);

/* The English text of id; for a counted string, the singular (plural = tr_plural_en). */
const char *tr_english(StrId id);
const char *tr_plural_en(StrId id);

/* Where compiled catalogues are looked for: dir/<code>/LC_MESSAGES/signpost.mo. By
 * default the environment variable SIGNPOST_LOCALEDIR, else the installed locale
 * directory, else the build tree's. Call before i18n_set_language. */
void i18n_set_localedir(const char *dir);
const char *i18n_localedir(void);

/* Switches every string to the language code (BCP 47, e.g. "cy"); "en" = built-in
 * English. A code with no catalogue still switches (everything falls back to
 * English) and returns false. */
bool i18n_set_language(const char *code);

/* The current language's BCP 47 code ("en" until set). */
const char *i18n_language(void);

/* True when tr(id) in the current language is a real translation, not the English
 * fallback. */
bool i18n_translated(StrId id);

/* The id's name without the S_ prefix ("HOME_WELCOME"), for tools and tests. */
const char *tr_name(StrId id);

/* Writes tr(id) into out with {1}, {2} and {3} replaced by a1, a2 and a3 (NULL = "").
 * Always NUL-terminates; truncates on a code-point boundary. Returns out. */
char *i18n_format(char *out, size_t cap, StrId id, const char *a1, const char *a2,
                  const char *a3);

/* Same, for a template string rather than an id. */
char *i18n_format_text(char *out, size_t cap, const char *tmpl, const char *a1,
                       const char *a2, const char *a3);

#endif
