/* fuzz_sync_status.c: fuzz target for the sync status file parser (app/outbox/
 * outbox_sync_status.c), which the kiosk's staff screen reads. Any crash, leak or
 * undefined behaviour is a bug; junk must be refused with a message, and anything
 * accepted must be sane: a message on one line, counts in range. */
#include "fuzz.h"

#include "outbox.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    OutboxSyncStatus s;
    if (outbox_sync_status_parse((const char *)data, size, "fuzz.sync-status", &s) != 0)
        return 0;
    if (strchr(s.message, '\n') || strchr(s.message, '\r') || s.sent < 0 || s.waiting < -1 ||
        s.time < 0 || s.last_ok < 0 || strlen(s.message) >= sizeof s.message)
        abort();
    return 0;
}
