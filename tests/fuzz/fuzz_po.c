/* fuzz_po.c: fuzz target for the .po catalogue reader (app/i18n/i18n_po.c) that
 * signpostctl i18n status runs over translators' files. Any crash, leak or undefined
 * behaviour is a bug; a refusal naming the line is the expected outcome for junk, and
 * the counts must always add up. */
#include "fuzz.h"

#include "i18n.h"
#include "i18n_po.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    I18nPoStatus st;
    if (i18n_po_status_text((const char *)data, size, "fuzz.po", &st) == 0) {
        if (st.translated + st.untranslated != S_COUNT || st.needs_review > st.translated ||
            st.translated < 0)
            abort();
    }
    return 0;
}
