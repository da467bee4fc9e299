/* test_packcheck.c: the cross-document checks of quire build. */
#include <check.h>
#include <string.h>

#include <libxml/parser.h>

#include "packcheck.h"

static int nerr, last_line;
static char last_msg[1024];

static void
capture(const quire_diagnostic *d, void *user)
{
	(void)user;
	nerr++;
	last_line = d->line;
	strncpy(last_msg, d->message, sizeof last_msg - 1);
}

static xmlDocPtr
doc(const char *s, const char *url)
{
	return xmlReadMemory(s, (int)strlen(s), url, NULL, XML_PARSE_NONET);
}

START_TEST(working_days)
{
	/* Monday 4 September 2017 to Tuesday 12 September: Tue, Wed, Thu,
	 * Fri, Mon are clear; the two days themselves are not. */
	ck_assert_int_eq(qr_clear_working_days("2017-09-04", "2017-09-12"), 5);
	ck_assert_int_eq(qr_clear_working_days("2017-09-05", "2017-09-12"), 4);
	/* Friday to Monday: nothing clear in between but a weekend. */
	ck_assert_int_eq(qr_clear_working_days("2017-09-08", "2017-09-11"), 0);
	/* Across a month and a leap day. */
	ck_assert_int_eq(qr_clear_working_days("2024-02-27", "2024-03-05"), 4);
	ck_assert_int_eq(qr_clear_working_days("2017-09-12", "2017-09-04"), 0);
	ck_assert_int_eq(qr_clear_working_days("yesterday", "2017-09-04"), -1);
	ck_assert_int_eq(qr_clear_working_days("2017-13-01", "2017-09-04"), -1);
	/* Days the month does not have. */
	ck_assert_int_eq(qr_clear_working_days("2017-02-29", "2017-09-04"), -1);
	ck_assert_int_eq(qr_clear_working_days("2024-04-31", "2024-09-04"), -1);
	ck_assert_int_eq(qr_clear_working_days("2024-02-29", "2024-03-04"), 1);
	ck_assert_int_eq(qr_clear_working_days("2000-02-29", "2000-03-01"), 0);
	ck_assert_int_eq(qr_clear_working_days("1900-02-29", "1900-03-05"), -1);
}
END_TEST

START_TEST(recommendations_in_order)
{
	quire *q = quire_new();
	xmlDocPtr good = doc("<r><recommendation number='1'/><recommendation number='7a'/>"
	    "<recommendation number='7b'/><x><recommendation number='8'/></x></r>", "good.xml");
	xmlDocPtr bad = doc("<r><recommendation number='1'/>\n<recommendation number='3'/>\n"
	    "<recommendation number='2'/><recommendation number='7b'/>\n<recommendation number='7a'/></r>", "bad.xml");

	quire_set_diagnostic_handler(q, capture, NULL);
	nerr = 0;
	ck_assert_int_eq(qr_check_recommendation_order(q, good), 0);
	ck_assert_int_eq(nerr, 0);
	ck_assert_int_eq(qr_check_recommendation_order(q, bad), 2);
	ck_assert_int_eq(last_line, 4);
	ck_assert_ptr_nonnull(strstr(last_msg, "7a comes after 7b"));
	xmlFreeDoc(good);
	xmlFreeDoc(bad);
	quire_free(q);
}
END_TEST

START_TEST(confirms_date)
{
	quire *q = quire_new();
	xmlDocPtr ag = doc("<agenda>\n<attach href='m.xml' confirms='2017-07-03'/></agenda>", "agenda.xml");
	xmlDocPtr ok = doc("<minutes><meeting><date>2017-07-03</date></meeting></minutes>", "m.xml");
	xmlDocPtr wrong = doc("<minutes><meeting><date>2017-06-03</date></meeting></minutes>", "m.xml");
	xmlNodePtr attach = qr_xml_child(xmlDocGetRootElement(ag), "attach");

	quire_set_diagnostic_handler(q, capture, NULL);
	nerr = 0;
	ck_assert_int_eq(qr_check_confirms(q, "agenda.xml", attach, ok), 0);
	ck_assert_int_eq(qr_check_confirms(q, "agenda.xml", attach, wrong), 1);
	ck_assert_int_eq(nerr, 1);
	ck_assert_int_eq(last_line, 2);
	ck_assert_ptr_nonnull(strstr(last_msg, "2017-06-03"));
	xmlFreeDoc(ag);
	xmlFreeDoc(ok);
	xmlFreeDoc(wrong);
	quire_free(q);
}
END_TEST

START_TEST(minutes_in_order)
{
	quire *q = quire_new();
	xmlDocPtr good = doc("<minutes><minute number='1'/><minute number='2'/><minute number='5'/></minutes>", "m.xml");
	xmlDocPtr bad = doc("<minutes><minute number='1'/>\n<minute number='3'/>\n<minute number='2'/></minutes>", "m.xml");

	quire_set_diagnostic_handler(q, capture, NULL);
	nerr = 0;
	ck_assert_int_eq(qr_check_minute_order(q, good), 0);
	ck_assert_int_eq(qr_check_minute_order(q, bad), 1);
	ck_assert_int_eq(last_line, 3);
	ck_assert_ptr_nonnull(strstr(last_msg, "minute 2 comes after minute 3"));
	xmlFreeDoc(good);
	xmlFreeDoc(bad);
	quire_free(q);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("packcheck");
	TCase *tc = tcase_create("packcheck");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, working_days);
	tcase_add_test(tc, recommendations_in_order);
	tcase_add_test(tc, confirms_date);
	tcase_add_test(tc, minutes_in_order);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	xmlCleanupParser();
	return failed == 0 ? 0 : 1;
}
