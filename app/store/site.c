/* site.c: lookups by id in the in-memory Site (see site.h). Kiosks and types are few
 * and scanned; destinations may run to thousands and are bisected through the
 * id-ordered index the store builds at load time. */
#include "site.h"

#include <string.h>

int site_find_kiosk(const Site *s, const char *id)
{
    if (!s || !id)
        return -1;
    for (size_t i = 0; i < s->nkiosks; i++)
        if (strcmp(s->kiosks[i].id, id) == 0)
            return (int)i;
    return -1;
}

int site_find_type(const Site *s, const char *id)
{
    if (!s || !id)
        return -1;
    for (size_t i = 0; i < s->ntypes; i++)
        if (strcmp(s->types[i].id, id) == 0)
            return (int)i;
    return -1;
}

int site_find_destination(const Site *s, const char *id)
{
    if (!s || !id)
        return -1;
    if (!s->dest_by_id) {
        for (size_t i = 0; i < s->ndestinations; i++)
            if (strcmp(s->destinations[i].id, id) == 0)
                return (int)i;
        return -1;
    }
    size_t lo = 0, hi = s->ndestinations;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int idx = s->dest_by_id[mid];
        int c = strcmp(s->destinations[idx].id, id);
        if (c == 0)
            return idx;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}
