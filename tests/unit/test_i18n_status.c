/* test_i18n_status.c: measuring a .po catalogue against strings.def (translated,
 * falling back to English, needing review, unused, fuzzy), refusing text that is not
 * a catalogue with its line, and `signpostctl i18n status` printing those counts. */
#include "test.h"

#include "testlib.h"

#include "i18n.h"
#include "err.h"
#include "i18n_po.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>

#define DIR TEST_TMP_DIR "/i18n-status"

static const char catalogue[] =
    "msgid \"\"\nmsgstr \"\"\n\"Language: cy\\n\"\n\"Plural-Forms: nplurals=6; plural=0;\\n\"\n\n"
    "# reviewed by a native speaker\n"
    "msgctxt \"HOME_PROMPT\"\nmsgid \"Touch a button to start\"\nmsgstr \"Cyffyrddwch\"\n\n"
    "# needs-review: machine translation, not yet checked by a native speaker\n"
    "msgctxt \"HOME_FIND_WAY\"\nmsgid \"Find your way\"\nmsgstr \"Dewch o hyd i'ch ffordd\"\n\n"
    "# needs-review: machine translation, not yet checked by a native speaker\n"
    "msgctxt \"SUPPORT_COUNT\"\nmsgid \"{1} service\"\nmsgid_plural \"{1} services\"\n"
    "msgstr[0] \"{1} a\"\nmsgstr[1] \"{1} b\"\n\n"
    "# English changed since: unused, and the string falls back\n"
    "msgctxt \"HOME_PROMPT_OLD\"\nmsgid \"Touch to start\"\nmsgstr \"Cyffwrdd\"\n\n"
    "#, fuzzy\nmsgctxt \"HOME_SUPPORT\"\nmsgid \"Support and services\"\nmsgstr \"Cymorth\"\n\n"
    "msgctxt \"HOME_SEARCH\"\nmsgid \"Search for a place, service or information\"\nmsgstr \"\"\n";

static void test_measure(void)
{
    I18nPoStatus st;
    CHECK_INT(i18n_po_status_text(catalogue, sizeof catalogue - 1, "cy.po", &st), 0);
    CHECK_STR(st.language, "cy");
    CHECK_INT(st.strings, S_COUNT);
    CHECK_INT(st.translated, 3);
    CHECK_INT(st.needs_review, 2);
    CHECK_INT(st.untranslated, S_COUNT - 3);
    CHECK_INT(st.unused, 1);
    CHECK_INT(st.fuzzy, 1);
}

static void test_refused(void)
{
    I18nPoStatus st;
    const char *bad[] = {"msgid \"a\nmsgstr \"b\"\n", "hello\n", "msgstr \"x\"\n",
                         "msgid \"\"\nmsgstr \"\"\n\"unterminated\n"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        CHECK_INT(i18n_po_status_text(bad[i], strlen(bad[i]), "x.po", &st), -1);
        CHECK_CONTAINS(err_msg(), "x.po:");
    }
    CHECK_INT(i18n_po_status_file(DIR "/none.po", &st), -1);
}

static int ctl(const char *args, char *out, size_t cap)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "'%s' %s > '%s/ctl.out' 2>&1", SIGNPOSTCTL, args, DIR);
    int status = system(cmd);
    char *text = tl_read_file(DIR "/ctl.out", NULL);
    snprintf(out, cap, "%s", text ? text : "");
    free(text);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void test_command(void)
{
    tl_remove_tree(DIR);
    mkdir(DIR, 0755);
    tl_put_text(DIR, "cy.po", catalogue);
    static char out[8192];
    CHECK_INT(ctl("i18n status --po-dir '" DIR "'", out, sizeof out), 0);
    char want[128];
    snprintf(want, sizeof want, "cy   Welsh     3 of %d", (int)S_COUNT);
    CHECK_CONTAINS(out, want);
    snprintf(want, sizeof want, "%d            2      1", (int)S_COUNT - 3);
    CHECK_CONTAINS(out, want);
    CHECK_CONTAINS(out, "pl   Polish    0 of");
    CHECK_CONTAINS(out, "(no catalogue)");
    CHECK_CONTAINS(out, "2 translations need a native speaker's review");
    /* The real catalogues: every language translated, all marked for review. */
    CHECK_INT(ctl("i18n status", out, sizeof out), 0);
    snprintf(want, sizeof want, "so   Somali    %d of %d", (int)S_COUNT, (int)S_COUNT);
    CHECK_CONTAINS(out, want);
    CHECK_CONTAINS(out, "0 strings fall back to English");
    /* A broken catalogue: exit 1 naming file and line. */
    tl_put_text(DIR, "pl.po", "msgid \"\"\nmsgstr \"\"\nrubbish\n");
    CHECK_INT(ctl("i18n status --po-dir '" DIR "'", out, sizeof out), 1);
    CHECK_CONTAINS(out, "pl.po:3:");
    CHECK_INT(ctl("i18n status --bogus", out, sizeof out), 2);
}

int main(void)
{
    TEST_RUN(test_measure);
    TEST_RUN(test_refused);
    TEST_RUN(test_command);
    return TEST_REPORT();
}
