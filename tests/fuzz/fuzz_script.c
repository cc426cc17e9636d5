/* fuzz_script.c: fuzz target for the harness script parser (app/harness/script_words.c).
 * Each input is a script: it is cut into lines as script_run() reads them (at most
 * SCRIPT_LINE_MAX - 2 bytes a line), each line is split into words (script_split()),
 * and every word is read as a number too (script_parse_int()), as tap, drag and wait
 * do. The words are not run: running needs the kiosk. Any crash, overrun or undefined
 * behaviour is a bug; an error message is the expected outcome. */
#include "fuzz.h"

#include "script_words.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char line[SCRIPT_LINE_MAX];
    for (size_t at = 0; at < size;) {
        size_t n = 0;
        while (at + n < size && n + 2 < SCRIPT_LINE_MAX && data[at + n] != '\n')
            n++;
        if (at + n < size && data[at + n] == '\n')
            n++; /* fgets keeps the new line */
        memcpy(line, data + at, n);
        line[n] = '\0';
        at += n;
        ScriptLine l;
        if (script_split(line, &l) != 0)
            continue;
        for (int i = 0; i < l.argc; i++) {
            long v;
            if (!l.argv[i] || strlen(l.argv[i]) >= SCRIPT_LINE_MAX)
                abort(); /* a word outside the line */
            script_parse_int(l.argv[i], &v);
        }
    }
    return 0;
}
