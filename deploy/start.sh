#!/usr/bin/env bash
# Starts two floe hosts on one machine the way a small cluster runs them: each serves people over TLS on its public
# address and talks to the other host over plain HTTP on a private address. Edit the addresses, then:
#   ./deploy/start.sh            (from the repository root; logs go to ./floe-h1.log and ./floe-h2.log)
# Make the certificate first (README, "Deployment"): server.crt and server.key beside this script.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
export FLOE_ADMIN="${FLOE_ADMIN:?set FLOE_ADMIN to the admin token the hosts share}" # off the command line
CONF="${FLOE_CONF:-$here/cluster.yml}"
CERT="${FLOE_CERT:-$here/server.crt}"
KEY="${FLOE_KEY:-$here/server.key}"

start_host() { # name tags public-bind private-bind root
  "$root/floe" -host_name="$1" -tags="$2" -conf="$CONF" -root="$5" \
    -pub_bind="$3" -pub_cert="$CERT" -pub_key="$KEY" \
    -prv_bind="$4" \
    >>"floe-$1.log" 2>&1 &
  echo "started $1 (pid $!): https://$3/app/dash"
}

start_host h1 linux,go,couch 127.0.0.1:8443 127.0.0.1:8080 /var/tmp/floe-h1
start_host h2 linux,gpu      127.0.0.1:9443 127.0.0.1:8090 /var/tmp/floe-h2
