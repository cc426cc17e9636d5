/* ctl_i18n.c: signpostctl i18n status (see ctl_i18n.h). Reads the .po catalogues (the
 * review marks live only there, not in the compiled .mo files). */
#include "ctl_i18n.h"

#include "config.h"
#include "err.h"
#include "i18n.h"
#include "i18n_po.h"

#include <stdio.h>
#include <unistd.h>

#ifndef SIGNPOST_PO_DIR
#error "SIGNPOST_PO_DIR (the source tree's app/i18n/po) is set by app/cli/CMakeLists.txt"
#endif

/* Each language's name in English, for the trust staff reading this. */
static const char *english_name(const char *code)
{
    static const char *const names[][2] = {
        {"cy", "Welsh"},   {"pl", "Polish"},  {"ur", "Urdu"},     {"ar", "Arabic"},
        {"bn", "Bengali"}, {"pa", "Punjabi"}, {"ro", "Romanian"}, {"so", "Somali"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (code[0] == names[i][0][0] && code[1] == names[i][0][1] && !code[2])
            return names[i][1];
    return code;
}

static void row(const char *code, const char *name, int translated, int in_english,
                int review, const char *unused, const char *note)
{
    char of[32];
    snprintf(of, sizeof of, "%d of %d", translated, (int)S_COUNT);
    printf("%-4s %-9s %-11s %10d %12d %6s%s\n", code, name, of, in_english, review, unused,
           note);
}

int ctl_i18n_status(const CtlUsage *u, int argc, char **argv)
{
    const char *dir = NULL;
    const CtlOption opts[] = {{"--po-dir", &dir, NULL}};
    int rc = ctl_parse(u, argc, argv, opts, 1, NULL, NULL);
    if (rc >= 0)
        return rc;
    if (!dir)
        dir = SIGNPOST_PO_DIR;
    printf("%-4s %-9s %-11s %10s %12s %6s\n", "code", "language", "translated", "in English",
           "needs review", "unused");
    row("en", "English", S_COUNT, 0, 0, "-", "  (built in)");
    int review = 0, english = 0, languages = 0, failed = 0;
    for (int i = 0; config_language_code(i); i++) {
        const char *code = config_language_code(i);
        if (code[0] == 'e' && code[1] == 'n' && !code[2])
            continue;
        char path[1100];
        snprintf(path, sizeof path, "%s/%s.po", dir, code);
        I18nPoStatus st = {0};
        if (access(path, F_OK) != 0) {
            row(code, english_name(code), 0, S_COUNT, 0, "-", "  (no catalogue)");
            english += S_COUNT;
            languages++;
            continue;
        }
        if (i18n_po_status_file(path, &st) != 0) {
            fprintf(stderr, "signpostctl: %s\n", err_msg());
            failed++;
            continue;
        }
        char unused[16];
        snprintf(unused, sizeof unused, "%d", st.unused);
        row(code, english_name(code), st.translated, st.untranslated, st.needs_review, unused,
            st.fuzzy ? "  (fuzzy entries count as untranslated)" : "");
        review += st.needs_review;
        english += st.untranslated;
        languages++;
    }
    printf("%d languages besides English (catalogues in %s): %d translations need a native "
           "speaker's review; %d strings fall back to English\n", languages, dir, review,
           english);
    return failed ? CTL_EXIT_PROBLEMS : CTL_EXIT_OK;
}
