/* qr_decode.h: test helper (library signpost_qrdecode, libzbar) that reads a QrMatrix
 * back as a phone camera would: the modules drawn at a given pixel size with the 4-module
 * quiet zone, then decoded by libzbar. Also reads the mode indicator of the first data
 * segment straight from the matrix, to prove an ECI designator is there. */
#ifndef SIGNPOST_QR_DECODE_H
#define SIGNPOST_QR_DECODE_H

#include "qr.h"

/* The text of the one symbol zbar finds in qr drawn at px pixels a module, NUL
 * terminated (malloc'd; the caller frees it), or NULL (with a message on stderr) when
 * zbar finds none or more than one. */
char *tqr_decode(const QrMatrix *qr, int px);

/* The first segment's 4-bit mode indicator (4 = byte, 7 = ECI) and, for ECI in a code
 * of version 1 to 3 (one block of codewords), the one-byte designator after it in *eci
 * (else -1). Returns -1 when the format
 * information cannot be read. */
int tqr_first_mode(const QrMatrix *qr, int *eci);

#endif
