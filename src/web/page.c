/*
 * page.c - writing answers: the escaping HTML writer, JSON, the one error
 * envelope, redirects, and the page frame every HTML page shares. Knows
 * nothing of sockets (server.c) or of what a page is about.
 */
#include "web.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/die.h"

const char *web_query(const struct web_request *r, const char *name)
{
	for (size_t i = 0; i < r->query_count; i++)
		if (!strcmp(r->query[i].name, name))
			return r->query[i].value;
	return NULL;
}

const struct web_field *web_form_field(const struct web_request *r, const char *name)
{
	for (size_t i = 0; i < r->form_count; i++)
		if (!strcmp(r->form[i].name, name))
			return &r->form[i];
	return NULL;
}

const char *web_form(const struct web_request *r, const char *name)
{
	const struct web_field *f = web_form_field(r, name);
	return f ? f->value : NULL;
}

void web_escape(struct buf *b, const char *s)
{
	for (const char *p = s ? s : ""; *p; p++) {
		switch (*p) {
		case '&': buf_adds(b, "&amp;"); break;
		case '<': buf_adds(b, "&lt;"); break;
		case '>': buf_adds(b, "&gt;"); break;
		case '"': buf_adds(b, "&quot;"); break;
		case '\'': buf_adds(b, "&#39;"); break;
		default: buf_addch(b, *p);
		}
	}
}

void web_urlencode(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-' ||
		    *p == '_' || *p == '.' || *p == '~' || *p == '/')
			buf_addch(b, (char)*p);
		else {
			buf_addch(b, '%');
			buf_addch(b, hex[*p >> 4]);
			buf_addch(b, hex[*p & 15]);
		}
	}
}

static void vhtml(struct buf *b, const char *fmt, va_list ap)
{
	for (const char *p = fmt; *p; p++) {
		if (*p != '%') {
			buf_addch(b, *p);
			continue;
		}
		p++;
		if (*p == 's')
			web_escape(b, va_arg(ap, const char *));
		else if (*p == 'R') {
			const char *raw = va_arg(ap, const char *);
			buf_adds(b, raw ? raw : "");
		} else if (*p == 'u')
			web_urlencode(b, va_arg(ap, const char *));
		else if (*p == 'd')
			buf_addf(b, "%d", va_arg(ap, int));
		else if (p[0] == 'l' && p[1] == 'd') {
			buf_addf(b, "%ld", va_arg(ap, long));
			p++;
		} else if (p[0] == 'l' && p[1] == 'l' && p[2] == 'd') {
			buf_addf(b, "%lld", va_arg(ap, long long));
			p += 2;
		} else if (p[0] == 'z' && p[1] == 'u') {
			buf_addf(b, "%zu", va_arg(ap, size_t));
			p++;
		} else if (*p == '%')
			buf_addch(b, '%');
		else
			BUG("web_html: unknown conversion %%%c", *p);
	}
}

void web_html_buf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vhtml(b, fmt, ap);
	va_end(ap);
}

void web_html(struct web_response *res, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vhtml(&res->body, fmt, ap);
	va_end(ap);
}

void web_header(struct web_response *res, const char *name, const char *value)
{
	if (res->header_count == sizeof(res->headers) / sizeof(res->headers[0]))
		BUG("too many response headers");
	res->headers[res->header_count].name = xstrdup(name);
	res->headers[res->header_count].value = xstrdup(value);
	res->header_count++;
}

void web_json(struct web_response *res, int status, json_t *value)
{
	char *s = json_dumps(value, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
	json_decref(value);
	res->status = status;
	res->content_type = "application/json";
	buf_reset(&res->body);
	buf_adds(&res->body, s ? s : "null");
	buf_addch(&res->body, '\n');
	free(s);
}

static const char *status_text(int status)
{
	switch (status) {
	case 400: return "Bad request";
	case 401: return "Log in needed";
	case 403: return "Not allowed";
	case 404: return "Not found";
	case 405: return "Method not allowed";
	case 413: return "Too large";
	case 414: return "Address too long";
	case 429: return "Too many requests";
	case 503: return "Unavailable";
	default: return status >= 500 ? "Server error" : "Error";
	}
}

void web_error(const struct web_request *req, struct web_response *res, int status, const char *message)
{
	buf_reset(&res->body);
	res->status = status;
	if (req->path && !strncmp(req->path, "/api/", 5)) {
		web_json(res, status, json_pack("{s:{s:i, s:s, s:s}}", "error", "status", status, "title", status_text(status),
						"message", message));
		return;
	}
	res->content_type = "text/html; charset=utf-8";
	web_page_begin(req, res, status_text(status));
	web_html(res, "<h1>%s</h1>\n<p class=\"error\">%s</p>\n<p><a href=\"/\">Back to the public record</a></p>\n",
		 status_text(status), message);
	web_page_end(req, res);
}

void web_redirect(struct web_response *res, const char *location)
{
	res->status = 303;
	buf_reset(&res->body);
	web_header(res, "Location", location);
}

void web_page_begin(const struct web_request *req, struct web_response *res, const char *title)
{
	res->content_type = "text/html; charset=utf-8";
	web_html(res,
		 "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		 "<title>%s - Rapporteur</title>\n<link rel=\"stylesheet\" href=\"/static/style.css\">\n"
		 "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"New publications\" href=\"/feed.atom\">\n"
		 "</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to content</a>\n"
		 "<header class=\"site\"><nav aria-label=\"Main\"><a class=\"brand\" href=\"/\">Rapporteur</a> "
		 "<a href=\"/search\">Search</a> <a href=\"/stats\">Statistics</a> <a href=\"/api/v1\">API</a> "
		 "<a href=\"/submit\">Submit information</a>",
		 title);
	if (req->user) {
		web_html(res, " <a href=\"/work\">Workspace</a> <span class=\"who\">%s</span> "
			      "<form class=\"inline\" method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"csrf\" value=\"%s\">"
			      "<button type=\"submit\">Log out</button></form>",
			 req->user->name, req->user->csrf);
	} else {
		web_html(res, " <a href=\"/login\">Log in</a>");
	}
	web_html(res, "</nav></header>\n<main id=\"main\">\n");
}

void web_page_end(const struct web_request *req, struct web_response *res)
{
	(void)req;
	web_html(res, "</main>\n<footer class=\"site\"><p>Communications of the Special Procedures of the Human Rights "
		      "Council: the public record. Letters are public from their publication date.</p></footer>\n"
		      "</body>\n</html>\n");
}
