/* test_signpostctl.c: the PALS staff commands of the real signpostctl program, run as
 * staff would run them: keys new (secret file 0600, never replaced), concerns list,
 * export (to a new 0600 file, never over an old one; wrong key; bad options) and
 * purge, checking exit codes (0 done, 1 failed with a message naming the file, 2 wrong
 * command line) and what each prints. The outbox is filled through the library. */
#include "test.h"

#include "outbox_testlib.h"

#include "log.h"

#include <sys/stat.h>
#include <sys/wait.h>

#define CTL_DIR TEST_TMP_DIR "/ctl"

static char out_text[1 << 16];

/* Runs signpostctl in CTL_DIR with args; its output into out_text; the exit status. */
static int ctl(const char *args)
{
    return tl_ctl(CTL_DIR, args, out_text, sizeof out_text);
}

static int mode_of(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? (int)(sb.st_mode & 0777) : -1;
}

static void test_staff_round(void)
{
    log_set_sink(NULL, NULL);
    CHECK_INT(system("rm -rf '" CTL_DIR "' && mkdir -p '" CTL_DIR "'"), 0);

    /* Keys. */
    CHECK_INT(ctl("keys new --public pals.pub --secret pals.secret"), 0);
    CHECK_CONTAINS(out_text, "made a key pair");
    CHECK_INT(mode_of(CTL_DIR "/pals.secret"), 0600);
    CHECK_INT(ctl("keys new --public other.pub --secret pals.secret"), 1);
    CHECK_CONTAINS(out_text, "pals.secret already exists");
    CHECK_INT(mode_of(CTL_DIR "/other.pub"), -1); /* nothing written */
    CHECK_INT(ctl("keys new --public pals.pub"), 2);
    CHECK_INT(ctl("keys new --public a --secret a"), 2);

    /* A kiosk stores three concerns. */
    Outbox *ob = outbox_open(CTL_DIR "/outbox.db", CTL_DIR "/pals.pub");
    CHECK_INT(outbox_status(ob), OUTBOX_OK);
    char refs[3][OUTBOX_REF_MAX];
    for (int i = 0; i < 3; i++) {
        Concern c;
        tl_fill(&c, i == 0 ? "Waited, then \"left\", upset.\nŻółć 😀" : "Another concern");
        CHECK_INT(outbox_submit(ob, &c, "main-entrance", NULL, refs[i]), OUTBOX_OK);
        concern_clear(&c);
    }
    outbox_close(ob);

    CHECK_INT(ctl("concerns list --outbox outbox.db"), 0);
    for (int i = 0; i < 3; i++)
        CHECK_CONTAINS(out_text, refs[i]);
    CHECK_CONTAINS(out_text, "3 concerns: 3 pending, 0 exported");
    CHECK(!strstr(out_text, "Waited")); /* never content */

    /* Export: wrong command lines. */
    CHECK_INT(ctl("concerns export --outbox outbox.db --secret-key pals.secret --format xml"), 2);
    CHECK_INT(ctl("concerns export --outbox outbox.db --format csv"), 2);
    CHECK_INT(ctl("concerns export --outbox outbox.db --secret-key pals.secret --format csv "
                  "--colour"),
              2);
    /* Failures name the file. */
    CHECK_INT(ctl("concerns export --outbox missing.db --secret-key pals.secret --format csv"),
              1);
    CHECK_CONTAINS(out_text, "missing.db");
    CHECK_INT(ctl("concerns export --outbox outbox.db --secret-key pals.pub.nope --format csv"),
              1);
    CHECK_CONTAINS(out_text, "pals.pub.nope does not exist");
    /* The public key cannot open anything: nothing is marked, the file is removed. */
    CHECK_INT(ctl("concerns export --outbox outbox.db --secret-key pals.pub --format csv "
                  "-o wrong.csv"),
              1);
    CHECK_CONTAINS(out_text, "could not be opened with this secret key");
    CHECK_INT(mode_of(CTL_DIR "/wrong.csv"), -1);
    CHECK_INT(ctl("concerns list --outbox outbox.db"), 0);
    CHECK_CONTAINS(out_text, "3 pending, 0 exported");

    /* The real export. */
    CHECK_INT(ctl("concerns export --outbox outbox.db --secret-key pals.secret --format csv "
                  "-o concerns.csv"),
              0);
    CHECK_CONTAINS(out_text, "exported 3 concerns to concerns.csv");
    CHECK_INT(mode_of(CTL_DIR "/concerns.csv"), 0600);
    size_t len = 0;
    unsigned char *csv = tl_slurp(CTL_DIR "/concerns.csv", &len);
    CHECK(csv && strncmp((char *)csv, "\xEF\xBB\xBFreference,submitted_at,", 26) == 0);
    CHECK(tl_contains(csv, len, "\"Waited, then \"\"left\"\", upset.\nŻółć 😀\""));
    free(csv);
    /* Never over an earlier export. */
    CHECK_INT(ctl("concerns export --outbox outbox.db --secret-key pals.secret --format json "
                  "--all -o concerns.csv"),
              1);
    CHECK_CONTAINS(out_text, "never written over");
    CHECK_INT(ctl("concerns list --outbox outbox.db"), 0);
    CHECK_CONTAINS(out_text, "0 pending, 3 exported");
    /* To standard output, as FHIR. */
    CHECK_INT(ctl("concerns export --outbox outbox.db --secret-key pals.secret --format fhir "
                  "--all"),
              0);
    CHECK_CONTAINS(out_text, "\"resourceType\":\"Bundle\"");

    /* Purge: only what was exported. */
    ob = outbox_open(CTL_DIR "/outbox.db", CTL_DIR "/pals.pub");
    char later[OUTBOX_REF_MAX];
    Concern c;
    tl_fill(&c, "Still waiting for PALS");
    CHECK_INT(outbox_submit(ob, &c, "main-entrance", NULL, later), OUTBOX_OK);
    concern_clear(&c);
    outbox_close(ob);
    CHECK_INT(ctl("concerns purge --outbox outbox.db"), 0);
    CHECK_CONTAINS(out_text, "deleted 3 exported concerns");
    CHECK_INT(ctl("concerns list --outbox outbox.db"), 0);
    CHECK_CONTAINS(out_text, later);
    CHECK_CONTAINS(out_text, "1 concern: 1 pending, 0 exported");
    CHECK_INT(ctl("concerns purge"), 2);
    CHECK_INT(ctl("concerns purge --outbox nowhere.db"), 1);
    CHECK_CONTAINS(out_text, "nowhere.db");
    CHECK_INT(ctl("concerns"), 2);
}

int main(void)
{
    TEST_RUN(test_staff_round);
    return TEST_REPORT();
}
