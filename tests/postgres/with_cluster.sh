#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster, then stop it and delete it.
#
#   tests/postgres/with_cluster.sh COMMAND [ARGS...]
#
# Why a cluster of our own instead of the system's service: CI machines and a developer's laptop
# need no running PostgreSQL, no password and no clean-up. The cluster lives in a temporary
# folder and listens only on a Unix socket in that folder (listen_addresses=''), so it cannot
# clash with another PostgreSQL on the machine or be reached over the network. The command sees
# DATABASE_URL pointing at it; the user `kc` may create databases (pytest-django's test
# databases, one per xdist process, and tests/helpers.site_on_disk's own ones).
#
# PostgreSQL refuses to run as root: as root the cluster runs as the `postgres` user (made by
# Debian's package) or else `nobody`.
set -euo pipefail

bindir="${KC_PG_BINDIR:-}"
if [ -z "$bindir" ]; then
	if command -v initdb >/dev/null 2>&1; then
		bindir="$(dirname "$(readlink -f "$(command -v initdb)")")"
	else
		bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
	fi
fi
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
	echo "PostgreSQL (initdb) niet gevonden: 'make test-postgres' installeert het met apt-get." >&2
	exit 2
fi

folder="$(mktemp -d "${TMPDIR:-/tmp}/kc-pg-XXXXXX")"
as_owner=()
if [ "$(id -u)" = 0 ]; then
	owner=postgres
	id "$owner" >/dev/null 2>&1 || owner=nobody
	chown "$owner" "$folder"
	as_owner=(runuser -u "$owner" --)
fi

stop() {
	"${as_owner[@]}" "$bindir/pg_ctl" -D "$folder/data" -m fast -w stop >/dev/null 2>&1 || true
	rm -rf "$folder"
}
trap stop EXIT

"${as_owner[@]}" "$bindir/initdb" -D "$folder/data" -U kc -A trust -E UTF8 --locale=C.UTF-8 \
	>"$folder/initdb.log" 2>&1 || { cat "$folder/initdb.log" >&2; exit 2; }
# fsync off: a throwaway cluster need not survive a power cut, and tests write a lot.
"${as_owner[@]}" "$bindir/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w \
	-o "-c listen_addresses='' -k $folder -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
	start >/dev/null || { cat "$folder/server.log" >&2; exit 2; }

export DATABASE_URL="postgres://kc@$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$folder")/kc"
"${as_owner[@]}" "$bindir/createdb" -h "$folder" -U kc kc
echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') draait in $folder (alleen een Unix-socket)"
"$@"
