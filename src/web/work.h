/*
 * work.h - what the workspace pages share (pages_work.c, pages_work_draft.c,
 * pages_work_reply.c): the workspace frame, the CSRF field, ids from the
 * address, who may see a draft. Internal to src/web/; the handlers
 * themselves are declared in pages.h.
 */
#ifndef RAPPORTEUR_WEB_WORK_H
#define RAPPORTEUR_WEB_WORK_H

#include <stdbool.h>

#include "web.h"

/* The page frame with the workspace's own navigation and style sheet. */
void work_begin(struct web_request *req, struct web_response *res, const char *title);
void work_end(struct web_request *req, struct web_response *res);
/* The hidden field every state-changing form carries. */
void work_csrf(const struct web_request *req, struct web_response *res);
/* The user has one of these roles. */
bool work_has(const struct web_request *req, int roles);
/* The id in the address (the first "*"), 0 when it is not a number. */
long long work_capture_id(const struct web_request *req);
/* A holder sees the drafts their mandate joins, and every sent letter;
 * officers and administrators see everything. */
bool work_may_see(struct web_request *req, long long id);
/* "Kazakhstan" for "KAZ" (the code itself when unknown; "" for NULL). */
const char *work_country_name(const char *alpha3);
/* A date of the form "YYYY-MM-DD" no later than today, else DATE_NONE
 * (with the reason in why). */
int work_past_date(const char *text, const char **why);

/* Parts of the communication page drawn by the other files. */
void work_draft_part(struct web_request *req, struct web_response *res, long long id, const char *status);
void work_replies_part(struct web_request *req, struct web_response *res, long long id, const char *status,
		       const char *language);

#endif
