/* i18n_po.h: reads a translation catalogue (a GNU gettext .po file) and measures it
 * against strings.def: how many interface strings it translates, how many fall back
 * to English, and how many translations still carry the review mark
 * "# needs-review: ..." (see app/i18n/po/README.md). For signpostctl i18n status.
 * Owned by the i18n module; the .po files are outside input and never trusted. */
#ifndef SIGNPOST_I18N_PO_H
#define SIGNPOST_I18N_PO_H

#include <stddef.h>

typedef struct I18nPoStatus {
    char language[16];  /* the header's Language:, "" when missing */
    int strings;        /* interface strings in strings.def */
    int translated;     /* with a translation for the current English text */
    int untranslated;   /* strings - translated: shown in English */
    int needs_review;   /* translated, but marked as needing a native speaker's review */
    int unused;         /* entries for no current string (or for older English) */
    int fuzzy;          /* entries marked fuzzy (gettext ignores them: untranslated) */
} I18nPoStatus;

/* Measures the catalogue text[0..len). Returns 0, or -1 with err_set() naming name
 * and the line when the text is not a .po file it can read. */
int i18n_po_status_text(const char *text, size_t len, const char *name, I18nPoStatus *st);

/* Same, reading the file at path. */
int i18n_po_status_file(const char *path, I18nPoStatus *st);

#endif
