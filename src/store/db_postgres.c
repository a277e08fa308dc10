/*
 * db_postgres.c - the PostgreSQL driver: the only file that includes
 * libpq-fe.h. A target is a libpq connection URI ("postgresql://...").
 *
 * Statements are written with ?N placeholders, as for SQLite; they become
 * $N here and are prepared on the server once per connection (kept by
 * their SQL text, like db_sqlite.c's), then run with text parameters.
 * Parameters are sent untyped so that the server infers each from where
 * it stands (a column, a comparison), as SQLite's affinity would; one
 * that nothing types ("?1 IS NULL" alone) is retried as text.
 *
 * A statement's first step runs it and holds all its rows, so that
 * callers may run other statements while reading them, as they do on
 * SQLite (libpq runs one query at a time per connection).
 *
 * Knows nothing of what the tables hold; the dialect differences live in
 * migrations/postgres/ (functions SQLite has and PostgreSQL lacks) and in
 * the few per-backend branches named in docs/SCALING.md.
 */
#include <errno.h>
#include <libpq-fe.h>
#include <math.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/die.h"
#include "db.h"

/* The server's type oids this driver reads differently (pg_type.h). */
#define OID_BOOL 16
#define OID_INT8 20
#define OID_INT2 21
#define OID_INT4 23
#define OID_TEXT 25
#define OID_FLOAT4 700
#define OID_FLOAT8 701
#define OID_NUMERIC 1700

/* Statements kept prepared on one connection; more distinct texts than
 * this run unnamed (prepared and run each time). */
#define KEPT_MAX 1024

/* A statement prepared on the server, by the SQL text it was written in. */
struct prepared {
	char *sql; /* as written, with ?N */
	uint64_t hash;
	char name[16]; /* "r17"; "" for the unnamed statement */
	int nparams;
	PGresult *describe; /* column names before the first step, on demand */
};

/* What db->handle points to. */
struct connection {
	PGconn *conn;
	struct prepared *kept;
	size_t count;
	unsigned next_name;
	long long changes; /* rows the last INSERT, UPDATE or DELETE touched */
	char *actor;       /* who the session acts for (rapporteur.actor), or NULL */
};

struct db_stmt {
	struct db *db; /* first, as db.c expects */
	struct prepared *p;
	struct prepared unnamed; /* when p is not kept: p points here */
	char **values;          /* the bound parameters as text; NULL is SQL NULL */
	PGresult *res;          /* after the first step */
	int row, rows;
	char (*real)[40];       /* per column: a real as SQLite writes it */
};

static struct connection *conn_of(struct db *db)
{
	return db->handle;
}

static uint64_t sql_hash(const char *sql)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */
	for (const unsigned char *p = (const unsigned char *)sql; *p; p++)
		h = (h ^ *p) * 1099511628211ULL;
	return h;
}

/* The server's message, without libpq's trailing newline. */
static int pg_error(struct db *db, struct error *err, const char *what, const char *msg)
{
	char clean[900];
	snprintf(clean, sizeof(clean), "%s", msg && *msg ? msg : "no message from the server");
	size_t n = strlen(clean);
	while (n && (clean[n - 1] == '\n' || clean[n - 1] == ' '))
		clean[--n] = 0;
	/* "ERROR:  " is libpq's prefix, not news */
	const char *m = clean;
	if (!strncmp(m, "ERROR:  ", 8))
		m += 8;
	return error_set(err, "%s: %s: %s", db->target, what, m);
}

static int result_error(struct db *db, struct error *err, const char *what, const PGresult *res)
{
	const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	if (!msg)
		return pg_error(db, err, what, PQerrorMessage(conn_of(db)->conn));
	const char *detail = PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL);
	char both[900];
	snprintf(both, sizeof(both), "%s%s%s", msg, detail ? " (" : "", detail ? detail : "");
	if (detail)
		snprintf(both + strlen(both), sizeof(both) - strlen(both), ")");
	return pg_error(db, err, what, both);
}

/* Notices ("text-search query doesn't contain lexemes") are not errors and
 * must not reach a command's output. */
