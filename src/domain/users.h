/*
 * users.h - the people who work in the workspace: officers, mandate holders
 * (each tied to the mandate they hold) and administrators, with Argon2id
 * password hashes. The one place the rules for names, passwords and roles
 * live, for the CLI (`rapporteur user`) and the web alike. Knows nothing
 * of HTTP, cookies or sessions (src/web/auth.c).
 */
#ifndef RAPPORTEUR_USERS_H
#define RAPPORTEUR_USERS_H

#include <stdbool.h>
#include <stddef.h>

#include "../store/db.h"

/* Role bits, as stored in users.roles (the web's ROLE_* are the same). */
enum { USER_OFFICER = 1, USER_HOLDER = 2, USER_ADMIN = 4 };

#define USER_PASSWORD_MIN 10   /* characters */
#define USER_PASSWORD_MAX 1024 /* bytes */

struct user {
	long long id;
	char name[64];
	int roles;
	char mandate[64]; /* "" unless a holder */
	bool disabled;
};

/* "officer", "holder", "admin", or several joined by commas -> bits; -1
 * with err for an unknown role. */
int user_roles_parse(const char *s, struct error *err);
/* bits -> "officer, admin" into out. */
void user_roles_format(int roles, char *out, size_t size);

/* A login name: 1 to 63 letters, digits, '.', '_', '@' or '-', starting
 * with a letter or digit. */
int user_name_check(const char *name, struct error *err);
/* At least USER_PASSWORD_MIN characters, at most USER_PASSWORD_MAX bytes,
 * UTF-8 without control characters. */
int user_password_check(const char *password, struct error *err);

/* A new user: the name free, a holder with a mandate the store knows (and
 * only a holder with one), the password checked and hashed. Returns the
 * id, or 0 with err. */
long long user_add(struct db *db, const char *name, int roles, const char *mandate, const char *password,
		   struct error *err);
/* Disables the user and ends their sessions. */
int user_disable(struct db *db, const char *name, struct error *err);

/* The users, by name: columns id, name, roles, mandate, created_at,
 * disabled. The caller finalizes it. */
struct db_stmt *user_list(struct db *db, struct error *err);

/* Checks a name and password. 1: they match an enabled user (u filled);
 * 0: they do not (an unknown name, a wrong password and a disabled user
 * look the same, and take the same time); -1: the store failed (err). */
int user_authenticate(struct db *db, const char *name, const char *password, struct user *u, struct error *err);

/* The enabled user with this id into u; false when there is none. */
bool user_get(struct db *db, long long id, struct user *u);

#endif
