/* printer_emu_main.c: the printer emulator as a program, for test scripts.
 * usage: printer_emu MODE PORT_FILE OUT_PREFIX
 * Listens (mode ok, paper-out, cover-open, offline; "dead" holds a port that refuses
 * connections), writes the port number to PORT_FILE, and each finished job's bytes to
 * OUT_PREFIX-1.bin, -2.bin... (written to a .tmp file, then renamed). Runs until it is
 * killed, or for at most 120 seconds. */
#include "printer_emu.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv)
{
    if (argc != 4 || emu_mode_parse(argv[1]) < 0) {
        fprintf(stderr, "usage: printer_emu ok|paper-out|cover-open|offline|dead PORT_FILE "
                        "OUT_PREFIX\n");
        return 2;
    }
    PrinterEmu *e = emu_start((EmuMode)emu_mode_parse(argv[1]));
    if (!e)
        return 1;
    char tmp[4096], path[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", argv[2]);
    FILE *f = fopen(tmp, "w");
    if (!f || fprintf(f, "%d\n", emu_port(e)) < 0 || fclose(f) != 0 || rename(tmp, argv[2]) != 0) {
        fprintf(stderr, "printer_emu: cannot write %s\n", argv[2]);
        emu_stop(e);
        return 1;
    }
    int written = 0;
    for (int tick = 0; tick < 120 * 20; tick++) {
        struct timespec ts = {0, 50 * 1000 * 1000};
        nanosleep(&ts, NULL);
        while (written < emu_jobs(e)) {
            size_t len = 0;
            unsigned char *b = emu_job(e, written, &len);
            written++;
            snprintf(tmp, sizeof tmp, "%s-%d.bin.tmp", argv[3], written);
            snprintf(path, sizeof path, "%s-%d.bin", argv[3], written);
            FILE *o = fopen(tmp, "wb");
            if (!o || fwrite(b, 1, len, o) != len || fclose(o) != 0 || rename(tmp, path) != 0)
                fprintf(stderr, "printer_emu: cannot write %s\n", path);
            free(b);
        }
    }
    emu_stop(e);
    return 0;
}
