/*
 * copy.c - a whole store into an empty one, on either backend (rapporteur
 * migrate). See copy.h.
 *
 * The target is brought to the source's schema by its own migrations,
 * then every table the source holds is copied row by row, each value as
 * the source stores it (an integer as an integer, a real to its last bit,
 * text as text), in one transaction whose foreign keys are checked at its
 * commit (SQLite's defer_foreign_keys, PostgreSQL's DEFERRABLE keys), so
 * tables go in any order, and the target's triggers off (below). What a
 * backend keeps of its own is made again
 * rather than copied: the full-text index (FTS5's tables, PostgreSQL's
 * tsv column) and schema_migrations. A table read in SQLite's rowid order
 * keeps it: PostgreSQL holds it in a column called rowid.
 *
 * The catalogue queries (which tables, which columns) are the one place
 * here that differs by backend.
 */
#include "copy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/die.h"
#include "letters.h"
#include "migrate.h"

struct names {
	char **items;
	size_t count, cap;
};

static void names_add(struct names *n, const char *s)
{
	ALLOC_GROW(n->items, n->count + 1, n->cap);
	n->items[n->count++] = xstrdup(s);
}

static bool names_has(const struct names *n, const char *s)
{
	for (size_t i = 0; i < n->count; i++)
		if (!strcmp(n->items[i], s))
			return true;
	return false;
}

static void names_release(struct names *n)
{
	for (size_t i = 0; i < n->count; i++)
		free(n->items[i]);
	free(n->items);
	memset(n, 0, sizeof(*n));
}

static int query_names(struct db *db, const char *sql, const char *arg, struct names *out, struct error *err)
{
	struct db_stmt *st = db_prepare(db, sql, err);
	if (!st)
		return -1;
	if (arg)
		db_bind_text(st, 1, arg);
	int rc;
	while ((rc = db_step(st, err)) == 1)
		names_add(out, db_text(st, 0));
	db_finalize(st);
	return rc < 0 ? -1 : 0;
}

/* The store's own tables: not SQLite's, not FTS5's (a virtual table and
 * its shadow tables), not schema_migrations. */
static int store_tables(struct db *db, struct names *out, struct error *err)
{
	struct names all = {0}, virtual = {0};
	int rc;
	if (db->backend == DB_SQLITE)
		rc = query_names(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
				     "ESCAPE '\\' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name",
				 NULL, &all, err);
	else
		rc = query_names(db, "SELECT table_name FROM information_schema.tables WHERE table_schema = "
				     "current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name",
				 NULL, &all, err);
	if (rc == 0 && db->backend == DB_SQLITE)
		rc = query_names(db, "SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'", NULL,
				 &virtual, err);
	for (size_t i = 0; rc == 0 && i < all.count; i++) {
		const char *t = all.items[i];
		bool shadow = false;
		for (size_t v = 0; v < virtual.count; v++) {
			size_t n = strlen(virtual.items[v]);
			if (!strncmp(t, virtual.items[v], n) && t[n] == '_')
				shadow = true;
		}
		if (!shadow && strcmp(t, "schema_migrations"))
			names_add(out, t);
	}
	names_release(&all);
	names_release(&virtual);
	return rc;
}

static void quoted(struct buf *b, const char *name)
{
	buf_addch(b, '"');
	for (const char *p = name; *p; p++) {
		if (*p == '"')
			buf_addch(b, '"');
		buf_addch(b, *p);
	}
	buf_addch(b, '"');
}

/*
 * The target's own triggers (the audit log's, the change counter's, the
 * ids') stay off while the source's rows go in: those rows, the audit
 * log's and the counter's among them, are the store, and nothing the
 * copying does may add to them. SQLite: each trigger dropped and made
 * again from its own text before the commit; PostgreSQL: the tables'
 * triggers disabled and enabled again (ALTER TABLE is transactional too,
 * and a foreign key's triggers are not among them).
 */
struct suspended {
	struct names names, sql;
};

