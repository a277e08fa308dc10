/*
 * server.c - the HTTP server: libmicrohttpd set up with limits, requests
 * parsed and checked (path, query, form, upload, cookies) before any page
 * sees them, routed through the web_routes table with the role each route
 * needs, answered with security headers on every response. The only file
 * that includes microhttpd.h. Knows nothing of what pages show.
 */
#include "web.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "../domain/clock.h"
#include "../domain/privacy.h"
#include "../store/migrate.h"
#include "../util/die.h"
#include "auth.h"
#include "cache.h"
#include "request_parse.h"
#include "sandbox.h"

/* Server limits: enough for many readers, bounded for hostile ones. */
#define CONNECTION_LIMIT 512
#define PER_IP_LIMIT 128
#define CONNECTION_MEMORY (128u * 1024)
#define CONNECTION_TIMEOUT_S 20

static const char *serve_db;
/* the key of the confidential fields, opened once at start: the intake
 * form seals what a source sends, officers' pages open it */
static struct privacy *serve_privacy;
/* --static-copy: bytes served as is, so that `make bench` can compare a
 * page with the same bytes served by the same server doing no work */
static char *static_copy;
static size_t static_copy_len;

/* One connection to the store per server thread, closed when the thread
 * ends (the key's destructor). They are opened before the sandbox, which
 * lets no file be opened for writing (sandbox.c), and each thread takes
 * one of them at its first request. */
static pthread_key_t db_key;
static struct db **db_pool;
static size_t db_pool_count, db_pool_next;
static pthread_mutex_t db_pool_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t db_key_once = PTHREAD_ONCE_INIT;

static void close_thread_db(void *db)
{
	db_close(db);
}

static void make_db_key(void)
{
	if (pthread_key_create(&db_key, close_thread_db) != 0)
		die("cannot create a thread key");
}

static struct db *request_db(struct error *err)
{
	pthread_once(&db_key_once, make_db_key);
	struct db *db = pthread_getspecific(db_key);
	if (!db) {
		pthread_mutex_lock(&db_pool_lock);
		if (db_pool_next < db_pool_count)
			db = db_pool[db_pool_next++];
		pthread_mutex_unlock(&db_pool_lock);
		if (!db)
			db = store_open(serve_db, err);
		if (db)
			pthread_setspecific(db_key, db);
	}
	/* a pooled connection too may have outlived its server */
	if (db && !db_connected(db) && db_reconnect(db, err) < 0)
		return NULL; /* the server is away (a restart): 503 now, connect again next time */
	return db;
}

/* --- per-request state ------------------------------------------------------------------ */

struct pending {
	struct web_request req;
	struct buf body; /* the raw body while it comes; a form's is parsed when whole */
	size_t limit, received;
	bool too_large;
	char *raw_query; /* the query string as the client sent it (uri_seen) */
	struct request_fields query, form; /* request_parse.c's */
	char *path_copy;
	bool started; /* the first call of handle() is over */
};

static void pending_free(struct pending *p)
{
	if (!p)
		return;
	buf_release(&p->body);
	request_fields_release(&p->query);
	request_fields_release(&p->form);
	free(p->raw_query);
	free(p->path_copy);
	free(p->req.user);
	free(p);
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)c;
	(void)toe;
	pending_free(*con_cls);
	*con_cls = NULL;
}

/* --- reading the request ---------------------------------------------------------------- */

/* The request line's target as the client sent it, before libmicrohttpd
 * decodes anything: the request's state begins here (MHD hands what this
 * returns to handle() as *con_cls, and to completed() in the end), with
 * the query string kept for request_parse_query(). */
static void *uri_seen(void *cls, const char *uri, struct MHD_Connection *c)
{
	(void)cls;
	(void)c;
	struct pending *p = xcalloc(1, sizeof(*p));
	p->body = (struct buf)BUF_INIT;
	const char *q = uri ? strchr(uri, '?') : NULL;
	if (q)
		p->raw_query = xstrndup(q + 1, strcspn(q + 1, "#"));
	return p;
}

/* --- routing ---------------------------------------------------------------------------- */

