/*
 * routes.c - the table of every address the server answers, with the roles
 * each needs (after Fossil's static page table). A route not listed here
 * does not exist; a role not listed cannot reach it.
 */
#include "pages.h"

const struct web_route web_routes[] = {
	/* the public record: no login */
	{"GET", "/", 0, page_home},
	{"GET", "/static/style.css", 0, page_style},
	{"GET", "/c/*", 0, page_communication},
	{NULL, NULL, 0, NULL},
};
