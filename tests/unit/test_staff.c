/* test_staff.c: what guards staff mode: PIN rules, the Argon2id hash and its check,
 * the gate that locks after five wrong PINs with a doubling delay, the audit log (one
 * line per event, nothing a person typed), and `signpostctl staff pin-hash` reading
 * the PIN from standard input. */
#include "test.h"

#include "testlib.h"

#include "err.h"
#include "staff.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>

#define STAFF_DIR TEST_TMP_DIR "/staff"

static void test_pin_rules(void)
{
    CHECK(staff_pin_valid("2468"));
    CHECK(staff_pin_valid("123456789012"));
    CHECK(!staff_pin_valid("123"));
    CHECK(!staff_pin_valid("1234567890123"));
    CHECK(!staff_pin_valid("12a4"));
    CHECK(!staff_pin_valid("12 34"));
    CHECK(!staff_pin_valid(""));
    CHECK(!staff_pin_valid(NULL));
    char hash[STAFF_HASH_MAX];
    CHECK_INT(staff_pin_hash("12", hash, sizeof hash), -1);
    CHECK_CONTAINS(err_msg(), "4 to 12 digits");
}

static void test_hash_and_gate(void)
{
    char hash[STAFF_HASH_MAX];
    CHECK_INT(staff_pin_hash("2468", hash, sizeof hash), 0);
    CHECK(strncmp(hash, "$argon2id$", 10) == 0);
    CHECK(staff_hash_well_formed(hash));
    CHECK(!strstr(hash, "2468"));
    char again[STAFF_HASH_MAX];
    CHECK_INT(staff_pin_hash("2468", again, sizeof again), 0);
    CHECK(strcmp(hash, again) != 0); /* salted */

    StaffGate g = {0};
    int64_t t = 1000;
    CHECK_INT(staff_gate_try(&g, "", "2468", t), STAFF_PIN_DISABLED);
    CHECK_INT(staff_gate_try(&g, hash, "2468", t), STAFF_PIN_OK);
    /* Four wrong PINs: still open. */
    for (int i = 0; i < 4; i++)
        CHECK_INT(staff_gate_try(&g, hash, "1357", t), STAFF_PIN_WRONG);
    CHECK_INT(staff_gate_wait_ms(&g, t), 0);
    /* The fifth locks for 30 s; during the lock even the right PIN is not tried. */
    CHECK_INT(staff_gate_try(&g, hash, "1357", t), STAFF_PIN_WRONG);
    CHECK_INT(staff_gate_wait_ms(&g, t), 30000);
    CHECK_INT(staff_gate_try(&g, hash, "2468", t + 29999), STAFF_PIN_LOCKED);
    /* The sixth doubles it, the seventh doubles again. */
    CHECK_INT(staff_gate_try(&g, hash, "0000", t + 30000), STAFF_PIN_WRONG);
    CHECK_INT(staff_gate_wait_ms(&g, t + 30000), 60000);
    CHECK_INT(staff_gate_try(&g, hash, "0000", t + 90000), STAFF_PIN_WRONG);
    CHECK_INT(staff_gate_wait_ms(&g, t + 90000), 120000);
    /* The right PIN after the lock opens and resets the count. */
    CHECK_INT(staff_gate_try(&g, hash, "2468", t + 210000), STAFF_PIN_OK);
    CHECK_INT(g.failures, 0);
    CHECK_INT(staff_gate_wait_ms(&g, t + 210000), 0);
    /* Never longer than an hour. */
    StaffGate many = {.failures = 40};
    CHECK_INT(staff_gate_try(&many, hash, "0000", 0), STAFF_PIN_WRONG);
    CHECK_INT(staff_gate_wait_ms(&many, 0), STAFF_LOCK_MAX_MS);
    /* A damaged hash never lets anyone in. */
    StaffGate d = {0};
    CHECK_INT(staff_gate_try(&d, "$argon2id$v=19$m=65536,t=2,p=1$broken", "2468", 0),
              STAFF_PIN_WRONG);
}

static void test_audit_log(void)
{
    CHECK_INT(system("rm -rf '" STAFF_DIR "' && mkdir -p '" STAFF_DIR "'"), 0);
    const char *path = STAFF_DIR "/audit.log";
    CHECK_INT(staff_audit(path, STAFF_EV_PAD_OPENED, NULL, 1764927000), 0);
    CHECK_INT(staff_audit(path, STAFF_EV_WRONG_PIN, NULL, 1764927005), 0);
    CHECK_INT(staff_audit(path, STAFF_EV_ACTION, "collect", 1764927060), 0);
    /* A detail is a fixed word; anything else is masked, never logged as typed. */
    CHECK_INT(staff_audit(path, STAFF_EV_ACTION, "Mrs Smith 07700", 1764927061), 0);
    size_t len = 0;
    char *text = tl_read_file(path, &len);
    CHECK_STR(text, "2025-12-05T09:30:00Z pad-opened\n"
                    "2025-12-05T09:30:05Z wrong-pin\n"
                    "2025-12-05T09:31:00Z action collect\n"
                    "2025-12-05T09:31:01Z action _rs__mith_07700\n");
    free(text);
    struct stat sb;
    CHECK(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0600);
    CHECK_INT(staff_audit(STAFF_DIR "/no/such/dir/audit.log", STAFF_EV_LEFT, NULL, 0), -1);
    CHECK_CONTAINS(err_msg(), "no/such/dir/audit.log");
    CHECK_INT(staff_audit("", STAFF_EV_LEFT, NULL, 0), 0);
}

/* Runs signpostctl with stdin from `input`; output to out. Returns the exit status. */
static int ctl_with_input(const char *input, const char *args, char *out, size_t cap)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "printf '%s' | '%s' %s > '%s/out' 2>&1", input, SIGNPOSTCTL,
             args, STAFF_DIR);
    int status = system(cmd);
    size_t len = 0;
    char *text = tl_read_file(STAFF_DIR "/out", &len);
    snprintf(out, cap, "%s", text ? text : "");
    free(text);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void test_pin_hash_command(void)
{
    CHECK_INT(system("mkdir -p '" STAFF_DIR "'"), 0);
    char out[512];
    CHECK_INT(ctl_with_input("2468\\n", "staff pin-hash", out, sizeof out), 0);
    CHECK(strncmp(out, "$argon2id$", 10) == 0);
    out[strcspn(out, "\n")] = '\0';
    StaffGate g = {0};
    CHECK_INT(staff_gate_try(&g, out, "2468", 0), STAFF_PIN_OK);
    CHECK_INT(staff_gate_try(&g, out, "2469", 0), STAFF_PIN_WRONG);

    CHECK_INT(ctl_with_input("24\\n", "staff pin-hash", out, sizeof out), 1);
    CHECK_CONTAINS(out, "4 to 12 digits");
    CHECK_INT(ctl_with_input("", "staff pin-hash", out, sizeof out), 1);
    CHECK_CONTAINS(out, "no PIN on standard input");
    CHECK_INT(ctl_with_input("2468\\n", "staff pin-hash 2468", out, sizeof out), 2);
}

int main(void)
{
    TEST_RUN(test_pin_rules);
    TEST_RUN(test_hash_and_gate);
    TEST_RUN(test_audit_log);
    TEST_RUN(test_pin_hash_command);
    return TEST_REPORT();
}