/* Matches path against pattern; fills captures (pointers into copy). */
static bool route_match(const char *pattern, char *copy, const char **caps, size_t *ncaps)
{
	*ncaps = 0;
	const char *p = pattern;
	char *s = copy;
	while (*p && *s) {
		if (*p == '*') {
			char *end = strchr(s, '/');
			if (end == s)
				return false;
			if (*ncaps < 4)
				caps[(*ncaps)++] = s;
			if (!end) {
				s += strlen(s);
			} else {
				if (p[1] != '/')
					return false;
				*end = '\0'; /* the capture ends here; the pattern's '/' matches it */
				s = end + 1;
				p += 2;
				continue;
			}
			p++;
			continue;
		}
		if (*p != *s)
			return false;
		p++;
		s++;
	}
	return !*p && !*s;
}

static void security_headers(struct MHD_Response *r, const struct web_response *res)
{
	MHD_add_response_header(r, "Content-Security-Policy",
				"default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; "
				"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Referrer-Policy", "same-origin");
	if (res->no_store)
		MHD_add_response_header(r, "Cache-Control", "no-store");
}

static enum MHD_Result respond(struct MHD_Connection *c, struct web_response *res, bool head)
{
	struct MHD_Response *r;
	if (head)
		r = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
	else
		r = MHD_create_response_from_buffer(res->body.len, res->body.data, MHD_RESPMEM_MUST_COPY);
	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, "Content-Type", res->content_type ? res->content_type : "text/html; charset=utf-8");
	security_headers(r, res);
	for (size_t i = 0; i < res->header_count; i++)
		MHD_add_response_header(r, res->headers[i].name, res->headers[i].value);
	enum MHD_Result rc = MHD_queue_response(c, (unsigned)res->status, r);
	MHD_destroy_response(r);
	return rc;
}

static void response_release(struct web_response *res)
{
	buf_release(&res->body);
	for (size_t i = 0; i < res->header_count; i++) {
		free(res->headers[i].name);
		free(res->headers[i].value);
	}
}

/* The database went away during the request (a restart): as before it. */
static void gone_away(struct web_request *req, struct web_response *res)
{
	if (res->status >= 500 && !db_connected(req->db))
		web_error(req, res, 503, "The database is not available; try again in a moment.");
}

/*
 * A public page for an anonymous reader: from the cache while the store
 * and the day are as they were (cache.h), else made and kept. Either way
 * it carries its entity tag, and a reader who holds that version gets 304
 * and no body; "no-cache" makes every other cache ask again each time, so
 * a letter taken down is gone from the next answer.
 */
static void cached_answer(struct web_request *req, struct pending *p, const struct web_route *rt,
			  struct web_response *res)
{
	/* the store's generation only matters to kept answers: without a cache,
	 * no query for it */
	long long generation =
	    web_cache_on() ? db_query_int(req->db, -1, "SELECT n FROM public_generation", (const char *)NULL) : 0;
	int today = clock_today();
	struct buf key = BUF_INIT;
	buf_addf(&key, "%s %s?%s", req->host ? req->host : "", req->path, p->raw_query ? p->raw_query : "");
	char etag[24] = "";
	if (generation < 0 || !web_cache_get(key.data, generation, today, res, etag)) {
		rt->handle(req, res);
		gone_away(req, res);
		if (generation >= 0 && res->status == 200)
			web_cache_put(key.data, generation, today, res, etag);
	}
	buf_release(&key);
	if (res->status != 200 || !*etag || res->header_count + 2 > 8)
		return;
	res->headers[res->header_count].name = xstrdup("ETag");
	res->headers[res->header_count++].value = xstrdup(etag);
	res->headers[res->header_count].name = xstrdup("Cache-Control");
	res->headers[res->header_count++].value = xstrdup("no-cache");
	if (req->if_none_match && strstr(req->if_none_match, etag)) {
		res->status = 304;
		buf_reset(&res->body);
	}
}

