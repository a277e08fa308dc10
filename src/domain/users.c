/*
 * users.c - users, roles and passwords in the store. See users.h.
 */
#include "users.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "../util/secret.h"
#include "../util/utf8.h"
#include "clock.h"

static const struct {
	const char *name;
	int bit;
} role_names[] = {{"officer", USER_OFFICER}, {"holder", USER_HOLDER}, {"admin", USER_ADMIN}};
#define ROLE_COUNT (sizeof(role_names) / sizeof(role_names[0]))

int user_roles_parse(const char *s, struct error *err)
{
	int roles = 0;
	const char *p = s;
	while (*p) {
		size_t n = strcspn(p, ",");
		size_t k;
		for (k = 0; k < ROLE_COUNT; k++)
			if (strlen(role_names[k].name) == n && !strncmp(role_names[k].name, p, n))
				break;
		if (k == ROLE_COUNT)
			return error_set(err, "role \"%.*s\": give officer, holder or admin (several with commas)", (int)n, p);
		roles |= role_names[k].bit;
		p += n;
		if (*p == ',')
			p++;
	}
	if (!roles)
		return error_set(err, "give a role: officer, holder or admin");
	return roles;
}

void user_roles_format(int roles, char *out, size_t size)
{
	size_t used = 0;
	out[0] = '\0';
	for (size_t k = 0; k < ROLE_COUNT; k++)
		if (roles & role_names[k].bit) {
			int n = snprintf(out + used, size - used, "%s%s", used ? ", " : "", role_names[k].name);
			if (n < 0 || (size_t)n >= size - used)
				return;
			used += (size_t)n;
		}
}

int user_name_check(const char *name, struct error *err)
{
	size_t n = strlen(name);
	if (!n || n > 63)
		return error_set(err, "user name: give 1 to 63 characters");
	if (!isalnum((unsigned char)name[0]))
		return error_set(err, "user name \"%s\": start with a letter or a digit", name);
	for (const char *p = name; *p; p++)
		if (!isalnum((unsigned char)*p) && !strchr("._@-", *p))
			return error_set(err, "user name: letters, digits, '.', '_', '@' and '-' only");
	return 0;
}

int user_password_check(const char *password, struct error *err)
{
	size_t n = strlen(password);
	if (n > USER_PASSWORD_MAX)
		return error_set(err, "the password is longer than %d bytes", USER_PASSWORD_MAX);
	if (!utf8_valid(password, n, NULL))
		return error_set(err, "the password is not valid UTF-8 text");
	size_t chars = 0;
	for (const char *p = password, *end = password + n; p < end;) {
		uint32_t c = utf8_next(&p, end);
		if (c < 0x20 || c == 0x7f)
			return error_set(err, "the password holds a control character");
		chars++;
	}
	if (chars < USER_PASSWORD_MIN)
		return error_set(err, "the password has %zu characters; give at least %d", chars, USER_PASSWORD_MIN);
	return 0;
}

long long user_add(struct db *db, const char *name, int roles, const char *mandate, const char *password,
		   struct error *err)
{
	if (user_name_check(name, err) < 0)
		return 0;
	if (roles < 1 || roles > 7) {
		error_set(err, "give a role: officer, holder or admin");
		return 0;
	}
	if (mandate && !*mandate)
		mandate = NULL;
	if ((roles & USER_HOLDER) && !mandate) {
		error_set(err, "a mandate holder needs the mandate they hold (--mandate SLUG)");
		return 0;
	}
	if (!(roles & USER_HOLDER) && mandate) {
		error_set(err, "only a mandate holder has a mandate: give the holder role, or leave the mandate out");
		return 0;
	}
	if (mandate && !db_query_int(db, 0, "SELECT count(*) FROM mandates WHERE slug = ?", mandate, (const char *)NULL)) {
		error_set(err, "mandate \"%s\" is not one the store knows (the slugs are in data/mandates.json)", mandate);
		return 0;
	}
	if (user_password_check(password, err) < 0)
		return 0;
	if (db_query_int(db, 0, "SELECT count(*) FROM users WHERE name = ?", name, (const char *)NULL)) {
		error_set(err, "user \"%s\" exists already", name);
		return 0;
	}
	char hash[SECRET_HASH_MAX];
	if (secret_password_hash(password, hash) < 0) {
		error_set(err, "the password could not be hashed (out of memory)");
		return 0;
	}
	char now[32];
	clock_now_iso(now);
	struct db_stmt *st = db_prepare(db, "INSERT INTO users(name, password_hash, roles, mandate, created_at) "
					    "VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id", err);
	if (!st)
		return 0;
	db_bind_text(st, 1, name);
	db_bind_text(st, 2, hash);
	db_bind_int(st, 3, roles);
	db_bind_text(st, 4, mandate);
	db_bind_text(st, 5, now);
	long long id = 0;
	if (db_step(st, err) == 1)
		id = db_int(st, 0);
	db_finalize(st);
	return id;
}

