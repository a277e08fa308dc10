/*
 * auth.h - who is asking: the session cookie to a user with roles, and the
 * CSRF check for every form that changes state. server.c calls these
 * before any route runs.
 */
#ifndef RAPPORTEUR_WEB_AUTH_H
#define RAPPORTEUR_WEB_AUTH_H

#include <stdbool.h>

#include "web.h"

/* Sets req->user (allocated; server.c frees it) from a valid session, or
 * leaves it NULL for the public. */
void web_identify(struct web_request *req);
/* The form's "csrf" field matches the session's token. */
bool web_csrf_ok(const struct web_request *req);

#endif