static enum MHD_Result answer(struct MHD_Connection *c, struct pending *p)
{
	struct web_request *req = &p->req;
	struct web_response res = {.status = 200, .body = BUF_INIT};
	bool head = !strcmp(req->method, "HEAD");
	struct error err;
	if (static_copy && !strcmp(req->path, "/bench/static")) {
		buf_add(&res.body, static_copy, static_copy_len);
		enum MHD_Result rc = respond(c, &res, head);
		response_release(&res);
		return rc;
	}
	if (sandbox_probe_asked(req->path)) { /* tests only: what the sandbox refuses */
		res.content_type = "text/plain; charset=utf-8";
		sandbox_probe(web_query(req, "try"), web_query(req, "path"), &res.body);
		enum MHD_Result rc = respond(c, &res, head);
		response_release(&res);
		return rc;
	}
	req->db = request_db(&err);
	req->privacy = serve_privacy;
	int form = p->too_large ? REQUEST_TOO_LARGE
				: request_parse_form(req->content_type, p->body.data, p->body.len, &p->form);
	if (form == REQUEST_TOO_LARGE) {
		web_error(req, &res, 413, "The request is larger than this server accepts.");
	} else if (form == REQUEST_BAD) {
		web_error(req, &res, 400,
			  "The form has too many fields, a field that is not valid UTF-8 text, or is cut short.");
	} else if (!req->db) {
		web_error(req, &res, 503, "The database is not available; try again in a moment.");
	} else {
		req->form = p->form.items;
		req->form_count = p->form.count;
		web_identify(req);
		/* the audit log names who changed what (docs/SECURITY.md) */
		db_set_actor(req->db, req->user ? req->user->name : NULL);
		const char *method = head ? "GET" : req->method;
		bool path_known = false;
		for (const struct web_route *rt = web_routes; rt->pattern; rt++) {
			char *copy = xstrdup(req->path);
			const char *caps[4];
			size_t ncaps;
			bool match = route_match(rt->pattern, copy, caps, &ncaps);
			if (!match) {
				free(copy);
				continue;
			}
			path_known = true;
			if (strcmp(rt->method, method)) {
				free(copy);
				continue;
			}
			req->captures = caps;
			req->capture_count = ncaps;
			if (rt->roles && !req->user) {
				/* pages ask people to log in; the API answers 401 */
				if (!strncmp(req->path, "/api/", 5) || strcmp(method, "GET")) {
					web_error(req, &res, 401, "Log in to do this.");
				} else {
					struct buf to = BUF_INIT;
					buf_adds(&to, "/login?next=");
					web_urlencode(&to, req->path);
					web_redirect(&res, to.data);
					buf_release(&to);
				}
			} else if (rt->roles && !(req->user->roles & rt->roles)) {
				web_error(req, &res, 403, "Your role does not allow this.");
			} else if (rt->roles && strcmp(method, "GET") && !web_csrf_ok(req)) {
				web_error(req, &res, 403, "The form has expired or did not come from this site; reload the page and try again.");
			} else if ((rt->flags & WEB_CACHED) && !req->user && !req->cookie_session) {
				cached_answer(req, p, rt, &res);
			} else {
				rt->handle(req, &res);
				gone_away(req, &res);
			}
			free(copy);
			goto out;
		}
		web_error(req, &res, path_known ? 405 : 404,
			  path_known ? "This address does not take that method." : "There is no page at this address.");
	}
out:
	if (req->user)
		res.no_store = true;
	enum MHD_Result rc = respond(c, &res, head);
	response_release(&res);
	return rc;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
			      const char *version, const char *upload_data, size_t *upload_data_size, void **con_cls)
{
	(void)cls;
	(void)version;
	struct pending *p = *con_cls;
	if (!p) /* uri_seen() makes it; only a libmicrohttpd without it would not */
		*con_cls = p = uri_seen(NULL, NULL, c);
	if (!p->started) {
		p->started = true;
		struct web_request *r = &p->req;
		r->method = method;
		if (strcmp(method, "GET") && strcmp(method, "HEAD") && strcmp(method, "POST")) {
			struct web_response res = {.status = 405, .body = BUF_INIT};
			r->path = "/";
			web_error(r, &res, 405, "This server answers GET, HEAD and POST.");
			enum MHD_Result rc = respond(c, &res, false);
			response_release(&res);
			return rc;
		}
		struct web_response res = {.status = 400, .body = BUF_INIT};
		if (strlen(url) > WEB_MAX_URL_BYTES) {
			r->path = "/";
			web_error(r, &res, 414, "The address is too long.");
			enum MHD_Result rc = respond(c, &res, false);
			response_release(&res);
			return rc;
		}
		if (!request_path_ok(url)) {
			r->path = "/";
			web_error(r, &res, 400, "The address is not one this site uses.");
			enum MHD_Result rc = respond(c, &res, false);
			response_release(&res);
			return rc;
		}
		p->path_copy = xstrdup(url);
		r->path = p->path_copy;
		const char *q = p->raw_query ? p->raw_query : "";
		if (request_parse_query(q, strlen(q), &p->query) != REQUEST_PARSED) {
			web_error(r, &res, 400, "The query is not valid UTF-8 text, or has too many parameters.");
			enum MHD_Result rc = respond(c, &res, false);
			response_release(&res);
			return rc;
		}
		r->query = p->query.items;
		r->query_count = p->query.count;
		buf_release(&res.body);
		r->content_type = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
		r->cookie_session = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, "rapporteur_session");
		r->if_none_match = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-None-Match");
		r->host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");
		const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		if (ci && ci->client_addr) {
			const struct sockaddr *sa = ci->client_addr;
			if (sa->sa_family == AF_INET)
				inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, r->client, sizeof(r->client));
			else if (sa->sa_family == AF_INET6)
				inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, r->client, sizeof(r->client));
		}
		if (!strcmp(method, "POST")) {
			const char *len = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
			bool multipart = r->content_type && !strncasecmp(r->content_type, "multipart/form-data", 19);
			p->limit = multipart ? WEB_MAX_UPLOAD_BYTES + 64 * 1024 : WEB_MAX_FORM_BYTES;
			if (len && strtoull(len, NULL, 10) > p->limit)
				p->too_large = true;
		}
		return MHD_YES;
	}
	if (*upload_data_size) {
		p->received += *upload_data_size;
		if (p->received > p->limit)
			p->too_large = true; /* read and dropped: the answer is 413 */
		if (!p->too_large)
			buf_add(&p->body, upload_data, *upload_data_size);
		*upload_data_size = 0;
		return MHD_YES;
	}
	return answer(c, p);
}

