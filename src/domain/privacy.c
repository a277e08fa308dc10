/*
 * privacy.c - sealed fields, the key file and key rotation. See privacy.h
 * and docs/PRIVACY.md. The cryptography is util/secret.c (libsodium):
 * XChaCha20-Poly1305 for fields, keyed BLAKE2b for key ids and the blind
 * index, a KDF for the blind-index key. Knows which columns are sealed,
 * not what they mean.
 */
#include "privacy.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../util/buf.h"
#include "../util/die.h"
#include "../util/secret.h"
#include "clock.h"
#include "persons.h"

/* Every sealed column. A new one is added here and in its migration. */
const struct privacy_column privacy_columns[] = {
	{"sources", "identity_sealed"},	  {"sources", "contact_sealed"},
	{"cases", "notes_sealed"},	  {"submissions", "narrative_sealed"},
	{"submissions", "notes_sealed"},  {"persons", "name_sealed"},
	{"persons", "contact_sealed"},	  {"persons", "notes_sealed"},
	{"perpetrators", "name_sealed"},  {"custody_steps", "notes_sealed"},
	{"medical_exams", "examiner_sealed"}, {"medical_exams", "notes_sealed"},
	{"medical_findings", "description_sealed"}, {NULL, NULL},
};

#define SEAL_PREFIX "s1."
#define KEY_LINE "rk1 "

/* --- the key file -------------------------------------------------------------------- */

char *privacy_key_path(const char *option, const char *db_target, struct error *err)
{
	if (option && *option)
		return xstrdup(option);
	const char *env = getenv("RAPPORTEUR_KEY_FILE");
	if (env && *env)
		return xstrdup(env);
	if (!strncmp(db_target, "postgres://", 11) || !strncmp(db_target, "postgresql://", 13)) {
		error_set(err, "a PostgreSQL database needs its key file named: give --key-file or set $RAPPORTEUR_KEY_FILE");
		return NULL;
	}
	struct buf b = BUF_INIT;
	buf_addf(&b, "%s.key", db_target);
	return buf_detach(&b);
}

static void hex(const unsigned char *bin, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", bin[i]);
}

static int unhex(const char *s, unsigned char *out, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned v;
		if (sscanf(s + 2 * i, "%2x", &v) != 1)
			return -1;
		out[i] = (unsigned char)v;
	}
	return s[2 * n] == '\0' || s[2 * n] == '\n' || s[2 * n] == ' ' ? 0 : -1;
}

/* The id names a key without revealing it: a keyed hash of a constant. */
static void key_fill(struct privacy_key *k, const unsigned char seal[32])
{
	memcpy(k->seal, seal, 32);
	unsigned char h[16];
	secret_keyed_hash(seal, "rapporteur key id", 17, h, sizeof(h));
	hex(h, PRIVACY_KEY_ID_LEN / 2, k->id);
	secret_derive(seal, 1, "rapblind", k->blind);
}

static void add_key(struct privacy *pv, const unsigned char seal[32])
{
	pv->keys = xrealloc(pv->keys, (pv->key_count + 1) * sizeof(*pv->keys));
	key_fill(&pv->keys[pv->key_count++], seal);
}

/* Writes the keys beside the file and renames it into place: a reader
 * never sees half a key file. Mode 0600 from the start. */
static int write_key_file(const char *path, const struct privacy *pv, struct error *err)
{
	struct buf tmp = BUF_INIT, text = BUF_INIT;
	buf_addf(&tmp, "%s.tmp", path);
	buf_adds(&text, "# Rapporteur key file (docs/PRIVACY.md): the key that seals the confidential\n"
			"# fields of the database. Keep it apart from the database and back it up apart:\n"
			"# without it they cannot be read. The first key seals; any other only opens.\n");
	for (size_t i = 0; i < pv->key_count; i++) {
		char h[65];
		hex(pv->keys[i].seal, 32, h);
		buf_addf(&text, KEY_LINE "%s %s\n", pv->keys[i].id, h);
	}
	unlink(tmp.data);
	int fd = open(tmp.data, O_WRONLY | O_CREAT | O_EXCL, 0600);
	int rc = 0;
	if (fd < 0)
		rc = error_set(err, "%s: cannot write the key file: %s", path, strerror(errno));
	else {
		if (write(fd, text.data, text.len) != (ssize_t)text.len || fsync(fd) != 0)
			rc = error_set(err, "%s: cannot write the key file: %s", path, strerror(errno));
		if (close(fd) != 0 && rc == 0)
			rc = error_set(err, "%s: cannot write the key file: %s", path, strerror(errno));
		if (rc == 0 && rename(tmp.data, path) != 0)
			rc = error_set(err, "%s: cannot write the key file: %s", path, strerror(errno));
		if (rc < 0)
			unlink(tmp.data);
	}
	secret_wipe(text.data, text.len);
	buf_release(&text);
	buf_release(&tmp);
	return rc;
}

