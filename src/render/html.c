/*
 * html.c - Markdown letter to HTML. See html.h. Uses cmark without
 * CMARK_OPT_UNSAFE: raw HTML and javascript: links are dropped.
 */
#include "html.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/die.h"

char *html_escape(const char *s)
{
	struct buf b = BUF_INIT;
	for (const char *p = s ? s : ""; *p; p++) {
		switch (*p) {
		case '&': buf_adds(&b, "&amp;"); break;
		case '<': buf_adds(&b, "&lt;"); break;
		case '>': buf_adds(&b, "&gt;"); break;
		case '"': buf_adds(&b, "&quot;"); break;
		case '\'': buf_adds(&b, "&#39;"); break;
		default: buf_addch(&b, *p);
		}
	}
	return buf_detach(&b);
}

char *render_html_fragment(const char *markdown)
{
	char *html = cmark_markdown_to_html(markdown, strlen(markdown), CMARK_OPT_DEFAULT | CMARK_OPT_SMART);
	if (!html)
		die("out of memory");
	char *out = xstrdup(html);
	free(html);
	return out;
}

static const char style[] =
	"body{font-family:'DejaVu Serif','Liberation Serif',Georgia,serif;line-height:1.5;max-width:42rem;"
	"margin:1rem auto;padding:0 1rem;color:#111;background:#fff}"
	"h1,h2,h3{font-family:'DejaVu Sans',Arial,sans-serif;line-height:1.25}"
	"ol li{margin:.35em 0}table{border-collapse:collapse;width:100%;font-size:.9rem}"
	"th,td{border:1px solid #bbb;padding:.3rem .4rem;text-align:left;vertical-align:top}"
	".ref{font-family:'DejaVu Sans',Arial,sans-serif;font-size:.85rem;color:#444;border-bottom:1px solid #ccc;"
	"padding-bottom:.25rem}"
	"@page{size:A4;margin:2.2cm 2.4cm}"
	"@media print{body{max-width:none;margin:0;padding:0;font-size:11pt}.ref{position:running(ref)}"
	"a{color:inherit;text-decoration:none}h2{break-before:page}}";

char *render_html_page(const char *markdown, const char *reference)
{
	char *body = render_html_fragment(markdown);
	char *page = render_html_wrap(body, reference);
	free(body);
	return page;
}

char *render_html_wrap(const char *body, const char *reference)
{
	struct buf b = BUF_INIT;
	char *ref = html_escape(reference ? reference : "Draft communication");
	buf_addf(&b,
		 "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		 "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
		 "<title>%s</title>\n<style>%s</style>\n</head>\n<body>\n<div class=\"ref\">%s</div>\n<main>\n%s</main>\n"
		 "</body>\n</html>\n",
		 ref, style, ref, body);
	free(ref);
	return buf_detach(&b);
}
