#!/bin/sh
# A throwaway PostgreSQL server for the tests: `server.sh start DIR` makes
# a cluster in DIR (initdb), starts it on a free loopback port with its
# unix socket in DIR, and prints the URL of its maintenance database;
# `server.sh stop DIR` stops it and removes DIR; `pause` stops the server
# and `resume` starts it again on the same port (a restart, for the tests
# of clients that outlive one). As root, the server runs as the postgres
# user (PostgreSQL refuses to run as root).
#
# The cluster is made for tests: trust authentication on loopback and the
# socket only, C collation (byte order, as SQLite compares text), no fsync.
set -eu
cmd=${1:?usage: server.sh start|stop|pause|resume DIR}
dir=${2:?usage: server.sh start|stop|pause|resume DIR}

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] && [ -x "$bin/initdb" ] || { echo "server.sh: PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }

as_owner() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
start)
	mkdir -p "$dir"
	[ "$(id -u)" = 0 ] && chown postgres "$dir"
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
	as_owner "$bin/initdb" -D "$dir/data" -U rapporteur --auth=trust --locale=C --encoding=UTF8 >"$dir/initdb.log" 2>&1 ||
		{ cat "$dir/initdb.log" >&2; exit 1; }
	echo "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >"$dir/options"
	as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$(cat "$dir/options")" \
		start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
	echo "$port" >"$dir/port"
	echo "postgresql://rapporteur@127.0.0.1:$port/postgres"
	;;
stop)
	[ -d "$dir/data" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
	rm -rf "$dir"
	;;
pause) # the server stops (its clients are told and cut off), the cluster stays
	as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
	;;
resume)
	as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$(cat "$dir/options")" start >/dev/null
	;;
*)
	echo "usage: server.sh start|stop|pause|resume DIR" >&2
	exit 2
	;;
esac
