/*
 * helpers.h - what every unit test program includes: cmocka (its headers
 * must come in this order) and a few assertions cmocka lacks. Header-only,
 * so each test stays one self-contained program.
 */
#ifndef RAPPORTEUR_TEST_HELPERS_H
#define RAPPORTEUR_TEST_HELPERS_H

/* clang-format off */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */

#include <stdio.h>
#include <string.h>

/* hay (a string, may be NULL) contains needle. */
#define assert_contains(hay, needle)                                                      \
	do {                                                                              \
		const char *hay_ = (hay), *needle_ = (needle);                            \
		if (!hay_ || !strstr(hay_, needle_))                                      \
			fail_msg("\"%s\" does not contain \"%s\"", hay_ ? hay_ : "(null)", \
				 needle_);                                                \
	} while (0)

/* hay (a string, may be NULL) does not contain needle. */
#define assert_not_contains(hay, needle)                                     \
	do {                                                                 \
		const char *hay_ = (hay), *needle_ = (needle);               \
		if (hay_ && strstr(hay_, needle_))                           \
			fail_msg("\"%s\" contains \"%s\"", hay_, needle_);   \
	} while (0)

#endif
