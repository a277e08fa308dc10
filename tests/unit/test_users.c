/*
 * test_users.c - the workspace's users on a real SQLite file: roles,
 * names and passwords checked, Argon2id hashes stored (never the
 * password), authentication with one answer for every failure, disabling;
 * and util/secret: tokens, their hashes, comparison.
 */
#include "helpers.h"
#include "store_helpers.h"

#include <stdlib.h>
#include <unistd.h>

#include "domain/users.h"
#include "kb/kb.h"
#include "store/kbload.h"
#include "store/migrate.h"
#include "util/secret.h"

static char db_path[64];

static struct db *fresh_store(void)
{
	return test_store_open(db_path);
}

static void drop_store(struct db *db)
{
	test_store_drop(db, db_path);
}

static void test_roles(void **state)
{
	(void)state;
	struct error err = {{0}};
	assert_int_equal(user_roles_parse("officer", &err), USER_OFFICER);
	assert_int_equal(user_roles_parse("holder,admin", &err), USER_HOLDER | USER_ADMIN);
	assert_int_equal(user_roles_parse("officer,officer", &err), USER_OFFICER);
	assert_int_equal(user_roles_parse("king", &err), -1);
	assert_contains(err.message, "role \"king\"");
	assert_int_equal(user_roles_parse("", &err), -1);
	assert_int_equal(user_roles_parse("officerx", &err), -1);
	char out[64];
	user_roles_format(USER_OFFICER | USER_ADMIN, out, sizeof(out));
	assert_string_equal(out, "officer, admin");
	user_roles_format(USER_HOLDER, out, sizeof(out));
	assert_string_equal(out, "holder");
}

static void test_names_and_passwords(void **state)
{
	(void)state;
	struct error err = {{0}};
	assert_int_equal(user_name_check("olga.k@ohchr", &err), 0);
	assert_int_equal(user_name_check("", &err), -1);
	assert_int_equal(user_name_check("-olga", &err), -1);
	assert_int_equal(user_name_check("olga k", &err), -1);
	assert_int_equal(user_name_check("olga<script>", &err), -1);
	char long_name[80];
	memset(long_name, 'a', 64);
	long_name[64] = '\0';
	assert_int_equal(user_name_check(long_name, &err), -1);
	assert_int_equal(user_password_check("0123456789", &err), 0);
	assert_int_equal(user_password_check("012345678", &err), -1);
	assert_contains(err.message, "give at least 10");
	/* characters, not bytes: ten letters of Cyrillic pass, five do not */
	assert_int_equal(user_password_check("пароль-пар", &err), 0);
	assert_int_equal(user_password_check("пароль", &err), -1);
	assert_int_equal(user_password_check("with a\ttab inside", &err), -1);
	assert_int_equal(user_password_check("bad \xff utf-8 here", &err), -1);
}

static void test_add_authenticate_disable(void **state)
{
	(void)state;
	struct db *db = fresh_store();
	struct error err = {{0}};
	long long olga = user_add(db, "olga", USER_OFFICER, NULL, "an officer's password", &err);
	assert_true(olga > 0);
	assert_true(user_add(db, "tomas", USER_HOLDER, "torture", "a holder's password", &err) > 0);
	/* refusals */
	assert_int_equal(user_add(db, "OLGA", USER_OFFICER, NULL, "another password", &err), 0);
	assert_contains(err.message, "exists already");
	assert_int_equal(user_add(db, "h2", USER_HOLDER, NULL, "long enough password", &err), 0);
	assert_contains(err.message, "needs the mandate");
	assert_int_equal(user_add(db, "h3", USER_HOLDER, "no-such-mandate", "long enough password", &err), 0);
	assert_contains(err.message, "no-such-mandate");
	assert_int_equal(user_add(db, "o2", USER_OFFICER, "torture", "long enough password", &err), 0);
	assert_contains(err.message, "only a mandate holder");
	assert_int_equal(user_add(db, "o3", USER_OFFICER, NULL, "short", &err), 0);
	assert_int_equal(db_query_int(db, -1, "SELECT count(*) FROM users", NULL), 2);
	/* only the hash is stored */
	assert_int_equal(db_query_int(db, -1, "SELECT count(*) FROM users WHERE password_hash LIKE '$argon2id$%' "
					      "AND password_hash NOT LIKE '%password%'", NULL),
			 2);
	struct user u;
	assert_int_equal(user_authenticate(db, "olga", "an officer's password", &u, &err), 1);
	assert_int_equal(u.id, olga);
	assert_string_equal(u.name, "olga");
	assert_int_equal(u.roles, USER_OFFICER);
	assert_int_equal(user_authenticate(db, "Olga", "an officer's password", &u, &err), 1);
	assert_int_equal(user_authenticate(db, "tomas", "a holder's password", &u, &err), 1);
	assert_string_equal(u.mandate, "torture");
	/* a wrong password and an unknown name look the same */
	assert_int_equal(user_authenticate(db, "olga", "not the password", &u, &err), 0);
	assert_int_equal(u.id, 0);
	assert_int_equal(user_authenticate(db, "nobody", "an officer's password", &u, &err), 0);
	assert_int_equal(u.id, 0);
	assert_true(user_get(db, olga, &u));
	/* disabled: no login, no user, no sessions */
	assert_int_equal(db_exec(db, "INSERT INTO sessions(token_hash, user_id, csrf, created, expires, last_seen) "
				     "SELECT 'h', id, 'c', 0, 1, 0 FROM users WHERE name = 'olga'",
				 &err),
			 0);
	assert_int_equal(user_disable(db, "olga", &err), 0);
	assert_int_equal(user_authenticate(db, "olga", "an officer's password", &u, &err), 0);
	assert_false(user_get(db, olga, &u));
	assert_int_equal(db_query_int(db, -1, "SELECT count(*) FROM sessions", NULL), 0);
	assert_int_equal(user_disable(db, "nobody", &err), -1);
	assert_contains(err.message, "no user");
	drop_store(db);
}

static void test_secret(void **state)
{
	(void)state;
	char a[SECRET_TOKEN_HEX], b[SECRET_TOKEN_HEX], ha[SECRET_TOKEN_HEX], ha2[SECRET_TOKEN_HEX];
	secret_token(a);
	secret_token(b);
	assert_int_equal(strlen(a), 64);
	assert_int_equal(strspn(a, "0123456789abcdef"), 64);
	assert_string_not_equal(a, b);
	secret_token_hash(a, ha);
	secret_token_hash(a, ha2);
	assert_string_equal(ha, ha2);
	assert_string_not_equal(ha, a);
	assert_true(secret_equal(a, a));
	assert_false(secret_equal(a, b));
	assert_false(secret_equal(a, "short"));
	assert_false(secret_equal("", a));
	char hash[SECRET_HASH_MAX];
	assert_int_equal(secret_password_hash("a password of length", hash), 0);
	assert_true(secret_password_verify(hash, "a password of length"));
	assert_false(secret_password_verify(hash, "a password of lengtH"));
	assert_false(secret_password_verify("$2y$10$notargon", "x"));
	assert_false(secret_password_verify(NULL, "x"));
	assert_false(secret_password_verify(secret_dummy_hash(), ""));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roles),
		cmocka_unit_test(test_names_and_passwords),
		cmocka_unit_test(test_add_authenticate_disable),
		cmocka_unit_test(test_secret),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
