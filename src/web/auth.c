/*
 * auth.c - sessions, CSRF tokens and the login limits. A session is a
 * random token in an HttpOnly, SameSite=Strict cookie; the store keeps its
 * hash, the user, a CSRF token and its times (migrations/sqlite/004). Knows
 * nothing of pages: pages_login.c draws the login form and calls these.
 */
#include "auth.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../domain/users.h"
#include "../util/die.h"
#include "../util/secret.h"

_Static_assert((int)ROLE_OFFICER == (int)USER_OFFICER && (int)ROLE_HOLDER == (int)USER_HOLDER &&
		       (int)ROLE_ADMIN == (int)USER_ADMIN,
	       "web roles and stored roles are the same bits");

#define LOGIN_PREFIX "login."

static long long now_s(void)
{
	return (long long)time(NULL);
}

/* 64 lowercase hex digits: the only shape a token has. */
static bool token_shaped(const char *s)
{
	if (!s || strlen(s) != 64)
		return false;
	for (const char *p = s; *p; p++)
		if (!isdigit((unsigned char)*p) && !(*p >= 'a' && *p <= 'f'))
			return false;
	return true;
}

/* The cookie's attributes. Secure only when told that a TLS proxy stands
 * in front ($RAPPORTEUR_SECURE_COOKIES=1): on plain-HTTP loopback a Secure
 * cookie would never come back. */
static void set_cookie(struct web_response *res, const char *value, bool clear)
{
	const char *secure = getenv("RAPPORTEUR_SECURE_COOKIES");
	char header[256];
	snprintf(header, sizeof(header), "%s=%s; Path=/; HttpOnly; SameSite=Strict%s%s", WEB_SESSION_COOKIE, value,
		 secure && !strcmp(secure, "1") ? "; Secure" : "", clear ? "; Max-Age=0" : "");
	web_header(res, "Set-Cookie", header);
}

void web_identify(struct web_request *req)
{
	req->user = NULL;
	const char *token = req->cookie_session;
	if (!token_shaped(token) || !req->db)
		return;
	char hash[SECRET_TOKEN_HEX];
	secret_token_hash(token, hash);
	long long now = now_s();
	struct db_stmt *st = db_prepare(req->db, "SELECT u.id, u.name, u.roles, u.mandate, s.csrf, s.last_seen "
						 "FROM sessions s JOIN users u ON u.id = s.user_id "
						 "WHERE s.token_hash = ?1 AND u.disabled = 0 AND s.expires > ?2 AND s.last_seen > ?3",
					NULL);
	if (!st)
		return;
	db_bind_text(st, 1, hash);
	db_bind_int(st, 2, now);
	db_bind_int(st, 3, now - WEB_SESSION_IDLE_S);
	long long seen = 0;
	if (db_step(st, NULL) == 1) {
		struct web_user *u = xcalloc(1, sizeof(*u));
		u->id = db_int(st, 0);
		snprintf(u->name, sizeof(u->name), "%s", db_text(st, 1));
		u->roles = (int)db_int(st, 2);
		snprintf(u->mandate, sizeof(u->mandate), "%s", db_text(st, 3) ? db_text(st, 3) : "");
		snprintf(u->csrf, sizeof(u->csrf), "%s", db_text(st, 4));
		seen = db_int(st, 5);
		req->user = u;
	}
	db_finalize(st);
	/* the idle clock restarts; written at most once a minute per session */
	if (req->user && now - seen >= 60) {
		st = db_prepare(req->db, "UPDATE sessions SET last_seen = ?1 WHERE token_hash = ?2", NULL);
		if (st) {
			db_bind_int(st, 1, now);
			db_bind_text(st, 2, hash);
			db_step(st, NULL);
			db_finalize(st);
		}
	}
}

bool web_csrf_ok(const struct web_request *req)
{
	const char *sent = web_form(req, "csrf");
	return req->user && token_shaped(sent) && token_shaped(req->user->csrf) && secret_equal(sent, req->user->csrf);
}