static struct privacy *load_key_file(const char *path, struct error *err)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		error_set(err, "%s: no key file: %s", path, strerror(errno));
		return NULL;
	}
	if (st.st_mode & 077) {
		error_set(err, "%s: the key file can be read by others (mode %03o): run chmod 600 %s", path,
			  (unsigned)(st.st_mode & 0777), path);
		return NULL;
	}
	FILE *f = fopen(path, "r");
	if (!f) {
		error_set(err, "%s: cannot read the key file: %s", path, strerror(errno));
		return NULL;
	}
	struct privacy *pv = xcalloc(1, sizeof(*pv));
	pv->path = xstrdup(path);
	char line[256];
	int n = 0, rc = 0;
	while (rc == 0 && fgets(line, sizeof(line), f)) {
		n++;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		unsigned char seal[32];
		char *sp = strchr(line + strlen(KEY_LINE), ' ');
		if (strncmp(line, KEY_LINE, strlen(KEY_LINE)) || !sp || unhex(sp + 1, seal, 32) < 0) {
			rc = error_set(err, "%s: line %d: not a key line (\"rk1 KEYID HEX\")", path, n);
			break;
		}
		add_key(pv, seal);
		if (strncmp(line + strlen(KEY_LINE), pv->keys[pv->key_count - 1].id, PRIVACY_KEY_ID_LEN))
			rc = error_set(err, "%s: line %d: the key id does not match the key", path, n);
		secret_wipe(seal, sizeof(seal));
	}
	secret_wipe(line, sizeof(line));
	fclose(f);
	if (rc == 0 && !pv->key_count)
		rc = error_set(err, "%s: the key file holds no key", path);
	if (rc < 0) {
		privacy_free(pv);
		return NULL;
	}
	return pv;
}

void privacy_free(struct privacy *pv)
{
	if (!pv)
		return;
	secret_wipe(pv->keys, pv->key_count * sizeof(*pv->keys));
	free(pv->keys);
	free(pv->path);
	free(pv);
}

/* --- the database's key ids -------------------------------------------------------------- */

/* The active key id the database records, into out ("" when none). */
static void active_key_id(struct db *db, char out[PRIVACY_KEY_ID_LEN + 1])
{
	out[0] = '\0';
	struct db_stmt *st = db_prepare(db, "SELECT key_id FROM privacy_keys WHERE status = 'active'", NULL);
	if (st && db_step(st, NULL) == 1 && db_text(st, 0))
		snprintf(out, PRIVACY_KEY_ID_LEN + 1, "%s", db_text(st, 0));
	db_finalize(st);
}

static int record_key(struct db *db, const char *id, struct error *err)
{
	char now[32];
	clock_now_iso(now);
	struct db_stmt *st = db_prepare(db, "INSERT INTO privacy_keys(key_id, status, created_at) VALUES (?1, 'active', ?2)", err);
	if (!st)
		return -1;
	db_bind_text(st, 1, id);
	db_bind_text(st, 2, now);
	int rc = db_step(st, err);
	db_finalize(st);
	return rc < 0 ? -1 : 0;
}

static bool holds(const struct privacy *pv, const char *id)
{
	for (size_t i = 0; i < pv->key_count; i++)
		if (!strcmp(pv->keys[i].id, id))
			return true;
	return false;
}

int privacy_setup(struct db *db, const char *path, bool *created, struct error *err)
{
	*created = false;
	char active[PRIVACY_KEY_ID_LEN + 1];
	active_key_id(db, active);
	struct privacy *pv;
	if (access(path, F_OK) != 0) {
		if (*active)
			return error_set(err, "%s: the database's confidential fields are sealed under key %s and this key file "
					      "does not exist: restore it from its backup, or give --key-file",
					 path, active);
		unsigned char seal[32];
		secret_random(seal, sizeof(seal));
		pv = xcalloc(1, sizeof(*pv));
		pv->path = xstrdup(path);
		add_key(pv, seal);
		secret_wipe(seal, sizeof(seal));
		int rc = write_key_file(path, pv, err);
		if (rc == 0)
			*created = true;
		if (rc == 0)
			rc = record_key(db, pv->keys[0].id, err);
		privacy_free(pv);
		return rc;
	}
	if (!(pv = load_key_file(path, err)))
		return -1;
	int rc = 0;
	if (!*active)
		rc = record_key(db, pv->keys[0].id, err);
	else if (!holds(pv, active))
		rc = error_set(err, "%s holds key %s, but the database's confidential fields are sealed under key %s: "
				    "give the right --key-file",
			       path, pv->keys[0].id, active);
	privacy_free(pv);
	return rc;
}

