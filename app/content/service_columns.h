/* service_columns.h: the columns of a content folder's services.csv, defined once (in
 * content_services.c) for the three places that know them: the content build reads the
 * file with them, the Open Referral UK export reads it with them and the import writes
 * its header row from them. The enum gives each column's index in the list. */
#ifndef SIGNPOST_SERVICE_COLUMNS_H
#define SIGNPOST_SERVICE_COLUMNS_H

#include "csv_table.h"

enum { SVC_ID, SVC_NAME, SVC_ORGANIZATION, SVC_STATUS, SVC_DESCRIPTION, SVC_CATEGORIES,
       SVC_ELIGIBILITY, SVC_MIN_AGE, SVC_MAX_AGE, SVC_FEES, SVC_LANGUAGES, SVC_URL,
       SVC_EMAIL, SVC_PHONE, SVC_PHONE_DESC, SVC_PHONE2, SVC_PHONE2_DESC, SVC_PLACE,
       SVC_ADDRESS, SVC_ATTENDING, SVC_ALERT, SVC_ASSURED, SVC_NCOLS };

/* services.csv's columns in SVC_ order: header name, and whether the header must have it. */
extern const CsvColumn service_columns[SVC_NCOLS];

#endif