int web_session_start(struct web_request *req, struct web_response *res, long long user_id, struct error *err)
{
	char token[SECRET_TOKEN_HEX], hash[SECRET_TOKEN_HEX], csrf[SECRET_TOKEN_HEX];
	secret_token(token);
	secret_token(csrf);
	secret_token_hash(token, hash);
	long long now = now_s();
	if (db_begin(req->db, err) < 0)
		return -1;
	/* sessions past their time go when a new one comes */
	struct db_stmt *st = db_prepare(req->db, "DELETE FROM sessions WHERE expires <= ?1 OR last_seen <= ?2", err);
	int rc = st ? 0 : -1;
	if (st) {
		db_bind_int(st, 1, now);
		db_bind_int(st, 2, now - WEB_SESSION_IDLE_S);
		rc = db_step(st, err) < 0 ? -1 : 0;
		db_finalize(st);
	}
	if (rc == 0) {
		st = db_prepare(req->db, "INSERT INTO sessions(token_hash, user_id, csrf, created, expires, last_seen) "
					 "VALUES (?1, ?2, ?3, ?4, ?5, ?4)", err);
		rc = st ? 0 : -1;
		if (st) {
			db_bind_text(st, 1, hash);
			db_bind_int(st, 2, user_id);
			db_bind_text(st, 3, csrf);
			db_bind_int(st, 4, now);
			db_bind_int(st, 5, now + WEB_SESSION_MAX_S);
			rc = db_step(st, err) < 0 ? -1 : 0;
			db_finalize(st);
		}
	}
	if (rc < 0 || db_commit(req->db, err) < 0) {
		if (rc < 0)
			db_rollback(req->db);
		return -1;
	}
	set_cookie(res, token, false);
	return 0;
}

void web_session_end(struct web_request *req, struct web_response *res)
{
	if (token_shaped(req->cookie_session)) {
		char hash[SECRET_TOKEN_HEX];
		secret_token_hash(req->cookie_session, hash);
		struct db_stmt *st = db_prepare(req->db, "DELETE FROM sessions WHERE token_hash = ?1", NULL);
		if (st) {
			db_bind_text(st, 1, hash);
			db_step(st, NULL);
			db_finalize(st);
		}
	}
	set_cookie(res, "", true);
}

void web_login_token_issue(struct web_response *res, char out[65])
{
	secret_token(out);
	char value[80];
	snprintf(value, sizeof(value), LOGIN_PREFIX "%s", out);
	set_cookie(res, value, false);
}

bool web_login_token_ok(const struct web_request *req)
{
	const char *cookie = req->cookie_session, *sent = web_form(req, "csrf");
	size_t n = strlen(LOGIN_PREFIX);
	if (!cookie || strncmp(cookie, LOGIN_PREFIX, n) || !token_shaped(cookie + n) || !token_shaped(sent))
		return false;
	return secret_equal(cookie + n, sent);
}

/* The name as attempts are counted: lower case (names are unique without
 * regard to case), at most 64 bytes. */
static void attempt_name(const char *name, char out[65])
{
	size_t i = 0;
	for (; name[i] && i < 64; i++)
		out[i] = (char)tolower((unsigned char)name[i]);
	out[i] = '\0';
}

bool web_login_attempt(struct db *db, const char *name, const char *client)
{
	char key[65];
	attempt_name(name, key);
	long long now = now_s();
	/* counted and recorded in one write transaction, so that guesses sent
	 * in parallel cannot all pass the count before any is recorded */
	if (db_begin(db, NULL) < 0)
		return false; /* when the count cannot be kept, no guess is allowed */
	bool allowed = false;
	struct db_stmt *st = db_prepare(db, "DELETE FROM login_attempts WHERE at <= ?1", NULL);
	if (st) {
		db_bind_int(st, 1, now - WEB_LOGIN_WINDOW_S);
		db_step(st, NULL);
		db_finalize(st);
	}
	st = db_prepare(db, "SELECT (SELECT count(*) FROM login_attempts WHERE name = ?1), "
			    "(SELECT count(*) FROM login_attempts WHERE client = ?2)", NULL);
	if (st) {
		db_bind_text(st, 1, key);
		db_bind_text(st, 2, client);
		if (db_step(st, NULL) == 1)
			allowed = db_int(st, 0) < WEB_LOGIN_MAX_PER_NAME && db_int(st, 1) < WEB_LOGIN_MAX_PER_CLIENT;
		db_finalize(st);
	}
	if (allowed) {
		st = db_prepare(db, "INSERT INTO login_attempts(name, client, at) VALUES (?1, ?2, ?3)", NULL);
		allowed = false;
		if (st) {
			db_bind_text(st, 1, key);
			db_bind_text(st, 2, client);
			db_bind_int(st, 3, now);
			allowed = db_step(st, NULL) >= 0;
			db_finalize(st);
		}
	}
	if (!allowed) {
		db_rollback(db);
		return false;
	}
	return db_commit(db, NULL) == 0;
}

void web_login_succeeded(struct db *db, const char *name)
{
	char key[65];
	attempt_name(name, key);
	struct db_stmt *st = db_prepare(db, "DELETE FROM login_attempts WHERE name = ?1", NULL);
	if (st) {
		db_bind_text(st, 1, key);
		db_step(st, NULL);
		db_finalize(st);
	}
}