static int triggers_suspend(struct db *db, const struct names *tables, struct suspended *s, struct error *err)
{
	struct buf sql = BUF_INIT;
	int rc = 0;
	if (db->backend == DB_SQLITE) {
		struct db_stmt *st = db_prepare(db, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'", err);
		if (!st)
			return -1;
		while ((rc = db_step(st, err)) == 1) {
			names_add(&s->names, db_text(st, 0));
			names_add(&s->sql, db_text(st, 1));
		}
		db_finalize(st);
		for (size_t i = 0; rc == 0 && i < s->names.count; i++) {
			buf_reset(&sql);
			buf_adds(&sql, "DROP TRIGGER ");
			quoted(&sql, s->names.items[i]);
			rc = db_exec(db, sql.data, err);
		}
	} else {
		for (size_t i = 0; rc == 0 && i < tables->count; i++) {
			buf_reset(&sql);
			buf_adds(&sql, "ALTER TABLE ");
			quoted(&sql, tables->items[i]);
			buf_adds(&sql, " DISABLE TRIGGER USER");
			rc = db_exec(db, sql.data, err);
			names_add(&s->names, tables->items[i]);
		}
	}
	buf_release(&sql);
	return rc < 0 ? -1 : 0;
}

static int triggers_resume(struct db *db, struct suspended *s, struct error *err)
{
	struct buf sql = BUF_INIT;
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < s->names.count; i++) {
		if (db->backend == DB_SQLITE) {
			rc = db_exec(db, s->sql.items[i], err);
		} else {
			buf_reset(&sql);
			buf_adds(&sql, "ALTER TABLE ");
			quoted(&sql, s->names.items[i]);
			buf_adds(&sql, " ENABLE TRIGGER USER");
			rc = db_exec(db, sql.data, err);
		}
	}
	buf_release(&sql);
	return rc;
}

static int table_columns(struct db *db, const char *table, struct names *out, struct error *err)
{
	if (db->backend == DB_SQLITE)
		return query_names(db, "SELECT name FROM pragma_table_info(?1) ORDER BY cid", table, out, err);
	return query_names(db, "SELECT column_name FROM information_schema.columns WHERE table_schema = "
			       "current_schema() AND table_name = ?1 ORDER BY ordinal_position",
			   table, out, err);
}

/* The PostgreSQL columns the store writes itself (the full-text index). */
static bool made_again(const char *table, const char *column)
{
	return !strcmp(table, "communications") && !strcmp(column, "tsv");
}

