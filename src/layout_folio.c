/* layout_folio.c: page numbers formatted per a page-sequence's format
 * property (XSL 7.26.x, "1", "01", "i", "I", "a", "A", with literal
 * punctuation around the token), locale-free. */
#include <stdio.h>
#include <string.h>

#include "layout_int.h"

static int
S_alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z');
}

static void
S_roman(int n, int upper, char *out, size_t len)
{
	static const int val[] = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9,
	    5, 4, 1};
	static const char *const sym[] = {"m", "cm", "d", "cd", "c", "xc", "l",
	    "xl", "x", "ix", "v", "iv", "i"};
	size_t o = 0, k;
	int i;

	for (i = 0; i < 13 && n > 0; i++)
		while (n >= val[i]) {
			for (k = 0; sym[i][k] != '\0' && o + 1 < len; k++)
				out[o++] = (char)(upper ? sym[i][k] - 32 :
				    sym[i][k]);
			n -= val[i];
		}
	out[o] = '\0';
}

static void
S_alpha(int n, int upper, char *out, size_t len)
{
	char tmp[32];
	size_t o = 0, k = 0;

	/* bijective base 26: a..z, aa..az, ... */
	while (n > 0 && k < sizeof tmp) {
		n--;
		tmp[k++] = (char)((upper ? 'A' : 'a') + n % 26);
		n /= 26;
	}
	while (k > 0 && o + 1 < len)
		out[o++] = tmp[--k];
	out[o] = '\0';
}

char *
qr_layout_format_number(int n, const char *format, char *buf, size_t len)
{
	char num[64];
	size_t p = 0, t, e, o;

	if (len == 0)
		return buf;
	if (format == NULL || *format == '\0')
		format = "1";
	while (format[p] != '\0' && !S_alnum(format[p]))
		p++;
	t = p;
	while (format[t] != '\0' && S_alnum(format[t]))
		t++;
	/* the token is format[p, t) */
	if (t > p && format[p] == 'i' && t - p == 1 && n > 0 && n < 5000)
		S_roman(n, 0, num, sizeof num);
	else if (t > p && format[p] == 'I' && t - p == 1 && n > 0 && n < 5000)
		S_roman(n, 1, num, sizeof num);
	else if (t > p && format[p] == 'a' && t - p == 1 && n > 0)
		S_alpha(n, 0, num, sizeof num);
	else if (t > p && format[p] == 'A' && t - p == 1 && n > 0)
		S_alpha(n, 1, num, sizeof num);
	else {
		int width = 1;

		/* "01", "001": zero-padded to the token's width */
		if (t > p && format[p] == '0')
			width = (int)(t - p);
		if (width > 20)
			width = 20;
		snprintf(num, sizeof num, "%0*d", width, n);
	}
	o = 0;
	for (e = 0; e < p && o + 1 < len; e++)
		buf[o++] = format[e];
	for (e = 0; num[e] != '\0' && o + 1 < len; e++)
		buf[o++] = num[e];
	for (e = t; format[e] != '\0' && o + 1 < len; e++)
		buf[o++] = format[e];
	buf[o] = '\0';
	return buf;
}
