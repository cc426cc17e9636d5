/* fuzz_oruk.c: fuzz target for the Open Referral UK JSON importer. Each input is an ORUK
 * document; oruk_import_json_memory() parses it (jansson), reads the services, resolves
 * references, gives ids and renders Signpost's four CSV files in memory, touching no
 * file. Any crash, leak or undefined behaviour is a bug; problems reported as
 * diagnostics are the expected outcome. */
#include "fuzz.h"

#include "oruk.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    if (!ready) {
        setenv("SOURCE_DATE_EPOCH", "1795348800", 1); /* the same day every run */
        ready = 1;
    }
    DiagList dl;
    diag_init(&dl);
    OrukStats stats;
    oruk_import_json_memory("fuzz.json", (const char *)data, size, &dl, &stats);
    diag_release(&dl);
    return 0;
}
