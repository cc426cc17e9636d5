/* store_directory.h: the support-and-services directory of an open content store.
 * Categories (with how many services each has), organisations and the PALS phone
 * number are loaded into the Site; services are not (a regional directory reaches
 * 100,000 of them): the load checks every service row and keeps only their A-to-Z
 * order (DirIndex), and a service is read from the store when it is asked for, into a
 * small cache (dir_service). Internal to app/store: store.c calls the load inside its
 * read transaction, after the destinations (services on this site point at one) and
 * before the translations and search rows, which name services by id. */
#ifndef SIGNPOST_STORE_DIRECTORY_H
#define SIGNPOST_STORE_DIRECTORY_H

#include "store_internal.h"

/* Services read and kept at once: the rows on one screen, with room to spare. A
 * pointer dir_service() gives stays valid for the next DIR_CACHE_SLOTS - 1 calls. */
enum { DIR_CACHE_SLOTS = 96 };

typedef struct DirSlot {
    int index;          /* the service held, -1 for none */
    unsigned long used; /* when it was last asked for (DirIndex.clock) */
    Service service;    /* its strings and arrays in arena */
    Arena arena;
} DirSlot;

/* The services' order and cache. Owned by the Store; zeroed before the load. */
typedef struct DirIndex {
    int *rowid;        /* site->nservices entries: A-to-Z index -> rowid (mem) */
    int *index;        /* nrowids entries: rowid -> index, -1 for none (mem) */
    size_t nrowids;
    IdMap orgs;        /* organisation id -> index (ids in the Site's arena) */
    DirSlot *slots;    /* DIR_CACHE_SLOTS (mem) */
    unsigned long clock;
    /* Kept prepared for dir_service(): the service, its phones, categories and meeting
     * times; finalised by dir_index_release(). */
    sqlite3_stmt *q_service, *q_children[3];
    sqlite3_stmt *q_find; /* for dir_find_service() */
} DirIndex;

/* Fills ld->site's categories (with their counts), organizations, nservices and
 * pals_phone (site->services stays NULL), and ix. Every service row and its phones,
 * categories and meeting times are checked as before. Returns 0, or -1 with the load
 * failed and err_set() naming the store and what is wrong. */
int store_directory_load(StoreLoad *ld, DirIndex *ix);
/* Frees what ix owns; leaves it zeroed. */
void dir_index_release(DirIndex *ix);

/* Service `index` (A to Z), read from the store unless cached; NULL with err_msg()
 * naming the store when it cannot be read or is inconsistent. */
const Service *dir_service(DirIndex *ix, sqlite3 *db, Site *site, const char *path,
                           int index);
/* The index of the service with this id, or -1. */
int dir_find_service(DirIndex *ix, sqlite3 *db, const char *id);
/* The index of the service at this rowid of the service table, or -1. */
int dir_index_of_rowid(const DirIndex *ix, sqlite3_int64 rowid);
/* The services in category c, A to Z: *out (mem, the caller frees it) and *n. Returns
 * 0, or -1 with err_msg() naming the store. */
int dir_category_services(const DirIndex *ix, sqlite3 *db, const char *path,
                          const Site *site, int c, int **out, size_t *n);

#endif