int user_disable(struct db *db, const char *name, struct error *err)
{
	if (db_begin(db, err) < 0)
		return -1;
	struct db_stmt *st = db_prepare(db, "UPDATE users SET disabled = 1 WHERE name = ?1", err);
	int rc = st ? 0 : -1;
	if (st) {
		db_bind_text(st, 1, name);
		rc = db_step(st, err) < 0 ? -1 : 0;
		db_finalize(st);
	}
	if (rc == 0 && db_changes(db) != 1)
		rc = error_set(err, "there is no user \"%s\"", name);
	if (rc == 0) {
		st = db_prepare(db, "DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE name = ?1)", err);
		rc = st ? 0 : -1;
		if (st) {
			db_bind_text(st, 1, name);
			rc = db_step(st, err) < 0 ? -1 : 0;
			db_finalize(st);
		}
	}
	if (rc < 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}

struct db_stmt *user_list(struct db *db, struct error *err)
{
	return db_prepare(db, "SELECT id, name, roles, mandate, created_at, disabled FROM users ORDER BY name", err);
}

static void fill(struct db_stmt *st, struct user *u)
{
	u->id = db_int(st, 0);
	snprintf(u->name, sizeof(u->name), "%s", db_text(st, 1) ? db_text(st, 1) : "");
	u->roles = (int)db_int(st, 2);
	snprintf(u->mandate, sizeof(u->mandate), "%s", db_text(st, 3) ? db_text(st, 3) : "");
	u->disabled = db_int(st, 5) != 0;
}

int user_authenticate(struct db *db, const char *name, const char *password, struct user *u, struct error *err)
{
	memset(u, 0, sizeof(*u));
	struct db_stmt *st = db_prepare(db, "SELECT id, name, roles, mandate, password_hash, disabled FROM users WHERE name = ?1", err);
	if (!st)
		return -1;
	db_bind_text(st, 1, name);
	int rc = db_step(st, err);
	if (rc < 0) {
		db_finalize(st);
		return -1;
	}
	char hash[SECRET_HASH_MAX] = "";
	bool found = rc == 1;
	if (found) {
		fill(st, u);
		snprintf(hash, sizeof(hash), "%s", db_text(st, 4) ? db_text(st, 4) : "");
	}
	db_finalize(st);
	/* an unknown name costs one verification too, so that timing does not
	 * tell which names exist */
	bool match = secret_password_verify(found ? hash : secret_dummy_hash(), password);
	if (!found || !match || u->disabled) {
		memset(u, 0, sizeof(*u));
		return 0;
	}
	return 1;
}

bool user_get(struct db *db, long long id, struct user *u)
{
	memset(u, 0, sizeof(*u));
	struct db_stmt *st = db_prepare(db, "SELECT id, name, roles, mandate, NULL, disabled FROM users WHERE id = ?1", NULL);
	if (!st)
		return false;
	db_bind_int(st, 1, id);
	bool ok = db_step(st, NULL) == 1;
	if (ok)
		fill(st, u);
	db_finalize(st);
	return ok && !u->disabled;
}
