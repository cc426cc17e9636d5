/* test_sync_status.c: the fleet sync's status file (app/outbox/outbox_sync_status.c):
 * what sync writes the staff screen reads back the same; a missing file is "never
 * ran"; every kind of damage is refused naming the file and the line. */
#include "test.h"

#include "testlib.h"

#include "err.h"
#include "outbox.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static const char *path = TEST_TMP_DIR "/sync_status_test.sync-status";

static void test_round_trip(void)
{
    remove(path);
    OutboxSyncStatus s;
    CHECK_INT(outbox_sync_status_read(path, &s), 1); /* never ran */
    OutboxSyncStatus w = {.time = 1764927000, .ok = false, .last_ok = 1764920000, .sent = 4,
                          .waiting = 2};
    snprintf(w.message, sizeof w.message, "cannot connect\nto the server\r");
    CHECK_INT(outbox_sync_status_write(path, &w), 0);
    struct stat sb;
    CHECK(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0640);
    CHECK_INT(outbox_sync_status_read(path, &s), 0);
    CHECK_INT(s.time, 1764927000);
    CHECK(!s.ok);
    CHECK_INT(s.last_ok, 1764920000);
    CHECK_INT(s.sent, 4);
    CHECK_INT(s.waiting, 2);
    CHECK_STR(s.message, "cannot connect to the server "); /* one line */
    w.ok = true;
    w.message[0] = '\0';
    CHECK_INT(outbox_sync_status_write(path, &w), 0);
    CHECK_INT(outbox_sync_status_read(path, &s), 0);
    CHECK(s.ok);
    CHECK_STR(s.message, "");
    remove(path);
}

static void refused(const char *text, const char *where)
{
    OutboxSyncStatus s;
    CHECK_INT(outbox_sync_status_parse(text, strlen(text), "x.sync-status", &s), -1);
    CHECK_CONTAINS(err_msg(), where);
}

static void test_damage(void)
{
    const char *head = "signpost-sync-status 1\n";
    char t[512];
    refused("", "x.sync-status:1: the file is empty");
    refused("signpost-receipt 1\n", "x.sync-status:1: not a sync status file");
    snprintf(t, sizeof t, "%stime 1\nresult ok\n", head);
    refused(t, "cut short");
    snprintf(t, sizeof t, "%stime 1\ntime 2\n", head);
    refused(t, "x.sync-status:3: 'time' is given twice");
    snprintf(t, sizeof t, "%stime -1\n", head);
    refused(t, "x.sync-status:2: 'time' has a value");
    snprintf(t, sizeof t, "%sresult maybe\n", head);
    refused(t, "x.sync-status:2:");
    snprintf(t, sizeof t, "%swaiting -2\n", head);
    refused(t, "x.sync-status:2:");
    snprintf(t, sizeof t, "%ssent 12x\n", head);
    refused(t, "x.sync-status:2:");
    snprintf(t, sizeof t, "%scolour blue\n", head);
    refused(t, "x.sync-status:2: unknown field 'colour'");
    OutboxSyncStatus s;
    const char nul[] = "signpost-sync-status 1\nmessage a\0b\n";
    CHECK_INT(outbox_sync_status_parse(nul, sizeof nul - 1, "x", &s), -1);
    CHECK_CONTAINS(err_msg(), "control character");
}

int main(void)
{
    TEST_RUN(test_round_trip);
    TEST_RUN(test_damage);
    return TEST_REPORT();
}
