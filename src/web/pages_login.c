/*
 * pages_login.c - the login form, logging in and out. The mechanics
 * (sessions, tokens, attempt limits) are in auth.c; this file draws the
 * form and says what happened, the same words for an unknown name and a
 * wrong password. The password is never written anywhere but to the
 * verifier.
 */
#include <stdio.h>
#include <string.h>

#include "../domain/users.h"
#include "auth.h"
#include "pages.h"

/* A place to go after logging in: a path of this site, never another
 * site ("//evil.example", "/\\evil", "https://..."). */
static const char *safe_next(const char *next)
{
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' || strlen(next) > 512)
		return "/work";
	for (const char *p = next; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == '\\')
			return "/work";
	return next;
}

static void login_form(struct web_request *req, struct web_response *res, int status, const char *message,
		       const char *name)
{
	res->status = status;
	res->no_store = true;
	char token[65];
	web_login_token_issue(res, token);
	web_page_begin(req, res, "Log in");
	web_html(res, "<h1>Log in to the workspace</h1>\n");
	if (message)
		web_html(res, "<p class=\"error\" role=\"alert\">%s</p>\n", message);
	web_html(res,
		 "<form method=\"post\" action=\"/login\" class=\"login\">\n"
		 "<input type=\"hidden\" name=\"csrf\" value=\"%s\">\n"
		 "<input type=\"hidden\" name=\"next\" value=\"%s\">\n"
		 "<p><label for=\"name\">Name</label><br><input id=\"name\" name=\"name\" autocomplete=\"username\" "
		 "required maxlength=\"63\" value=\"%s\"></p>\n"
		 "<p><label for=\"password\">Password</label><br><input id=\"password\" name=\"password\" type=\"password\" "
		 "autocomplete=\"current-password\" required></p>\n"
		 "<p><button type=\"submit\">Log in</button></p>\n</form>\n"
		 "<p>The workspace is for the secretariat's officers, the mandate holders and administrators. "
		 "The public record needs no login.</p>\n",
		 token, safe_next(web_form(req, "next") ? web_form(req, "next") : web_query(req, "next")), name ? name : "");
	web_page_end(req, res);
}

void page_login(struct web_request *req, struct web_response *res)
{
	if (req->user) {
		web_redirect(res, safe_next(web_query(req, "next")));
		return;
	}
	login_form(req, res, 200, NULL, NULL);
}

void page_login_post(struct web_request *req, struct web_response *res)
{
	res->no_store = true;
	if (req->user) {
		web_redirect(res, safe_next(web_form(req, "next")));
		return;
	}
	if (!web_login_token_ok(req)) {
		/* no new login cookie here: a form posted from another site must
		 * not replace the cookie of a session the browser holds */
		web_error(req, res, 403, "The login form had expired or did not come from this site. "
					 "Open the login page again and log in from there.");
		return;
	}
	const char *name = web_form(req, "name"), *password = web_form(req, "password");
	if (!name || !*name || !password || !*password || strlen(name) > 63 || strlen(password) > USER_PASSWORD_MAX) {
		login_form(req, res, 400, "Give your name and your password.", name && strlen(name) <= 63 ? name : NULL);
		return;
	}
	if (!web_login_attempt(req->db, name, req->client)) {
		char wait[16];
		snprintf(wait, sizeof(wait), "%d", WEB_LOGIN_WINDOW_S);
		web_header(res, "Retry-After", wait);
		login_form(req, res, 429,
			   "Too many failed logins for this name or from this address. Wait 15 minutes and try again, "
			   "or ask an administrator.",
			   name);
		return;
	}
	struct user u;
	struct error err;
	int ok = user_authenticate(req->db, name, password, &u, &err);
	if (ok < 0) {
		web_error(req, res, 503, "Logging in is not possible just now; try again in a moment.");
		return;
	}
	if (!ok) {
		/* the same words whether the name is unknown, the password wrong or the user disabled */
		login_form(req, res, 401, "The name or the password is not right.", name);
		return;
	}
	web_login_succeeded(req->db, name);
	if (web_session_start(req, res, u.id, &err) < 0) {
		web_error(req, res, 503, "Logging in is not possible just now; try again in a moment.");
		return;
	}
	web_redirect(res, safe_next(web_form(req, "next")));
}

void page_logout(struct web_request *req, struct web_response *res)
{
	web_session_end(req, res);
	web_redirect(res, "/");
}
