/* store_trans.h: loading the content's translations (the translation, page_tr and
 * page_tr_block tables) from an open store into the Site (see site.h: site_text(),
 * site_page()). Internal to app/store: store.c calls store_trans_load() inside its read
 * transaction, after the pages and the directory, whose rows translations name. */
#ifndef SIGNPOST_STORE_TRANS_H
#define SIGNPOST_STORE_TRANS_H

struct StoreLoad;

/* Fills ld->site's tr_langs, texts and page_trs. Returns 0, or -1 with the load failed
 * and err_set() naming the store and what is wrong (a translation of a row, table or
 * column that is not there, a translated page without its English page). */
int store_trans_load(struct StoreLoad *ld);

#endif
