/*
 * cmd_serve.c - `rapporteur serve`: the public record and the workspace
 * over HTTP (src/web/).
 */
#include <stdio.h>
#include <stdlib.h>

#include "../store/db.h"
#include "../util/die.h"
#include "../web/web.h"
#include "cli.h"

int cmd_serve(int argc, char **argv)
{
	const char *db_option = NULL, *address = "127.0.0.1", *port = "8080", *threads = "4", *static_copy = NULL,
		   *key_file = NULL, *cache_mb = "32";
	for (int i = 1; i < argc; i++) {
		if (cli_option(argc, argv, &i, "--db", &db_option) || cli_option(argc, argv, &i, "--address", &address) ||
		    cli_option(argc, argv, &i, "--port", &port) || cli_option(argc, argv, &i, "--threads", &threads) ||
		    cli_option(argc, argv, &i, "--static-copy", &static_copy) ||
		    cli_option(argc, argv, &i, "--key-file", &key_file) ||
		    cli_option(argc, argv, &i, "--cache-mb", &cache_mb))
			continue;
		cli_usage("serve", "unknown argument %s", argv[i]);
	}
	char *end;
	long p = strtol(port, &end, 10);
	if (*end || p < 1 || p > 65535)
		cli_usage("serve", "--port %s: give a port from 1 to 65535", port);
	long t = strtol(threads, &end, 10);
	if (*end || t < 1 || t > 64)
		cli_usage("serve", "--threads %s: give 1 to 64", threads);
	long mb = strtol(cache_mb, &end, 10);
	if (*end || !*cache_mb || mb < 0 || mb > 4096)
		cli_usage("serve", "--cache-mb %s: give 0 (no cache) to 4096", cache_mb);
	struct web_options o = {.db_target = db_target(db_option), .address = address, .port = (int)p, .threads = (int)t,
				 .static_copy = static_copy, .key_file = key_file,
				 .cache_bytes = (size_t)mb * 1024 * 1024};
	struct error err;
	if (web_serve(&o, &err) < 0)
		die("%s", err.message);
	return 0;
}