/* --- the daemon ------------------------------------------------------------------------- */

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

int web_serve(const struct web_options *o, struct error *err)
{
	serve_db = o->db_target;
	web_cache_init(o->cache_bytes);
	if (o->static_copy) {
		FILE *f = fopen(o->static_copy, "rb");
		if (!f)
			return error_set(err, "--static-copy %s: %s", o->static_copy, strerror(errno));
		struct buf b = BUF_INIT;
		char chunk[65536];
		size_t n;
		while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
			buf_add(&b, chunk, n);
		fclose(f);
		static_copy_len = b.len;
		static_copy = buf_detach(&b);
	}
	/* open once here so that a missing or old database is reported now */
	struct db *db = store_open(serve_db, err);
	if (!db)
		return -1;
	serve_privacy = privacy_open(db, o->key_file, err);
	if (!serve_privacy) {
		db_close(db);
		return -1;
	}
	/* and one for each thread: the first is this one */
	size_t threads = (size_t)(o->threads > 0 ? o->threads : 4);
	db_pool = xcalloc(threads, sizeof(*db_pool));
	db_pool[db_pool_count++] = db;
	while (db_pool_count < threads) {
		if (!(db_pool[db_pool_count] = store_open(serve_db, err)))
			return -1;
		db_pool_count++;
	}
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)o->port)};
	if (inet_pton(AF_INET, o->address, &sa.sin_addr) != 1)
		return error_set(err, "--address %s: give an IPv4 address such as 127.0.0.1", o->address);
	struct MHD_Daemon *d = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG, (uint16_t)o->port, NULL, NULL, handle,
		NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa, MHD_OPTION_THREAD_POOL_SIZE,
		(unsigned)(o->threads > 0 ? o->threads : 4), MHD_OPTION_CONNECTION_LIMIT, (unsigned)CONNECTION_LIMIT,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)PER_IP_LIMIT, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
		(size_t)CONNECTION_MEMORY, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)CONNECTION_TIMEOUT_S,
		MHD_OPTION_NOTIFY_COMPLETED, completed, NULL, MHD_OPTION_URI_LOG_CALLBACK, uri_seen, NULL,
		MHD_OPTION_END);
	if (!d)
		return error_set(err, "cannot serve on %s:%d: %s (is the port in use?)", o->address, o->port,
				 strerror(errno));
	/* from here on the server needs only the system calls it serves with
	 * (sandbox.c): its socket and the database are open; the threads
	 * started later inherit the filter */
	if (sandbox_enter(db_pool[0]->backend == DB_POSTGRES, err) < 0) {
		MHD_stop_daemon(d);
		return -1;
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGPIPE, SIG_IGN);
	printf("rapporteur: serving %s on http://%s:%d/\n", serve_db, o->address, o->port);
	fflush(stdout);
	while (!stop)
		pause();
	MHD_stop_daemon(d);
	privacy_free(serve_privacy);
	serve_privacy = NULL;
	return 0;
}