struct privacy *privacy_open(struct db *db, const char *key_option, struct error *err)
{
	char *path = privacy_key_path(key_option, db->target, err);
	if (!path)
		return NULL;
	bool created;
	struct privacy *pv = NULL;
	if (privacy_setup(db, path, &created, err) == 0) {
		if (created)
			warning("%s: a new key was created for the confidential fields; back it up apart from the database",
				path);
		pv = load_key_file(path, err);
	}
	free(path);
	return pv;
}

/* --- fields ------------------------------------------------------------------------------ */

static const struct privacy_key *key_by_id(const struct privacy *pv, const char *id, size_t len)
{
	for (size_t i = 0; i < pv->key_count; i++)
		if (len == PRIVACY_KEY_ID_LEN && !strncmp(pv->keys[i].id, id, len))
			return &pv->keys[i];
	return NULL;
}

static char *seal_with(const struct privacy_key *k, const char *field, const char *plain)
{
	size_t len = strlen(plain);
	unsigned char *sealed = xmalloc(len + SECRET_SEAL_OVERHEAD);
	secret_seal(k->seal, field, plain, len, sealed);
	char *b64 = secret_base64(sealed, len + SECRET_SEAL_OVERHEAD);
	free(sealed);
	struct buf b = BUF_INIT;
	buf_addf(&b, SEAL_PREFIX "%s.%s", k->id, b64);
	free(b64);
	return buf_detach(&b);
}

char *privacy_seal(const struct privacy *pv, const char *field, const char *plain)
{
	return plain ? seal_with(&pv->keys[0], field, plain) : NULL;
}

char *privacy_unseal(const struct privacy *pv, const char *field, const char *sealed, struct error *err)
{
	error_clear(err);
	if (!sealed)
		return NULL;
	const char *id = sealed + strlen(SEAL_PREFIX), *dot = strchr(id, '.');
	if (strncmp(sealed, SEAL_PREFIX, strlen(SEAL_PREFIX)) || !dot) {
		error_set(err, "%s: not a sealed field", field);
		return NULL;
	}
	const struct privacy_key *k = key_by_id(pv, id, (size_t)(dot - id));
	if (!k) {
		error_set(err, "%s: sealed under key %.*s, which %s does not hold", field, (int)(dot - id), id, pv->path);
		return NULL;
	}
	size_t len;
	unsigned char *bin = secret_base64_decode(dot + 1, &len);
	char *plain = NULL;
	if (bin && len >= SECRET_SEAL_OVERHEAD) {
		plain = xmalloc(len - SECRET_SEAL_OVERHEAD + 1);
		if (secret_unseal(k->seal, field, bin, len, plain) == 0)
			plain[len - SECRET_SEAL_OVERHEAD] = '\0';
		else {
			free(plain);
			plain = NULL;
		}
	}
	free(bin);
	if (!plain)
		error_set(err, "%s: cannot be opened: the field was altered, or sealed for another column", field);
	return plain;
}

void privacy_blind_token(const struct privacy *pv, const char *text, char out[PRIVACY_TOKEN_HEX])
{
	unsigned char h[16];
	secret_keyed_hash(pv->keys[0].blind, text, strlen(text), h, sizeof(h));
	hex(h, sizeof(h), out);
}

/* --- rotation ---------------------------------------------------------------------------- */

struct sealed_row {
	long long id;
	char *value;
};

