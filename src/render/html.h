/*
 * html.h - a letter (Markdown) as a standalone HTML page that reads on a
 * phone and prints like a letter (A4, the reference on every page). Raw
 * HTML in the letter is never passed through: cmark's safe mode drops it
 * and every text is escaped, so a letter cannot carry script into a page.
 */
#ifndef RAPPORTEUR_RENDER_HTML_H
#define RAPPORTEUR_RENDER_HTML_H

/* The letter's body as an HTML fragment (caller frees). */
char *render_html_fragment(const char *markdown);
/* A whole page; reference (may be NULL) titles it. Caller frees. */
char *render_html_page(const char *markdown, const char *reference);
/* A whole page around an HTML fragment already escaped. Caller frees. */
char *render_html_wrap(const char *body, const char *reference);
/* s with & < > " ' escaped, appended to a new string (caller frees). */
char *html_escape(const char *s);

#endif
