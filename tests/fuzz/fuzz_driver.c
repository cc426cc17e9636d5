/* fuzz_driver.c: runs a fuzz target's LLVMFuzzerTestOneInput over files, without
 * libFuzzer, so the targets build with any compiler and CTest can replay the seed
 * corpus (and any crash file libFuzzer saved) under the sanitizers.
 * usage: <target> FILE_OR_FOLDER...   (a folder: each file in it) */
#include "fuzz.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return -1;
    }
    size_t cap = 1 << 16, n = 0, got;
    unsigned char *buf = malloc(cap);
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            unsigned char *nb = realloc(buf, cap * 2);
            if (!nb)
                break;
            buf = nb;
            cap *= 2;
        }
    }
    fclose(f);
    if (!buf)
        return -1;
    LLVMFuzzerTestOneInput(buf, n);
    free(buf);
    return 0;
}

int main(int argc, char **argv)
{
    int runs = 0, failed = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            DIR *d = opendir(argv[i]);
            struct dirent *e;
            while (d && (e = readdir(d)) != NULL) {
                if (e->d_name[0] == '.')
                    continue;
                char path[4096];
                snprintf(path, sizeof path, "%s/%s", argv[i], e->d_name);
                failed += run_file(path) != 0;
                runs++;
            }
            if (d)
                closedir(d);
        } else {
            failed += run_file(argv[i]) != 0;
            runs++;
        }
    }
    printf("replayed %d input%s (%d unreadable)\n", runs, runs == 1 ? "" : "s", failed);
    return failed || runs == 0 ? 1 : 0;
}
