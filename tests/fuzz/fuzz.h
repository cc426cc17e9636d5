/* fuzz.h: the entry point every fuzz target in tests/fuzz defines, as libFuzzer calls
 * it (and fuzz_driver.c, the stand-alone replayer, does). */
#ifndef SIGNPOST_FUZZ_H
#define SIGNPOST_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* Runs one input; returns 0 (libFuzzer's convention). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
