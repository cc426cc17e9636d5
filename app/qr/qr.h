/* qr.h: QR codes for handing information to a phone, via libqrencode.
 * Error correction M, 8-bit mode (UTF-8 text); text with any byte outside ASCII starts
 * with the UTF-8 ECI designator (26) so phones do not read it as Latin-1 or Shift JIS.
 * The matrix has no quiet zone: whoever draws it adds 4 light modules on every side (see
 * ui_qr). Owns nothing but the matrices it returns. */
#ifndef SIGNPOST_QR_H
#define SIGNPOST_QR_H

#include <stdbool.h>
#include <stddef.h>

typedef struct QrMatrix {
    int width;               /* modules per side; 0 when empty */
    unsigned char *modules;  /* width*width bytes, 1 = dark; owned */
    char *payload;           /* the encoded text; owned */
} QrMatrix;

/* Largest payload qr_encode accepts, and the largest version it makes. */
enum { QR_MAX_PAYLOAD = 1200, QR_MAX_VERSION = 29 };

/* Encodes text (at most QR_MAX_PAYLOAD bytes so it stays scannable from a screen).
 * Returns 0, or -1 with err_msg set; out is released first either way. */
int qr_encode(const char *text, QrMatrix *out);

/* Frees the matrix and leaves it empty. Safe on an empty matrix. */
void qr_release(QrMatrix *qr);

/* Modules per side of a code of this version (1 to 40): 17 + 4 * version. */
int qr_version_width(int version);

/* The version of a code `width` modules wide, or 0 when width is not a QR width. */
int qr_width_version(int width);

/* Whether text needs the UTF-8 ECI designator (it has a byte outside ASCII). */
bool qr_needs_eci(const char *text);

/* Bytes of text a code of this version (1 to 40) holds at qr_encode's error
 * correction, with the ECI designator when eci is true; 0 for a bad version. */
size_t qr_capacity(int version, bool eci);

#endif
