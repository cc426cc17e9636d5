/* printer_emu.h: test helper, a receipt printer on a local TCP socket (127.0.0.1, a
 * port the system picks). Each connection is one job: the bytes are kept, DLE EOT n
 * status requests are answered as the mode says (outside image and QR data, which
 * are skipped by their lengths, as a printer does), and the job is done when the
 * kiosk closes the connection. Mode "dead" only holds a port nobody listens on, so
 * connecting is refused. Used by tests/print (printer_emu program) and the
 * benchmark. */
#ifndef SIGNPOST_PRINTER_EMU_H
#define SIGNPOST_PRINTER_EMU_H

#include <stdbool.h>
#include <stddef.h>

typedef enum EmuMode { EMU_OK, EMU_PAPER_OUT, EMU_COVER_OPEN, EMU_OFFLINE, EMU_DEAD } EmuMode;

typedef struct PrinterEmu PrinterEmu;

/* "ok", "paper-out", "cover-open", "offline", "dead"; -1 when unknown. */
int emu_mode_parse(const char *s);
/* Starts listening (and its thread); NULL with a message on stderr on failure. */
PrinterEmu *emu_start(EmuMode mode);
int emu_port(const PrinterEmu *e);
/* Jobs finished (connections closed) so far. */
int emu_jobs(PrinterEmu *e);
/* Waits until n jobs are finished; false at the timeout. */
bool emu_wait_jobs(PrinterEmu *e, int n, int timeout_ms);
/* A copy of job i's bytes (malloc'd; the caller frees) and their count. */
unsigned char *emu_job(PrinterEmu *e, int i, size_t *len);
/* When job i's first byte arrived (CLOCK_MONOTONIC ms); 0 when unknown. The first
 * byte of the job currently arriving is emu_first_byte_ms(e, emu_jobs(e)). */
double emu_first_byte_ms(PrinterEmu *e, int i);
void emu_stop(PrinterEmu *e);

#endif
