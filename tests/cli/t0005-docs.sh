# The CLI reference and `help` come from one source: docs/CLI.md is current.
. "$PROJECT/tests/cli/lib.sh"
sh "$PROJECT/tools/gen-cli-doc.sh" "$R" > cli.md
diff "$PROJECT/docs/CLI.md" cli.md || fail "docs/CLI.md is stale: run 'make docs'"
expect_exit 0 "$R" help
for c in parse init ingest list show search export; do contains out.txt "  $c"; done
expect_exit 0 "$R" help search
contains out.txt "usage: rapporteur search QUERY"
contains out.txt "--country CCC"
