/* packcheck.c: cross-document checks for quire build. The schemas hold
 * every rule one document can check by itself (unique numbers, dates);
 * these are the rules that need order or a second document. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "packcheck.h"

xmlNodePtr
qr_xml_child(xmlNodePtr n, const char *local)
{
	for (n = n != NULL ? n->children : NULL; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, local) == 0)
			return n;
	return NULL;
}

static void
walk_recs(quire *q, const char *file, xmlNodePtr n, long *prev_num,
    int *prev_part, char *prev_text, size_t prev_size, int *errors)
{
	for (; n != NULL; n = n->next) {
		xmlChar *num;
		char *end;
		long v;
		int part;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)n->name, "recommendation") != 0) {
			walk_recs(q, file, n->children, prev_num, prev_part,
			    prev_text, prev_size, errors);
			continue;
		}
		num = xmlGetProp(n, (const xmlChar *)"number");
		if (num == NULL)
			continue;
		v = strtol((const char *)num, &end, 10);
		part = *end >= 'a' && *end <= 'z' ? *end : 0;
		if (*prev_num >= 0 && (v < *prev_num ||
		    (v == *prev_num && part <= *prev_part))) {
			qr_diag(q, QD_PACK, file, xmlGetLineNo(n), 0,
			    "recommendation %s comes after %s: number the "
			    "recommendations in order (1, 2, 7a, 7b, 8, ...)",
			    (const char *)num, prev_text);
			(*errors)++;
		}
		*prev_num = v;
		*prev_part = part;
		snprintf(prev_text, prev_size, "%s", (const char *)num);
		xmlFree(num);
	}
}

int
qr_check_recommendation_order(quire *q, xmlDocPtr report)
{
	long prev = -1;
	int part = 0, errors = 0;
	char text[64] = "";

	walk_recs(q, (const char *)report->URL, xmlDocGetRootElement(report),
	    &prev, &part, text, sizeof text, &errors);
	return errors;
}

int
qr_check_minute_order(quire *q, xmlDocPtr minutes)
{
	xmlNodePtr n, root = xmlDocGetRootElement(minutes);
	long prev = 0;
	int errors = 0;

	if (root == NULL || strcmp((const char *)root->name, "minutes") != 0)
		return 0;
	for (n = root->children; n != NULL; n = n->next) {
		xmlChar *num;
		long v;

		if (n->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)n->name, "minute") != 0)
			continue;
		if ((num = xmlGetProp(n, (const xmlChar *)"number")) == NULL)
			continue;
		v = strtol((const char *)num, NULL, 10);
		if (v <= prev) {
			qr_diag(q, QD_PACK, (const char *)minutes->URL,
			    xmlGetLineNo(n), 0, "minute %ld comes after minute "
			    "%ld: number the minutes in the order they were "
			    "taken", v, prev);
			errors++;
		}
		prev = v;
		xmlFree(num);
	}
	return errors;
}

int
qr_check_confirms(quire *q, const char *agenda_file, xmlNodePtr attach,
    xmlDocPtr minutes)
{
	xmlChar *want = xmlGetProp(attach, (const xmlChar *)"confirms");
	xmlNodePtr date = qr_xml_child(qr_xml_child(
	    xmlDocGetRootElement(minutes), "meeting"), "date");
	xmlChar *have = date != NULL ? xmlNodeGetContent(date) : NULL;
	int bad = 0;

	if (want != NULL && (have == NULL ||
	    strcmp((const char *)want, (const char *)have) != 0)) {
		qr_diag(q, QD_PACK, agenda_file, xmlGetLineNo(attach), 0,
		    "this item confirms the minutes of %s, but %s records a "
		    "meeting on %s: attach the right minutes or correct "
		    "'confirms'", (const char *)want,
		    (const char *)minutes->URL,
		    have != NULL ? (const char *)have : "(no date)");
		bad = 1;
	}
	xmlFree(want);
	xmlFree(have);
	return bad;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
 * days_from_civil). */
static long
days_from_civil(long y, unsigned m, unsigned d)
{
	long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

static int
parse_date(const char *s, long *days)
{
	int y, m, d;
	char tail;

	static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31};

	if (s == NULL || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
	    m < 1 || m > 12 || d < 1 || d > mdays[m - 1] ||
	    (m == 2 && d == 29 && (y % 4 != 0 ||
	    (y % 100 == 0 && y % 400 != 0))))
		return -1;
	*days = days_from_civil(y, (unsigned)m, (unsigned)d);
	return 0;
}

int
qr_clear_working_days(const char *published, const char *meeting)
{
	long a, b, day;
	int n = 0;

	if (parse_date(published, &a) != 0 || parse_date(meeting, &b) != 0)
		return -1;
	for (day = a + 1; day < b; day++) {
		/* 1970-01-01 was a Thursday: weekday 0 = Monday. */
		long wd = ((day % 7) + 7 + 3) % 7;

		if (wd < 5)
			n++;
	}
	return n;
}