static void ignore_notice(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

static int pg_open(struct db *db, const char *target, struct error *err)
{
	PGconn *conn = PQconnectdb(target);
	if (!conn)
		return error_set(err, "%s: cannot open the database: out of memory", db->target);
	if (PQstatus(conn) != CONNECTION_OK) {
		pg_error(db, err, "cannot connect", PQerrorMessage(conn));
		PQfinish(conn);
		return -1;
	}
	PQsetNoticeProcessor(conn, ignore_notice, NULL);
	if (PQsetClientEncoding(conn, "UTF8") != 0) {
		pg_error(db, err, "cannot use UTF-8", PQerrorMessage(conn));
		PQfinish(conn);
		return -1;
	}
	struct connection *c = xcalloc(1, sizeof(*c));
	c->conn = conn;
	db->handle = c;
	return 0;
}

/* The session's rapporteur.actor, which the audit log's rapporteur_actor()
 * reads (migrations/postgres/008_audit.sql). */
static void send_actor(struct connection *c)
{
	const char *v[1] = {c->actor ? c->actor : ""};
	PQclear(PQexecParams(c->conn, "SELECT set_config('rapporteur.actor', $1, false)", 1, NULL, v, NULL, NULL, 0));
}

static void pg_set_actor(struct db *db, const char *actor)
{
	struct connection *c = conn_of(db);
	if ((!actor && !c->actor) || (actor && c->actor && !strcmp(actor, c->actor)))
		return;
	free(c->actor);
	c->actor = actor ? xstrdup(actor) : NULL;
	send_actor(c);
}

static void forget_prepared(struct connection *c)
{
	for (size_t i = 0; i < c->count; i++) {
		free(c->kept[i].sql);
		PQclear(c->kept[i].describe);
	}
	c->count = 0;
}

static void pg_close(struct db *db)
{
	struct connection *c = db->handle;
	if (!c)
		return;
	forget_prepared(c);
	free(c->kept);
	free(c->actor);
	PQfinish(c->conn);
	free(c);
	db->handle = NULL;
}

/* The SQL with ?N as $N (a bare ? takes the next number), quoted text and
 * comments left alone. *nparams: the highest number used. */
static char *translate(const char *sql, int *nparams)
{
	struct buf b = BUF_INIT;
	int max = 0, next = 1;
	for (const char *p = sql; *p;) {
		if (*p == '\'' || *p == '"') {
			char q = *p;
			const char *s = p++;
			while (*p && !(*p == q && p[1] != q))
				p += *p == q ? 2 : 1;
			if (*p)
				p++;
			buf_add(&b, s, (size_t)(p - s));
		} else if (p[0] == '-' && p[1] == '-') {
			const char *s = p;
			while (*p && *p != '\n')
				p++;
			buf_add(&b, s, (size_t)(p - s));
		} else if (p[0] == '/' && p[1] == '*') {
			const char *s = p;
			const char *e = strstr(p + 2, "*/");
			p = e ? e + 2 : p + strlen(p);
			buf_add(&b, s, (size_t)(p - s));
		} else if (*p == '?') {
			p++;
			int n = 0;
			if (*p >= '0' && *p <= '9') {
				while (*p >= '0' && *p <= '9')
					n = n * 10 + (*p++ - '0');
			} else {
				n = next;
			}
			next = n + 1;
			if (n > max)
				max = n;
			buf_addf(&b, "$%d", n);
		} else {
			buf_addch(&b, *p++);
		}
	}
	*nparams = max;
	return buf_detach(&b);
}

/* "could not determine data type of parameter $3": 3, else 0. */
static int undetermined_parameter(const PGresult *res)
{
	const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	const char *msg = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
	/* 42P18 indeterminate_datatype; 42P08 when one use leaves it unknown
	 * ("?1 IS NULL") and another would not */
	if (!state || (strcmp(state, "42P18") && strcmp(state, "42P08")) || !msg ||
	    !strstr(msg, "could not determine data type of parameter"))
		return 0;
	const char *d = strrchr(msg, '$');
	return d ? atoi(d + 1) : 0;
}

/* Prepares sql (already translated) under name; parameters nothing types
 * are retried as text, one by one. */
static int prepare_on_server(struct db *db, const char *name, const char *sql, int nparams, struct error *err)
{
	struct connection *c = conn_of(db);
	Oid *types = nparams ? xcalloc((size_t)nparams, sizeof(Oid)) : NULL;
	int rc = -1;
	for (int attempt = 0; attempt <= nparams; attempt++) {
		PGresult *res = PQprepare(c->conn, name, sql, nparams, types);
		if (PQresultStatus(res) == PGRES_COMMAND_OK) {
			PQclear(res);
			rc = 0;
			break;
		}
		int n = undetermined_parameter(res);
		if (n >= 1 && n <= nparams && types[n - 1] == 0) {
			types[n - 1] = OID_TEXT;
			PQclear(res);
			continue;
		}
		result_error(db, err, "cannot prepare a query", res);
		PQclear(res);
		break;
	}
	free(types);
	return rc;
}

static int pg_exec(struct db *db, const char *sql, struct error *err)
{
	PGresult *res = PQexec(conn_of(db)->conn, sql);
	ExecStatusType s = PQresultStatus(res);
	int rc = 0;
	if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK && s != PGRES_EMPTY_QUERY)
		rc = result_error(db, err, "query failed", res);
	PQclear(res);
	return rc;
}

