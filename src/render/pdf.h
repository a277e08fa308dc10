/*
 * pdf.h - a letter in Markdown typeset as an A4 PDF (Cairo + Pango).
 *
 * The PDF is made to be read back: read_pdf.c gives the same blocks, and
 * so the same record, as the Markdown it came from. Knows nothing of
 * letters' meaning: the reference is given, never looked for.
 */
#ifndef RAPPORTEUR_RENDER_PDF_H
#define RAPPORTEUR_RENDER_PDF_H

#include "../util/buf.h"
#include "../util/error.h"

/*
 * Typesets markdown (UTF-8; headings, paragraphs, bold and italic, numbered
 * and bulleted lists, footnotes written as "<sup>N</sup> text" paragraphs,
 * rules, links) as an A4 PDF appended to out: a serif body, 25 mm margins,
 * line wrapping and page breaks; on every page the reference (NULL for
 * none) as a running header and "Page N of M" as a footer. List numbers
 * and footnote marks are text, so a PDF reader sees them; every address is
 * a link annotation, so it survives being wrapped across lines.
 * Returns 0, or -1 with err set (out then holds nothing new).
 */
int render_pdf(const char *markdown, const char *reference, struct buf *out, struct error *err);

#endif
