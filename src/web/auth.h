/*
 * auth.h - who is asking: the session cookie to a user with roles, and the
 * CSRF check for every form that changes state. server.c calls
 * web_identify() and web_csrf_ok() before any route runs; the login and
 * logout pages (pages_login.c) start and end sessions here. See
 * docs/WORKSPACE.md for the choices (cookie flags, expiry, limits).
 */
#ifndef RAPPORTEUR_WEB_AUTH_H
#define RAPPORTEUR_WEB_AUTH_H

#include <stdbool.h>

#include "web.h"

/* The session cookie's name (server.c reads it into req->cookie_session). */
#define WEB_SESSION_COOKIE "rapporteur_session"
/* A session ends after this long without a request, and in any case
 * this long after login. */
#define WEB_SESSION_IDLE_S (12 * 3600)
#define WEB_SESSION_MAX_S (7 * 24 * 3600)
/* Failed logins allowed per name and per client address in the window;
 * past them, 429 until the window has passed. */
#define WEB_LOGIN_WINDOW_S (15 * 60)
#define WEB_LOGIN_MAX_PER_NAME 5
#define WEB_LOGIN_MAX_PER_CLIENT 20

/* Sets req->user (allocated; server.c frees it) from a valid session, or
 * leaves it NULL for the public. */
void web_identify(struct web_request *req);
/* The form's "csrf" field matches the session's token. */
bool web_csrf_ok(const struct web_request *req);

/* Starts a session for user_id (a fresh token: never one the browser
 * brought) and sets its cookie on res. -1 with err when the store fails. */
int web_session_start(struct web_request *req, struct web_response *res, long long user_id, struct error *err);
/* Ends the request's session (if any) and clears the cookie. */
void web_session_end(struct web_request *req, struct web_response *res);

/* The login form's own CSRF defence (it comes before any session): a
 * random token set as the cookie's value ("login.TOKEN", SameSite=Strict)
 * and put in the form; the POST must bring both, equal. Writes the token
 * into out and sets the cookie. */
void web_login_token_issue(struct web_response *res, char out[65]);
/* The form's "csrf" field matches the login cookie. */
bool web_login_token_ok(const struct web_request *req);

/* Counts a login attempt for this name from this client, as a failure
 * until web_login_succeeded() says otherwise. False (nothing recorded)
 * when too many failed lately, for the name or from the client. */
bool web_login_attempt(struct db *db, const char *name, const char *client);
/* A successful login forgets the name's failures (this attempt too). */
void web_login_succeeded(struct db *db, const char *name);

#endif
