#!/bin/sh
# Runs the command-line tests: every tNNNN-*.sh here, in order, each in a
# fresh temporary folder. Needs $RAPPORTEUR (the binary) and $SHARED (the
# ../shared folder). Exit 1 when any test fails.
here=$(cd "$(dirname "$0")" && pwd)
: "${RAPPORTEUR:?set RAPPORTEUR to the rapporteur binary}"
: "${SHARED:?set SHARED to the shared folder}"
export RAPPORTEUR SHARED
export PROJECT="$(cd "$here/../.." && pwd)"
failed=0
ran=0
for t in "$here"/t[0-9]*.sh; do
	[ -n "${ONLY:-}" ] && case "$t" in *"$ONLY"*) ;; *) continue ;; esac
	TMP=$(mktemp -d)
	export TMP
	if (cd "$TMP" && sh "$t") > "$TMP.log" 2>&1; then
		echo "ok   $(basename "$t")"
	else
		echo "FAIL $(basename "$t")"
		sed 's/^/     /' "$TMP.log" | tail -40
		failed=$((failed + 1))
	fi
	ran=$((ran + 1))
	rm -rf "$TMP" "$TMP.log"
done
echo "$ran command-line tests, $failed failed"
[ "$failed" = 0 ]
