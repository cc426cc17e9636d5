/* qr.h: QR codes for handing information to a phone, via libqrencode.
 * Error correction M, 8-bit mode (UTF-8 text). The matrix has no quiet zone: whoever
 * draws it adds 4 light modules on every side (see ui_qr). */
#ifndef SIGNPOST_QR_H
#define SIGNPOST_QR_H

#include <stddef.h>

typedef struct QrMatrix {
    int width;               /* modules per side; 0 when empty */
    unsigned char *modules;  /* width*width bytes, 1 = dark; owned */
    char *payload;           /* the encoded text; owned */
} QrMatrix;

/* Encodes text (at most 1200 bytes so it stays scannable from a screen).
 * Returns 0, or -1 with err_msg set; out is released first either way. */
int qr_encode(const char *text, QrMatrix *out);

/* Frees the matrix and leaves it empty. Safe on an empty matrix. */
void qr_release(QrMatrix *qr);

/* Largest payload qr_encode accepts. */
enum { QR_MAX_PAYLOAD = 1200 };

#endif
