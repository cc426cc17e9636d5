/* site.c: lookups by id in the in-memory Site (see site.h). Kiosks, types and pages
 * are few and scanned; destinations may run to thousands and are bisected through the
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

int site_find_page(const Site *s, const char *id)
{
    if (!s || !id)
        return -1;
    for (size_t i = 0; i < s->npages; i++)
        if (strcmp(s->pages[i].id, id) == 0)
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

/* Services held in a Site built from files (sorted by name, not id) are scanned; a
 * store's are found with store_find_service(). Categories are a few dozen: scanned. */
int site_find_service(const Site *s, const char *id)
{
    if (!s || !id || !s->services)
        return -1;
    for (size_t i = 0; i < s->nservices; i++)
        if (strcmp(s->services[i].id, id) == 0)
            return (int)i;
    return -1;
}

int site_find_category(const Site *s, const char *id)
{
    if (!s || !id)
        return -1;
    for (size_t i = 0; i < s->ncategories; i++)
        if (strcmp(s->categories[i].id, id) == 0)
            return (int)i;
    return -1;
}
