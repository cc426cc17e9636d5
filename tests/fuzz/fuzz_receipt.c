/* fuzz_receipt.c: fuzz target for the collection receipt parser (app/outbox/
 * outbox_receipt.c), which decides what the kiosk deletes. Any crash, leak or undefined
 * behaviour is a bug; junk must be refused with a message, and anything accepted must
 * be well formed: valid references, 32 lower-case hex characters per token. */
#include "fuzz.h"

#include "outbox.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    OutboxReceipt r;
    if (outbox_receipt_parse((const char *)data, size, "fuzz.receipt", &r) != 0)
        return 0;
    for (size_t i = 0; i < r.n; i++) {
        if (!outbox_reference_valid(r.lines[i].reference) || strlen(r.lines[i].token) != 32 ||
            strspn(r.lines[i].token, "0123456789abcdef") != 32)
            abort();
    }
    if (strchr(r.kiosk, ' '))
        abort();
    outbox_receipt_release(&r);
    return 0;
}
