/* fuzz_config.c: fuzz target for the kiosk configuration (kiosk.conf, app/config). Each
 * input is written as a kiosk.conf in a temporary folder and read over the compiled
 * defaults with config_load(), as the kiosk does at start; then the size parser gets
 * the input's first line. Any crash, leak or undefined behaviour is a bug; problems
 * reported as diagnostics are the expected outcome. */
#include "fuzz.h"

#include "config.h"
#include "fuzz_tmp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *dir = fuzz_tmp_dir("config");
    fuzz_tmp_put(dir, "kiosk.conf", data, size);
    char path[512];
    snprintf(path, sizeof path, "%s/kiosk.conf", dir);
    KioskConfig cfg;
    config_defaults(&cfg);
    DiagList dl;
    diag_init(&dl);
    config_load(path, &cfg, &dl);
    diag_release(&dl);

    char line[64];
    size_t n = 0;
    while (n < size && n + 1 < sizeof line && data[n] != '\n')
        n++;
    memcpy(line, data, n);
    line[n] = '\0';
    int w = 0, h = 0;
    config_parse_size(line, &w, &h);
    return 0;
}