static struct prepared *find_kept(struct connection *c, const char *sql, uint64_t hash)
{
	for (size_t i = 0; i < c->count; i++)
		if (c->kept[i].hash == hash && !strcmp(c->kept[i].sql, sql))
			return &c->kept[i];
	return NULL;
}

static struct db_stmt *pg_prepare(struct db *db, const char *sql, struct error *err)
{
	struct connection *c = conn_of(db);
	uint64_t hash = sql_hash(sql);
	struct db_stmt *st = xcalloc(1, sizeof(*st));
	st->db = db;
	st->p = find_kept(c, sql, hash);
	if (!st->p) {
		int nparams;
		char *translated = translate(sql, &nparams);
		struct prepared p = {.sql = xstrdup(sql), .hash = hash, .nparams = nparams};
		if (c->count < KEPT_MAX)
			snprintf(p.name, sizeof(p.name), "r%u", ++c->next_name);
		int rc = prepare_on_server(db, p.name, translated, nparams, err);
		free(translated);
		if (rc < 0) {
			free(p.sql);
			free(st);
			return NULL;
		}
		if (p.name[0]) {
			/* room for every kept statement at once, so that none moves */
			if (!c->kept)
				c->kept = xcalloc(KEPT_MAX, sizeof(*c->kept));
			c->kept[c->count] = p;
			st->p = &c->kept[c->count++];
		} else {
			st->unnamed = p;
			st->p = &st->unnamed;
		}
	}
	if (st->p->nparams)
		st->values = xcalloc((size_t)st->p->nparams, sizeof(char *));
	return st;
}

static void set_value(struct db_stmt *st, int i, char *v)
{
	if (i < 1 || i > st->p->nparams) {
		free(v); /* a parameter the statement does not use, as SQLite ignores it */
		return;
	}
	free(st->values[i - 1]);
	st->values[i - 1] = v;
}

static void pg_bind_text(struct db_stmt *st, int i, const char *s, size_t len)
{
	set_value(st, i, xstrndup(s, len));
}

static void pg_bind_int(struct db_stmt *st, int i, long long v)
{
	char n[32];
	snprintf(n, sizeof(n), "%lld", v);
	set_value(st, i, xstrdup(n));
}

static void pg_bind_double(struct db_stmt *st, int i, double v)
{
	char n[40];
	if (isnan(v))
		snprintf(n, sizeof(n), "NaN");
	else if (isinf(v))
		snprintf(n, sizeof(n), "%sInfinity", v < 0 ? "-" : "");
	else
		snprintf(n, sizeof(n), "%.17g", v);
	set_value(st, i, xstrdup(n));
}

static void pg_bind_null(struct db_stmt *st, int i)
{
	set_value(st, i, NULL);
}

/* What the last command changed, as sqlite3_changes() counts it: rows
 * inserted, updated or deleted, whatever ran since. */
