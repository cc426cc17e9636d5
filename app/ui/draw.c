/* draw.c: the draw list buffer and its content hash (see draw.h). */
#include "draw.h"

#include "mem.h"

#include <stdlib.h>
#include <string.h>

void drawlist_init(DrawList *dl)
{
    dl->cmds = NULL;
    dl->len = dl->cap = 0;
}

void drawlist_release(DrawList *dl)
{
    free(dl->cmds);
    drawlist_init(dl);
}

void drawlist_clear(DrawList *dl)
{
    dl->len = 0;
}

DrawCmd *drawlist_push(DrawList *dl, DrawKind kind)
{
    if (mem_grow((void **)&dl->cmds, &dl->cap, dl->len + 1, sizeof(DrawCmd)) != 0)
        return NULL;
    DrawCmd *c = &dl->cmds[dl->len++];
    memset(c, 0, sizeof *c);
    c->kind = kind;
    return c;
}

static uint64_t fnv(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
    return h;
}

uint64_t drawlist_hash(const DrawList *dl)
{
    uint64_t h = 14695981039346656037ULL;
    for (size_t i = 0; i < dl->len; i++) {
        const DrawCmd *c = &dl->cmds[i];
        int fields[] = {c->kind, c->rect.x, c->rect.y, c->rect.w, c->rect.h,
                        c->color.r, c->color.g, c->color.b, c->color.a, c->radius,
                        c->thickness, c->font, c->x1, c->y1, c->x2, c->y2};
        h = fnv(h, fields, sizeof fields);
        if (c->text)
            h = fnv(h, c->text, strlen(c->text) + 1);
        if (c->blob) {
            uintptr_t b[2] = {(uintptr_t)c->blob, (uintptr_t)c->blob_len};
            h = fnv(h, b, sizeof b);
        }
        if (c->qr && c->qr->modules)
            h = fnv(h, c->qr->modules, (size_t)c->qr->width * (size_t)c->qr->width);
    }
    return h;
}
