/*
 * routes.c - the table of every address the server answers, with the roles
 * each needs (after Fossil's static page table). A route not listed here
 * does not exist; a role not listed cannot reach it.
 */
#include "pages.h"

const struct web_route web_routes[] = {
	/* --- public record and API --- (no login; docs/API.md). WEB_CACHED: the
	 * anonymous answers are kept until the store changes or the day turns
	 * (cache.h); /dump.json is too large to keep, /submit sets a cookie. */
	{"GET", "/", 0, page_home, WEB_CACHED},
	{"GET", "/static/style.css", 0, page_style},
	{"GET", "/c/*", 0, page_communication, WEB_CACHED}, /* and /c/SLUG.pdf */
	{"GET", "/search", 0, page_search, WEB_CACHED},
	{"GET", "/search.csv", 0, page_search_csv, WEB_CACHED},
	{"GET", "/search.json", 0, page_search_json, WEB_CACHED},
	{"GET", "/addressee/*", 0, page_addressee, WEB_CACHED},
	{"GET", "/mandate/*", 0, page_mandate, WEB_CACHED},
	{"GET", "/stats", 0, page_stats, WEB_CACHED},
	{"GET", "/feed.atom", 0, page_feed, WEB_CACHED},
	{"GET", "/dump.json", 0, page_dump},
	{"GET", "/api/v1", 0, api_index, WEB_CACHED},
	{"GET", "/api/v1/search", 0, api_search, WEB_CACHED},
	{"GET", "/api/v1/communications/*", 0, api_communication, WEB_CACHED},
	{"GET", "/api/v1/communications/*/replies", 0, api_replies, WEB_CACHED},
	{"GET", "/api/v1/addressees/*", 0, api_addressee, WEB_CACHED},
	{"GET", "/api/v1/mandates/*", 0, api_mandate, WEB_CACHED},
	{"GET", "/api/v1/stats", 0, api_stats, WEB_CACHED},
	{"GET", "/submit", 0, page_submit},	  /* the public intake form; ?receipt=N after sending */
	{"POST", "/submit", 0, page_submit_post}, /* its own CSRF check (the login form's) and a limit per address */
	{"GET", "/situation/*", 0, page_situation, WEB_CACHED}, /* and /situation/SLUG.csv, .json, .svg */
	{"GET", "/api/v1/situations", 0, api_situations, WEB_CACHED},
	{"GET", "/api/v1/situations/*", 0, api_situation, WEB_CACHED},
	/* --- end of public record and API --- */
	/* --- workspace --- (docs/WORKSPACE.md) */
	{"GET", "/login", 0, page_login},
	{"POST", "/login", 0, page_login_post}, /* its own CSRF check: a login cookie, see auth.h */
	{"POST", "/logout", ROLE_WORKSPACE, page_logout},
	{"GET", "/static/work.css", 0, page_work_css},
	{"GET", "/static/preview.js", 0, page_preview_js},
	{"GET", "/work", ROLE_WORKSPACE, page_work},
	{"GET", "/work/drafts", ROLE_WORKSPACE, page_work_drafts},
	{"GET", "/work/drafts/new", ROLE_OFFICER, page_work_draft_new},
	{"POST", "/work/drafts/new", ROLE_OFFICER, page_work_draft_create},
	{"POST", "/work/preview", ROLE_OFFICER, page_work_preview},
	{"GET", "/work/letters", ROLE_WORKSPACE, page_work_letters},
	{"GET", "/work/c/*", ROLE_WORKSPACE, page_work_communication},
	{"GET", "/work/c/*/edit", ROLE_OFFICER, page_work_draft_edit},
	{"POST", "/work/c/*/edit", ROLE_OFFICER, page_work_draft_save},
	{"POST", "/work/c/*/approve", ROLE_HOLDER, page_work_approve},
	{"POST", "/work/c/*/send", ROLE_OFFICER, page_work_send},
	{"POST", "/work/c/*/reply", ROLE_OFFICER, page_work_reply_add},
	{"POST", "/work/replies/*/mark", ROLE_OFFICER, page_work_reply_mark},
	{"GET", "/work/upload", ROLE_OFFICER, page_work_upload_form},
	{"POST", "/work/upload", ROLE_OFFICER, page_work_upload},
	{"POST", "/work/upload/confirm", ROLE_OFFICER, page_work_upload_confirm},
	{"GET", "/work/users", ROLE_ADMIN, page_work_users},
	{"POST", "/work/users", ROLE_ADMIN, page_work_user_add},
	{"POST", "/work/users/*/disable", ROLE_ADMIN, page_work_user_disable},
	/* intake, cases, figures and situations: officers only (sealed fields opened) */
	{"GET", "/work/intake", ROLE_OFFICER, page_work_intake},
	{"GET", "/work/intake/*", ROLE_OFFICER, page_work_submission},
	{"POST", "/work/intake/*/decide", ROLE_OFFICER, page_work_submission_decide},
	{"POST", "/work/intake/*/link", ROLE_OFFICER, page_work_submission_link},
	{"POST", "/work/intake/*/apart", ROLE_OFFICER, page_work_submission_apart},
	{"POST", "/work/intake/*/case", ROLE_OFFICER, page_work_submission_case},
	{"GET", "/work/cases", ROLE_OFFICER, page_work_cases},
	{"GET", "/work/cases/*", ROLE_OFFICER, page_work_case},
	{"POST", "/work/cases/*/event", ROLE_OFFICER, page_work_case_event},
	{"POST", "/work/cases/*/import", ROLE_OFFICER, page_work_case_import},
	{"POST", "/work/cases/*/draft", ROLE_OFFICER, page_work_case_draft},
	{"GET", "/work/figures", ROLE_OFFICER, page_work_figures},
	{"POST", "/work/figures/*", ROLE_OFFICER, page_work_figure_decide},
	{"GET", "/work/situations", ROLE_OFFICER, page_work_situations},
	{"POST", "/work/situations", ROLE_OFFICER, page_work_situation_new},
	{"GET", "/work/situations/*", ROLE_OFFICER, page_work_situation},
	{"POST", "/work/situations/*/link", ROLE_OFFICER, page_work_situation_link},
	/* --- end of workspace --- */
	{NULL, NULL, 0, NULL},
};
