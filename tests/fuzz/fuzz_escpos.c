/* fuzz_escpos.c: fuzz target for the test ESC/POS decoder (tests/print/escpos_decode.c),
 * which reads bytes a printer emulator received: outside input as far as the decoder
 * is concerned. The first byte picks the paper (even: 58 mm, odd: 80 mm); the rest is
 * the job. Any crash, leak or undefined behaviour is a bug; a refusal saying where is
 * the expected outcome for junk, and what was decoded must stay on the page. */
#include "fuzz.h"

#include "escpos_decode.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    int width = (data[0] & 1) ? 576 : 384;
    EscposDoc doc;
    int rc = escpos_decode(data + 1, size - 1, width, &doc);
    if (rc != 0 && !doc.error[0])
        abort(); /* a refusal always says why */
    if (doc.height > ESCPOS_PAGE_MAX_ROWS || doc.height > doc.rows_cap ||
        (doc.height > 0 && !doc.page))
        abort();
    for (size_t i = 0; i < doc.nlines; i++)
        if (!doc.lines[i].utf8 || doc.lines[i].y < 0 || doc.lines[i].y > doc.height)
            abort();
    char *text = escpos_doc_text(&doc);
    free(text);
    escpos_doc_release(&doc);
    return 0;
}
