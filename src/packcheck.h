/* packcheck.h: the cross-document checks quire build runs on an agenda
 * and its attachments, each reported with file and line. */
#ifndef QR_PACKCHECK_H
#define QR_PACKCHECK_H

#include <libxml/tree.h>

#include "context.h"

/* Recommendation numbers ("7", "7a") in a report run in order: each
 * number at least the one before, parts ascending within a number.
 * Returns the count of errors reported. */
int qr_check_recommendation_order(quire *q, xmlDocPtr report);

/* Minute numbers in a minutes document increase (the schema already
 * makes them unique). Returns the count of errors reported. */
int qr_check_minute_order(quire *q, xmlDocPtr minutes);

/* The meeting date recorded in a minutes document (meeting/date) equals
 * the date the agenda's attach/@confirms names. attach is the agenda's
 * element (for its line); returns 1 if an error was reported. */
int qr_check_confirms(quire *q, const char *agenda_file, xmlNodePtr attach,
    xmlDocPtr minutes);

/* Clear working days (Monday to Friday; the day of publication and the
 * day of the meeting not counted) from published to meeting, both
 * "YYYY-MM-DD". Returns -1 if either date cannot be read. */
int qr_clear_working_days(const char *published, const char *meeting);

/* The first element child of n with this local name, or NULL. */
xmlNodePtr qr_xml_child(xmlNodePtr n, const char *local);

#endif
