#!/bin/sh
# The fault tests (make check-faults): kill -9 during ingest, a full disk,
# backup and restore while a server serves and writes. Each is a Python
# script here (faultlib.py has what they share) against the built binary.
# Needs $RAPPORTEUR and $SHARED; the full-disk test mounts a tmpfs and so
# runs only as root (it says so otherwise). Exit 1 when any fails.
here=$(cd "$(dirname "$0")" && pwd)
: "${RAPPORTEUR:?set RAPPORTEUR to the rapporteur binary}"
export RAPPORTEUR SHARED
failed=0
ran=0
for t in kill_ingest disk_full backup_live; do
	[ -n "${ONLY:-}" ] && case "$t" in *"$ONLY"*) ;; *) continue ;; esac
	start=$(date +%s)
	if python3 "$here/$t.py" > "/tmp/rapporteur-faults-$t.$$.log" 2>&1; then
		echo "ok   $t ($(($(date +%s) - start)) s)"
		sed 's/^/     /' "/tmp/rapporteur-faults-$t.$$.log" | grep -v '^ *cycle'
	else
		echo "FAIL $t"
		sed 's/^/     /' "/tmp/rapporteur-faults-$t.$$.log" | tail -40
		failed=$((failed + 1))
	fi
	rm -f "/tmp/rapporteur-faults-$t.$$.log"
	ran=$((ran + 1))
done
echo "$ran fault tests, $failed failed"
[ "$failed" = 0 ]
