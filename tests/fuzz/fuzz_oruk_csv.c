/* fuzz_oruk_csv.c: fuzz target for the Open Referral UK CSV import (a folder of HSDS
 * tables, 3.0 or 1.0 names). An input is one or more tables separated by NUL bytes;
 * each table's first byte picks its file name (its place in `tables`, which
 * make_corpus.sh follows), the rest is the file. They are written into a temporary
 * folder, emptied of the last input's tables first, and oruk_import_csv_check() reads,
 * resolves and converts them as `signpostctl content import-oruk FOLDER` would, writing
 * nothing. Any crash, leak or undefined behaviour is a bug; problems reported as
 * diagnostics are the expected outcome. */
#include "fuzz.h"

#include "fuzz_tmp.h"
#include "oruk.h"

static const char *const tables[] = {
    "organizations.csv", "services.csv", "locations.csv", "addresses.csv",
    "service_at_locations.csv", "contacts.csv", "phones.csv", "schedules.csv",
    "taxonomy_terms.csv", "attributes.csv", "service_taxonomy.csv", "link_taxonomy.csv",
    "languages.csv", "cost_options.csv", "eligibility.csv", "organization.csv", "service.csv",
    "location.csv", "address.csv", "physical_address.csv", "service_at_location.csv",
    "contact.csv", "phone.csv", "schedule.csv", "regular_schedule.csv", "taxonomy.csv",
    "taxonomy_term.csv", "attribute.csv", "service_taxonomies.csv", "link_taxonomies.csv",
    "language.csv", "cost_option.csv", "eligibilities.csv", "physical_addresses.csv",
    "regular_schedules.csv",
};
enum { NTABLES = sizeof tables / sizeof tables[0] };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *dir = fuzz_tmp_dir("oruk-csv");
    for (size_t i = 0; i < NTABLES; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, tables[i]);
        unlink(path);
    }
    for (size_t at = 0; at < size;) {
        const uint8_t *end = memchr(data + at, 0, size - at);
        size_t n = end ? (size_t)(end - (data + at)) : size - at;
        if (n > 0)
            fuzz_tmp_put(dir, tables[data[at] % NTABLES], data + at + 1, n - 1);
        at += n + 1;
    }
    DiagList dl;
    diag_init(&dl);
    OrukStats stats;
    oruk_import_csv_check(dir, &dl, &stats);
    diag_release(&dl);
    return 0;
}
