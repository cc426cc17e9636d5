/* store_directory.h: loading the support-and-services directory (categories,
 * organisations, services with their phones, categories and meeting times, and the
 * PALS phone number) from an open content store into the Site. Internal to
 * app/store: store.c calls it inside its read transaction, after the destinations
 * (services on this site point at one) and before the search rows. */
#ifndef SIGNPOST_STORE_DIRECTORY_H
#define SIGNPOST_STORE_DIRECTORY_H

#include "store_internal.h"

/* Fills ld->site's categories, organizations, services (sorted A to Z by name) and
 * pals_phone. Returns 0, or -1 with the load failed and err_set() naming the store and
 * what is wrong. */
int store_directory_load(StoreLoad *ld);

#endif