static void note_changes(struct connection *c, PGresult *res)
{
	const char *status = PQcmdStatus(res);
	if (!strncmp(status, "INSERT", 6) || !strncmp(status, "UPDATE", 6) || !strncmp(status, "DELETE", 6) ||
	    !strncmp(status, "MERGE", 5))
		c->changes = atoll(PQcmdTuples(res));
}

static int pg_step(struct db_stmt *st, struct error *err)
{
	struct connection *c = conn_of(st->db);
	if (!st->res) {
		const struct prepared *p = st->p;
		if (p->name[0])
			st->res = PQexecPrepared(c->conn, p->name, p->nparams, (const char *const *)st->values, NULL,
						 NULL, 0);
		else {
			/* the unnamed statement was prepared at db_prepare; another may have
			 * replaced it since: prepare it again */
			int nparams;
			char *translated = translate(p->sql, &nparams);
			int rc = prepare_on_server(st->db, "", translated, nparams, err);
			free(translated);
			if (rc < 0)
				return -1;
			st->res = PQexecPrepared(c->conn, "", p->nparams, (const char *const *)st->values, NULL, NULL,
						 0);
		}
		ExecStatusType s = PQresultStatus(st->res);
		if (s != PGRES_TUPLES_OK && s != PGRES_COMMAND_OK) {
			result_error(st->db, err, "query failed", st->res);
			PQclear(st->res);
			st->res = NULL;
			return -1;
		}
		note_changes(c, st->res);
		st->rows = PQntuples(st->res);
		st->row = -1;
	}
	if (st->row + 1 >= st->rows) {
		st->row = st->rows;
		return 0;
	}
	st->row++;
	return 1;
}

/* The result to read column names from: the rows', else the statement's
 * description (asked for once). */
static const PGresult *shape(struct db_stmt *st)
{
	if (st->res)
		return st->res;
	struct prepared *p = st->p;
	if (!p->describe && p->name[0])
		p->describe = PQdescribePrepared(conn_of(st->db)->conn, p->name);
	return p->describe;
}

static int pg_column_count(struct db_stmt *st)
{
	const PGresult *r = shape(st);
	return r ? PQnfields(r) : 0;
}

static const char *pg_column_name(struct db_stmt *st, int col)
{
	const PGresult *r = shape(st);
	return r && col < PQnfields(r) ? PQfname(r, col) : NULL;
}

static bool on_row(struct db_stmt *st, int col)
{
	return st->res && st->row >= 0 && st->row < st->rows && col >= 0 && col < PQnfields(st->res);
}

/* A real as SQLite writes one ("%!.15g": 15 digits, and ".0" on a whole
 * number), so that the two stores print the same figures. */
static const char *sqlite_real(struct db_stmt *st, int col, const char *v)
{
	if (!st->real)
		st->real = xcalloc((size_t)PQnfields(st->res), sizeof(*st->real));
	char *out = st->real[col];
	double d = strtod(v, NULL);
	if (isnan(d) || isinf(d))
		return v;
	snprintf(out, sizeof(st->real[col]), "%.15g", d);
	if (!strpbrk(out, ".e")) {
		strcat(out, ".0");
	} else if (!strchr(out, '.')) {
		char *e = strchr(out, 'e');
		memmove(e + 2, e, strlen(e) + 1);
		memcpy(e, ".0", 2);
	}
	return out;
}

static const char *pg_column_text(struct db_stmt *st, int col)
{
	if (!on_row(st, col) || PQgetisnull(st->res, st->row, col))
		return NULL;
	const char *v = PQgetvalue(st->res, st->row, col);
	switch (PQftype(st->res, col)) {
	case OID_BOOL: /* as SQLite gives one: 1 or 0 */
		return *v == 't' ? "1" : "0";
	case OID_FLOAT4:
	case OID_FLOAT8:
		return sqlite_real(st, col, v);
	case OID_NUMERIC: /* avg(), sum() of reals: a real; sum() of integers: an integer */
		return strpbrk(v, ".eE") ? sqlite_real(st, col, v) : v;
	default:
		return v;
	}
}

static long long pg_column_int(struct db_stmt *st, int col)
{
	const char *v = pg_column_text(st, col);
	if (!v)
		return 0;
	/* "12.7" reads 12, as SQLite casts a real */
	if (strpbrk(v, ".eE"))
		return (long long)strtod(v, NULL);
	return strtoll(v, NULL, 10);
}