/* Copies one table; *rows counts what was copied. */
static int copy_table(struct db *src, struct db *dst, const char *table, long long *rows, struct error *err)
{
	struct names from = {0}, to = {0}, cols = {0};
	struct buf select = BUF_INIT, insert = BUF_INIT;
	int rc = -1;
	if (table_columns(src, table, &from, err) < 0 || table_columns(dst, table, &to, err) < 0)
		goto done;
	/* SQLite's rowid, which PostgreSQL holds as a column, either way */
	bool rowid_there = names_has(&to, "rowid") || names_has(&from, "rowid");
	for (size_t i = 0; i < from.count; i++) {
		const char *c = from.items[i];
		if (made_again(table, c) || !strcmp(c, "rowid"))
			continue;
		if (!names_has(&to, c)) {
			error_set(err, "%s: column %s.%s has no place in %s", src->target, table, c, dst->target);
			goto done;
		}
		names_add(&cols, c);
	}
	if (rowid_there)
		names_add(&cols, "rowid");
	buf_adds(&select, "SELECT ");
	buf_adds(&insert, "INSERT INTO ");
	quoted(&insert, table);
	buf_adds(&insert, " (");
	for (size_t i = 0; i < cols.count; i++) {
		if (i) {
			buf_adds(&select, ", ");
			buf_adds(&insert, ", ");
		}
		quoted(&select, cols.items[i]);
		quoted(&insert, cols.items[i]);
	}
	buf_adds(&select, " FROM ");
	quoted(&select, table);
	if (rowid_there)
		buf_adds(&select, " ORDER BY \"rowid\"");
	buf_adds(&insert, ") VALUES (");
	for (size_t i = 0; i < cols.count; i++)
		buf_addf(&insert, "%s?%zu", i ? ", " : "", i + 1);
	buf_addch(&insert, ')');

	/* what the target's migrations put in (default settings, counters) goes:
	 * the source's rows are the store */
	struct buf clear = BUF_INIT;
	buf_adds(&clear, "DELETE FROM ");
	quoted(&clear, table);
	int cleared = db_exec(dst, clear.data, err);
	buf_release(&clear);
	if (cleared < 0)
		goto done;
	struct db_stmt *in = NULL, *out = db_prepare(src, select.data, err);
	if (!out || !(in = db_prepare(dst, insert.data, err))) {
		db_finalize(out);
		goto done;
	}
	int step;
	while ((step = db_step(out, err)) == 1) {
		for (size_t i = 0; i < cols.count; i++) {
			int c = (int)i, p = (int)i + 1;
			switch (db_column_type(out, c)) {
			case DB_NULL:
				db_bind_null(in, p);
				break;
			case DB_INTEGER:
				db_bind_int(in, p, db_int(out, c));
				break;
			case DB_REAL:
				db_bind_double(in, p, db_double(out, c));
				break;
			case DB_TEXT:
				db_bind_text(in, p, db_text(out, c));
				break;
			}
		}
		if (db_step(in, err) < 0) {
			char msg[sizeof(err->message)];
			snprintf(msg, sizeof(msg), "%s", err ? err->message : "");
			error_set(err, "%s: a row of %s: %s", dst->target, table, msg);
			step = -1;
			break;
		}
		db_reset(in);
		(*rows)++;
	}
	db_finalize(in);
	db_finalize(out);
	rc = step < 0 ? -1 : 0;
done:
	names_release(&from);
	names_release(&to);
	names_release(&cols);
	buf_release(&select);
	buf_release(&insert);
	return rc;
}

int store_copy(struct db *src, struct db *dst, struct store_copy_stats *stats, struct error *err)
{
	memset(stats, 0, sizeof(*stats));
	if (store_schema_version(dst) != 0)
		return error_set(err, "%s already holds a Rapporteur database: give an empty one", dst->target);
	if (store_migrate(dst, err) < 0)
		return -1;
	if (store_schema_version(dst) != store_schema_version(src))
		return error_set(err, "%s is at schema version %d and %s at %d: this rapporteur cannot move it",
				 src->target, store_schema_version(src), dst->target, store_schema_version(dst));
	struct names tables = {0}, there = {0};
	if (store_tables(src, &tables, err) < 0 || store_tables(dst, &there, err) < 0) {
		names_release(&tables);
		names_release(&there);
		return -1;
	}
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < tables.count; i++)
		if (!names_has(&there, tables.items[i]))
			rc = error_set(err, "%s: table %s has no place in %s", src->target, tables.items[i], dst->target);
	/* one transaction, its foreign keys checked when it commits */
	if (rc == 0 && db_begin(dst, err) < 0)
		rc = -1;
	if (rc == 0 && db_exec(dst, dst->backend == DB_SQLITE ? "PRAGMA defer_foreign_keys = ON" : "SET CONSTRAINTS ALL DEFERRED",
			       err) < 0)
		rc = -1;
	struct suspended off = {0};
	if (rc == 0)
		rc = triggers_suspend(dst, &tables, &off, err);
	for (size_t i = 0; rc == 0 && i < tables.count; i++) {
		rc = copy_table(src, dst, tables.items[i], &stats->rows, err);
		stats->tables++;
	}
	if (rc == 0)
		rc = store_index_rebuild(dst, err);
	/* PostgreSQL alters no table with checks pending: check the keys now */
	if (rc == 0 && dst->backend == DB_POSTGRES)
		rc = db_exec(dst, "SET CONSTRAINTS ALL IMMEDIATE", err);
	if (rc == 0)
		rc = triggers_resume(dst, &off, err);
	names_release(&off.names);
	names_release(&off.sql);
	if (rc == 0)
		rc = db_commit(dst, err);
	if (rc < 0)
		db_rollback(dst);
	names_release(&tables);
	names_release(&there);
	return rc;
}
