#!/usr/bin/env bash
# Prints a SHA-256 of the JSON report of every shipped scenario (and of a few flag-built
# runs that reach the qemu policy, traces, sweeps), one line each. A refactor that claims
# "no behaviour change" must leave this output identical: run it before and after.
#   bash tools/report-digests.sh [path/to/dist/source/cli.js]
set -euo pipefail
cd "$(dirname "$0")/.."
cli=${1:-dist/source/cli.js}
node=node_modules/.bin/node
[ -x "$node" ] || node=node
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
digest() { local name=$1; shift; printf '%s  %s\n' "$(CI=true "$node" "$cli" "$@" | sha256sum | cut -c1-16)" "$name"; }
for f in demos/*.json; do
	name=$(basename "$f" .json)
	[ "$name" = scenario.schema ] && continue
	digest "race $name" race --scenario "$name" --json
done
digest 'race (default)' race --json
digest 'race all, qemu' race --algorithms precopy,postcopy,hybrid --policy qemu --memory 1GiB --json
digest 'run precopy, xen-today' run precopy --policy xen-today --memory 1GiB --json
digest 'run hybrid, auto-converge' run hybrid --policy qemu --auto-converge --workload mmuncher --memory 512MiB --cancel-after 60s --json
CI=true "$node" "$cli" trace --workload web --duration 2s --memory 1GiB --out "$tmp/t.trace" >/dev/null
digest 'run precopy, trace' run precopy --workload trace --trace "$tmp/t.trace" --trace-loop --memory 1GiB --zero-memory 20% --json
digest 'sweep bandwidth' sweep --param bandwidth --from 100Mbit/s --to 10Gbit/s --steps 4 --memory 1GiB --json