static double pg_column_double(struct db_stmt *st, int col)
{
	const char *v = pg_column_text(st, col);
	return v ? strtod(v, NULL) : 0.0;
}

static bool pg_column_null(struct db_stmt *st, int col)
{
	return !on_row(st, col) || PQgetisnull(st->res, st->row, col);
}

static enum db_type pg_column_type(struct db_stmt *st, int col)
{
	if (pg_column_null(st, col))
		return DB_NULL;
	switch (PQftype(st->res, col)) {
	case OID_BOOL:
	case OID_INT8:
	case OID_INT2:
	case OID_INT4:
		return DB_INTEGER;
	case OID_FLOAT4:
	case OID_FLOAT8:
	case OID_NUMERIC:
		return DB_REAL;
	default:
		return DB_TEXT;
	}
}

static void clear_values(struct db_stmt *st)
{
	for (int i = 0; i < st->p->nparams; i++) {
		free(st->values[i]);
		st->values[i] = NULL;
	}
}

static void pg_reset(struct db_stmt *st)
{
	PQclear(st->res);
	st->res = NULL;
	free(st->real);
	st->real = NULL;
	st->row = st->rows = 0;
	clear_values(st);
}

static void pg_finalize(struct db_stmt *st)
{
	pg_reset(st);
	free(st->values);
	if (st->p == &st->unnamed)
		free(st->unnamed.sql);
	free(st);
}

static long long pg_changes(struct db *db)
{
	return conn_of(db)->changes;
}

/* A connection the server has closed (a restart) looks fine until it is
 * used: read whatever the server sent while we were idle, without
 * waiting, so that a goodbye shows now. */
static bool pg_connected(struct db *db)
{
	struct connection *c = conn_of(db);
	if (!c || PQstatus(c->conn) != CONNECTION_OK)
		return false;
	/* the server's last words ("terminating connection") come first and its
	 * end of stream after: read until nothing more is waiting */
	for (int i = 0; i < 8; i++) {
		struct pollfd fd = {.fd = PQsocket(c->conn), .events = POLLIN};
		if (fd.fd < 0 || poll(&fd, 1, 0) <= 0)
			break;
		if (!PQconsumeInput(c->conn))
			return false;
		PGnotify *n;
		while ((n = PQnotifies(c->conn)))
			PQfreemem(n);
	}
	return PQstatus(c->conn) == CONNECTION_OK;
}

/* Connects again with the same parameters; the server's prepared
 * statements went with the old connection. */
static int pg_reconnect(struct db *db, struct error *err)
{
	struct connection *c = conn_of(db);
	forget_prepared(c);
	c->next_name = 0;
	PQreset(c->conn);
	if (PQstatus(c->conn) != CONNECTION_OK)
		return pg_error(db, err, "cannot connect", PQerrorMessage(c->conn));
	PQsetNoticeProcessor(c->conn, ignore_notice, NULL);
	if (PQsetClientEncoding(c->conn, "UTF8") != 0)
		return pg_error(db, err, "cannot use UTF-8", PQerrorMessage(c->conn));
	if (c->actor)
		send_actor(c);
	return 0;
}

static const struct db_driver db_postgres_driver = {
	.name = "postgres",
	.open = pg_open,
	.close = pg_close,
	.exec = pg_exec,
	.prepare = pg_prepare,
	.bind_text = pg_bind_text,
	.bind_int = pg_bind_int,
	.bind_double = pg_bind_double,
	.bind_null = pg_bind_null,
	.step = pg_step,
	.column_count = pg_column_count,
	.column_name = pg_column_name,
	.column_text = pg_column_text,
	.column_int = pg_column_int,
	.column_double = pg_column_double,
	.column_null = pg_column_null,
	.column_type = pg_column_type,
	.reset = pg_reset,
	.finalize = pg_finalize,
	.changes = pg_changes,
	.set_actor = pg_set_actor,
	.connected = pg_connected,
	.reconnect = pg_reconnect,
};

const struct db_driver *db_postgres_driver_get(void)
{
	return &db_postgres_driver;
}
