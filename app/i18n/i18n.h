/* i18n.h: the string catalogue. Every user-facing string has an id (S_...) from
 * strings.def; tr(id) returns the text in the current language (English built in).
 * Returned strings are owned by the catalogue and live for the whole run. */
#ifndef SIGNPOST_I18N_H
#define SIGNPOST_I18N_H

#include <stddef.h>

typedef enum StrId {
#define S(id, text) S_##id,
#include "strings.def"
#undef S
    S_COUNT
} StrId;

/* The text for id; never NULL. */
const char *tr(StrId id);

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
