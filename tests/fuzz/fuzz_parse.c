/*
 * fuzz_parse.c - libFuzzer target for the readers, the mending and every
 * extractor: any bytes in, a record or a clear refusal out, never a crash,
 * a leak or undefined behaviour. The first byte chooses the reader
 * (Markdown or plain text). `make fuzz-brief` runs it in `make test`,
 * `make fuzz` runs it longer.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "domain/letterfile.h"
#include "extract/record_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const char *name = (data[0] & 1) ? "fuzz.txt" : "fuzz.md";
	struct letter l;
	struct error err;
	if (letterfile_parse_bytes(name, (const char *)data + 1, size - 1, &l, &err) == 0) {
		json_t *o = record_to_json(&l, true);
		char *s = json_dumps(o, JSON_COMPACT);
		free(s);
		json_decref(o);
	}
	letter_release(&l);
	return 0;
}
