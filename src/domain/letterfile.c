/*
 * letterfile.c - file -> checked bytes -> blocks -> record.
 */
#include "letterfile.h"

#include <stdlib.h>

#include "../kb/kb.h"
#include "../read/read.h"

int letterfile_parse_bytes(const char *name, const char *bytes, size_t len, struct letter *l,
			   struct error *err)
{
	letter_init(l);
	if (read_check_bytes(name, bytes, len, err) < 0)
		return -1;
	struct document doc;
	document_init(&doc, name);
	if (document_read(&doc, name, bytes, len, err) < 0) {
		document_release(&doc);
		return -1;
	}
	if (doc.count == 0) {
		document_release(&doc);
		return error_set(err, "%s: no text found in the file", name);
	}
	letter_extract(l, &doc, kb_shared());
	document_release(&doc);
	return 0;
}

int letterfile_parse(const char *path, struct letter *l, struct error *err)
{
	size_t len;
	letter_init(l);
	char *bytes = read_file_checked(path, &len, err);
	if (!bytes)
		return -1;
	int rc = letterfile_parse_bytes(path, bytes, len, l, err);
	free(bytes);
	return rc;
}
