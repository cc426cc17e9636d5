/* store_pages.h: information pages in the content store: the names their block kinds
 * have in the page_block table (shared by the content build that writes them and the
 * kiosk that reads them), and loading the pages from an open store into the Site.
 * Internal to app/store and app/content: store.c calls store_pages_load() inside its
 * read transaction, before the search rows (which may name pages). */
#ifndef SIGNPOST_STORE_PAGES_H
#define SIGNPOST_STORE_PAGES_H

#include "site.h"

struct StoreLoad;

/* "heading", "paragraph", "bullet", "numbered", "link". */
const char *page_block_kind_name(PageBlockKind kind);
/* The kind named s, or -1 when s names none. */
int page_block_kind_parse(const char *s);

/* Fills ld->site's pages (in their sort order), each with its blocks (store_internal.h).
 * Returns 0, or -1 with the load failed and err_set() naming the store and what is
 * wrong (a block of a page that is not there, an unknown kind, a heading level outside
 * 1-3, a link without a target). */
int store_pages_load(struct StoreLoad *ld);

#endif