/* Every field of one column sealed again under pv->keys[0]. */
static int reseal_column(struct db *db, const struct privacy *pv, const struct privacy_column *c, long long *fields,
			 struct error *err)
{
	char sql[256];
	snprintf(sql, sizeof(sql), "SELECT id, %s FROM %s WHERE %s IS NOT NULL", c->column, c->table, c->column);
	struct db_stmt *st = db_prepare(db, sql, err);
	if (!st)
		return -1;
	struct sealed_row *rows = NULL;
	size_t n = 0, cap = 0;
	int rc;
	while ((rc = db_step(st, err)) == 1) {
		ALLOC_GROW(rows, n + 1, cap);
		rows[n++] = (struct sealed_row){db_int(st, 0), xstrdup(db_text(st, 1))};
	}
	db_finalize(st);
	char field[96];
	snprintf(field, sizeof(field), "%s.%s", c->table, c->column);
	snprintf(sql, sizeof(sql), "UPDATE %s SET %s = ?1 WHERE id = ?2", c->table, c->column);
	struct db_stmt *up = rc < 0 ? NULL : db_prepare(db, sql, err);
	if (!up)
		rc = -1;
	for (size_t i = 0; i < n && rc == 0; i++) {
		char *plain = privacy_unseal(pv, field, rows[i].value, err);
		if (!plain) {
			char msg[sizeof(err->message)];
			snprintf(msg, sizeof(msg), "%s", err ? err->message : "");
			rc = error_set(err, "%s of row %lld: %s", field, rows[i].id, msg);
			break;
		}
		char *again = seal_with(&pv->keys[0], field, plain);
		secret_wipe(plain, strlen(plain));
		free(plain);
		db_reset(up);
		db_bind_text(up, 1, again);
		db_bind_int(up, 2, rows[i].id);
		if (db_step(up, err) < 0)
			rc = -1;
		else
			(*fields)++;
		free(again);
	}
	db_finalize(up);
	for (size_t i = 0; i < n; i++)
		free(rows[i].value);
	free(rows);
	return rc;
}

int privacy_rotate(struct db *db, struct privacy *pv, long long *fields, struct error *err)
{
	*fields = 0;
	char old_id[PRIVACY_KEY_ID_LEN + 1];
	active_key_id(db, old_id);
	/* 1. the new key first, the old ones kept to open */
	unsigned char seal[32];
	secret_random(seal, sizeof(seal));
	struct privacy_key fresh;
	key_fill(&fresh, seal);
	secret_wipe(seal, sizeof(seal));
	pv->keys = xrealloc(pv->keys, (pv->key_count + 1) * sizeof(*pv->keys));
	memmove(pv->keys + 1, pv->keys, pv->key_count * sizeof(*pv->keys));
	pv->keys[0] = fresh;
	pv->key_count++;
	secret_wipe(&fresh, sizeof(fresh));
	if (write_key_file(pv->path, pv, err) < 0)
		return -1;
	/* 2. everything sealed again, the index rebuilt, the keys recorded: one transaction.
	 * Pages freed by the rewrite are zeroed, so old ciphertexts do not linger in the file. */
	if (db->backend == DB_SQLITE)
		db_exec(db, "PRAGMA secure_delete = ON", NULL);
	if (db_begin(db, err) < 0)
		return -1;
	int rc = 0;
	for (const struct privacy_column *c = privacy_columns; c->table && rc == 0; c++)
		rc = reseal_column(db, pv, c, fields, err);
	if (rc == 0)
		rc = persons_reindex(db, pv, err);
	if (rc == 0) {
		char now[32];
		clock_now_iso(now);
		struct db_stmt *st = db_prepare(db, "UPDATE privacy_keys SET status = 'retired', retired_at = ?1 "
						    "WHERE status = 'active'", err);
		if (!st)
			rc = -1;
		else {
			db_bind_text(st, 1, now);
			rc = db_step(st, err) < 0 ? -1 : 0;
			db_finalize(st);
		}
	}
	if (rc == 0)
		rc = record_key(db, pv->keys[0].id, err);
	if (rc < 0 || db_commit(db, err) < 0) {
		db_rollback(db);
		return -1;
	}
	if (db->backend == DB_SQLITE) {
		db_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL);
	} else {
		/* PostgreSQL keeps the rows' old versions, with their old ciphertexts,
		 * until a vacuum: rewrite the tables without them now */
		for (const struct privacy_column *c = privacy_columns; c->table; c++) {
			char sql[96];
			snprintf(sql, sizeof(sql), "VACUUM FULL %s", c->table);
			db_exec(db, sql, NULL);
		}
		db_exec(db, "VACUUM FULL person_name_index", NULL);
	}
	/* 3. the old key retired from the file too */
	secret_wipe(pv->keys + 1, (pv->key_count - 1) * sizeof(*pv->keys));
	pv->key_count = 1;
	if (write_key_file(pv->path, pv, err) < 0) {
		char msg[sizeof(err->message)];
		snprintf(msg, sizeof(msg), "%s", err ? err->message : "");
		return error_set(err, "%s (the database is sealed under key %s; the old key %s is still in the file)", msg,
				 pv->keys[0].id, old_id);
	}
	return 0;
}
