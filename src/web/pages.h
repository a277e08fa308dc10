/*
 * pages.h - the page handlers, one group per file: pages_public.c (the
 * public record), later pages_api.c, pages_work.c (the workspace).
 */
#ifndef RAPPORTEUR_WEB_PAGES_H
#define RAPPORTEUR_WEB_PAGES_H

#include "web.h"

void page_home(struct web_request *req, struct web_response *res);
void page_style(struct web_request *req, struct web_response *res);
void page_communication(struct web_request *req, struct web_response *res);

/* "YYYY-MM-DD" of today (the clock, settable for tests). */
void web_today(char out[11]);

#endif
