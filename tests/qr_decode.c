/* qr_decode.c: QR matrices back to text with libzbar, and the first data segment's mode
 * read from the modules (see qr_decode.h). */
#include "qr_decode.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zbar.h>

char *tqr_decode(const QrMatrix *qr, int px)
{
    int side = (qr->width + 8) * px;
    unsigned char *gray = malloc((size_t)side * (size_t)side);
    if (!gray)
        return NULL;
    memset(gray, 255, (size_t)side * (size_t)side);
    for (int y = 0; y < qr->width; y++)
        for (int x = 0; x < qr->width; x++)
            if (qr->modules[y * qr->width + x])
                for (int dy = 0; dy < px; dy++)
                    memset(gray + (size_t)((y + 4) * px + dy) * (size_t)side +
                               (size_t)(x + 4) * (size_t)px,
                           0, (size_t)px);
    zbar_image_scanner_t *scanner = zbar_image_scanner_create();
    zbar_image_scanner_set_config(scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
    zbar_image_scanner_set_config(scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
    zbar_image_t *img = zbar_image_create();
    zbar_image_set_format(img, zbar_fourcc('Y', '8', '0', '0'));
    zbar_image_set_size(img, (unsigned)side, (unsigned)side);
    zbar_image_set_data(img, gray, (unsigned long)side * (unsigned long)side, NULL);
    int n = zbar_scan_image(scanner, img);
    char *out = NULL;
    if (n == 1) {
        const zbar_symbol_t *sym = zbar_image_first_symbol(img);
        out = strdup(zbar_symbol_get_data(sym));
    } else {
        fprintf(stderr, "tqr_decode: zbar found %d symbols in a %d-module code\n", n,
                qr->width);
    }
    zbar_image_destroy(img);
    zbar_image_scanner_destroy(scanner);
    free(gray);
    return out;
}

/* Whether mask pattern m darkens (flips) the module at row i, column j. */
static int mask_bit(int m, int i, int j)
{
    switch (m) {
    case 0: return (i + j) % 2 == 0;
    case 1: return i % 2 == 0;
    case 2: return j % 3 == 0;
    case 3: return (i + j) % 3 == 0;
    case 4: return (i / 2 + j / 3) % 2 == 0;
    case 5: return (i * j) % 2 + (i * j) % 3 == 0;
    case 6: return ((i * j) % 2 + (i * j) % 3) % 2 == 0;
    default: return ((i * j) % 3 + (i + j) % 2) % 2 == 0;
    }
}

int tqr_first_mode(const QrMatrix *qr, int *eci)
{
    int w = qr->width;
    *eci = -1;
    if (w < 21)
        return -1;
    /* Format information beside the top-left finder, least significant bit first. */
    int format = 0;
    for (int i = 0; i < 15; i++) {
        int r, c;
        if (i < 6) { r = i; c = 8; }
        else if (i == 6) { r = 7; c = 8; }
        else if (i == 7) { r = 8; c = 8; }
        else if (i == 8) { r = 8; c = 7; }
        else { r = 8; c = 14 - i; }
        format |= (qr->modules[r * w + c] & 1) << i;
    }
    int mask = ((format ^ 0x5412) >> 10) & 7;
    /* Data starts at the bottom-right corner and goes up two columns at a time, the
     * right column first. */
    int bits = 0;
    for (int k = 0; k < 12; k++) {
        int r = w - 1 - k / 2, c = w - 1 - k % 2;
        bits = bits << 1 | ((qr->modules[r * w + c] & 1) ^ mask_bit(mask, r, c));
    }
    int mode = bits >> 8;
    /* Up to version 3 there is one block, so the second codeword follows the first;
     * from version 4 the blocks are interleaved and only the mode is read. */
    if (mode == 7 && w <= qr_version_width(3))
        *eci = bits & 0xff;
    return mode;
}
