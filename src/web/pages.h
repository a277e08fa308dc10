/*
 * pages.h - the page handlers, one group per file: pages_public.c (the
 * public record), later pages_api.c, pages_work.c (the workspace).
 */
#ifndef RAPPORTEUR_WEB_PAGES_H
#define RAPPORTEUR_WEB_PAGES_H

#include "web.h"

/* --- public record and API: pages_public.c, pages_search.c, pages_stats.c,
 * pages_feed.c, pages_api.c --- */
void page_home(struct web_request *req, struct web_response *res);
void page_style(struct web_request *req, struct web_response *res);
void page_communication(struct web_request *req, struct web_response *res);
void page_search(struct web_request *req, struct web_response *res);
void page_search_csv(struct web_request *req, struct web_response *res);
void page_search_json(struct web_request *req, struct web_response *res);
void page_addressee(struct web_request *req, struct web_response *res);
void page_mandate(struct web_request *req, struct web_response *res);
void page_stats(struct web_request *req, struct web_response *res);
void page_feed(struct web_request *req, struct web_response *res);
void page_dump(struct web_request *req, struct web_response *res);
void api_index(struct web_request *req, struct web_response *res);
void api_search(struct web_request *req, struct web_response *res);
void api_communication(struct web_request *req, struct web_response *res);
void api_replies(struct web_request *req, struct web_response *res);
void api_addressee(struct web_request *req, struct web_response *res);
void api_mandate(struct web_request *req, struct web_response *res);
void api_stats(struct web_request *req, struct web_response *res);
/* pages_intake.c: the public intake form */
void page_submit(struct web_request *req, struct web_response *res);
void page_submit_post(struct web_request *req, struct web_response *res);
/* pages_situation.c: a situation's page, its figures as CSV and JSON, its funnel as SVG */
void page_situation(struct web_request *req, struct web_response *res);
void api_situations(struct web_request *req, struct web_response *res);
void api_situation(struct web_request *req, struct web_response *res);
/* --- end of public record and API --- */

/* --- workspace: pages_login.c, pages_work*.c --- */
/* Every role that has a workspace. */
#define ROLE_WORKSPACE (ROLE_OFFICER | ROLE_HOLDER | ROLE_ADMIN)
void page_login(struct web_request *req, struct web_response *res);
void page_login_post(struct web_request *req, struct web_response *res);
void page_logout(struct web_request *req, struct web_response *res);
void page_work_css(struct web_request *req, struct web_response *res);
void page_preview_js(struct web_request *req, struct web_response *res);
void page_work(struct web_request *req, struct web_response *res);
void page_work_drafts(struct web_request *req, struct web_response *res);
void page_work_letters(struct web_request *req, struct web_response *res);
void page_work_communication(struct web_request *req, struct web_response *res);
void page_work_draft_new(struct web_request *req, struct web_response *res);
void page_work_draft_create(struct web_request *req, struct web_response *res);
void page_work_draft_edit(struct web_request *req, struct web_response *res);
void page_work_draft_save(struct web_request *req, struct web_response *res);
void page_work_preview(struct web_request *req, struct web_response *res);
void page_work_approve(struct web_request *req, struct web_response *res);
void page_work_send(struct web_request *req, struct web_response *res);
void page_work_reply_add(struct web_request *req, struct web_response *res);
void page_work_reply_mark(struct web_request *req, struct web_response *res);
void page_work_upload_form(struct web_request *req, struct web_response *res);
void page_work_upload(struct web_request *req, struct web_response *res);
void page_work_upload_confirm(struct web_request *req, struct web_response *res);
void page_work_users(struct web_request *req, struct web_response *res);
void page_work_user_add(struct web_request *req, struct web_response *res);
void page_work_user_disable(struct web_request *req, struct web_response *res);
/* pages_work_intake.c: submissions, their decision, duplicates, a case from one */
void page_work_intake(struct web_request *req, struct web_response *res);
void page_work_submission(struct web_request *req, struct web_response *res);
void page_work_submission_decide(struct web_request *req, struct web_response *res);
void page_work_submission_link(struct web_request *req, struct web_response *res);
void page_work_submission_apart(struct web_request *req, struct web_response *res);
void page_work_submission_case(struct web_request *req, struct web_response *res);
/* pages_work_case.c: cases, additions to one, a draft from one */
void page_work_cases(struct web_request *req, struct web_response *res);
void page_work_case(struct web_request *req, struct web_response *res);
void page_work_case_event(struct web_request *req, struct web_response *res);
void page_work_case_import(struct web_request *req, struct web_response *res);
void page_work_case_draft(struct web_request *req, struct web_response *res);
/* pages_work_figures.c: figures to decide, situations and their funnels */
void page_work_figures(struct web_request *req, struct web_response *res);
void page_work_figure_decide(struct web_request *req, struct web_response *res);
void page_work_situations(struct web_request *req, struct web_response *res);
void page_work_situation_new(struct web_request *req, struct web_response *res);
void page_work_situation(struct web_request *req, struct web_response *res);
void page_work_situation_link(struct web_request *req, struct web_response *res);
/* --- end of workspace --- */

/* "YYYY-MM-DD" of today (the clock, settable for tests). */
void web_today(char out[11]);

#endif
