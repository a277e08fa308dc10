/*
 * read.c - chooses a reader for a file and checks that it is a letter we
 * can read at all (size; a PDF, or else text in UTF-8), naming the file in
 * every message. A PDF is known by its first bytes, not its name.
 */
#include "read.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../util/die.h"
#include "../util/text.h"
#include "../util/utf8.h"

bool read_is_pdf(const char *bytes, size_t len)
{
	return len >= 5 && !memcmp(bytes, "%PDF-", 5);
}

int read_check_bytes(const char *path, const char *bytes, size_t len, struct error *err)
{
	size_t bad;
	if (len == 0)
		return error_set(err, "%s: the file is empty", path);
	if (len > READ_MAX_BYTES)
		return error_set(err, "%s: the file is %zu bytes, more than the %u a letter may have",
				 path, len, READ_MAX_BYTES);
	if (read_is_pdf(bytes, len))
		return 0; /* binary by nature: read_pdf() judges it */
	if (utf8_looks_binary(bytes, len))
		return error_set(err, "%s: the file is binary, not a letter in text", path);
	if (!utf8_valid(bytes, len, &bad))
		return error_set(err, "%s:%zu: invalid UTF-8 (byte 0x%02x at offset %zu)", path,
				 utf8_line_of(bytes, bad), (unsigned char)bytes[bad], bad);
	bool any = false;
	for (size_t i = 0; i < len && !any; i++)
		any = bytes[i] != ' ' && bytes[i] != '\n' && bytes[i] != '\r' && bytes[i] != '\t';
	if (!any)
		return error_set(err, "%s: the file holds only blank space", path);
	return 0;
}

char *read_file_checked(const char *path, size_t *len, struct error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		error_set(err, "%s: cannot open: %s", path, strerror(errno));
		return NULL;
	}
	struct stat st;
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(f);
		error_set(err, "%s: is a folder, not a letter", path);
		return NULL;
	}
	if (fstat(fileno(f), &st) == 0 && (unsigned long long)st.st_size > READ_MAX_BYTES) {
		fclose(f);
		error_set(err, "%s: the file is %lld bytes, more than the %u a letter may have", path,
			  (long long)st.st_size, READ_MAX_BYTES);
		return NULL;
	}
	size_t cap = 65536, n = 0;
	char *data = xmalloc(cap + 1);
	for (;;) {
		if (n == cap) {
			if (cap > READ_MAX_BYTES) {
				free(data);
				fclose(f);
				error_set(err, "%s: the file is more than the %u bytes a letter may have",
					  path, READ_MAX_BYTES);
				return NULL;
			}
			cap *= 2;
			data = xrealloc(data, cap + 1);
		}
		size_t got = fread(data + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		free(data);
		fclose(f);
		error_set(err, "%s: read error", path);
		return NULL;
	}
	fclose(f);
	data[n] = '\0';
	if (read_check_bytes(path, data, n, err) < 0) {
		free(data);
		return NULL;
	}
	*len = n;
	return data;
}

static bool has_suffix(const char *path, const char *suffix)
{
	size_t n = strlen(path), m = strlen(suffix);
	return n >= m && text_prefix_ci(path + n - m, suffix) == m;
}

int document_read(struct document *doc, const char *path, const char *bytes, size_t len,
		  struct error *err)
{
	int rc;
	if (read_is_pdf(bytes, len))
		rc = read_pdf(doc, bytes, len, err);
	else if (has_suffix(path, ".txt") || has_suffix(path, ".text"))
		rc = read_text(doc, bytes, len, err);
	else
		rc = read_markdown(doc, bytes, len, err);
	if (rc == 0)
		document_mend(doc);
	return rc;
}
