#!/usr/bin/env bash
# Smoke test of a built component (JIT or Native AOT): --help, --print-config, a configuration error, and a dynamic-TLS
# scrape verified against the CA the component wrote. Usage: smoke-test.sh <command that starts the component...>
# Everything runs on 127.0.0.1 and every wait is bounded; the component is stopped by PID.
set -euo pipefail

work=$(mktemp -d)
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

fail() { echo "smoke test FAILED: $*" >&2; exit 1; }

"$@" --help | grep -q -- '--metrics-dynamic-serving-dns-names strings' || fail "--help does not list the flags"
"$@" --print-config > "$work/printed.yaml" || fail "--print-config exited $?"
grep -q '^metricsListenAddress: 0.0.0.0:9402$' "$work/printed.yaml" || fail "--print-config lacks the default listen address"
grep -q 'leafDuration: 168h0m0s' "$work/printed.yaml" || fail "--print-config lacks the default leaf duration"
"$@" --print-config-schema | grep -q '"$schema": "https://json-schema.org/draft/2020-12/schema"' || fail "--print-config-schema"

set +e
"$@" --metrics-listen-address=9402 --metrics-tls-min-version=TLS1.3 2> "$work/errors.txt"
code=$?
set -e
[ "$code" = 2 ] || fail "a configuration error exited $code, expected 2"
[ "$(grep -c '^error: ' "$work/errors.txt")" = 2 ] || fail "expected two error lines, got: $(cat "$work/errors.txt")"
if grep -q '   at ' "$work/errors.txt"; then fail "a stack trace was printed"; fi

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
start=$(date +%s%N)
"$@" --metrics-listen-address="127.0.0.1:$port" --secrets-dir="$work/secrets" \
  --metrics-dynamic-serving-ca-secret-namespace=smoke --metrics-dynamic-serving-ca-secret-name=metrics-ca \
  --metrics-dynamic-serving-dns-names=component.smoke 2> "$work/log.txt" &
pid=$!
ca="$work/secrets/smoke/metrics-ca/current/ca.crt"
for _ in $(seq 1 300); do
  if [ -f "$ca" ] && curl -sf --cacert "$ca" --resolve "component.smoke:$port:127.0.0.1" \
       "https://component.smoke:$port/metrics" -o "$work/metrics.txt" 2>/dev/null; then
    break
  fi
  kill -0 "$pid" 2>/dev/null || fail "the component exited: $(cat "$work/log.txt")"
  sleep 0.05
done
[ -s "$work/metrics.txt" ] || fail "no verified scrape within 15 s: $(cat "$work/log.txt")"
echo "first verified scrape $(( ($(date +%s%N) - start) / 1000000 )) ms after start"
grep -q '^flagwork_tls_leaf_certificates_issued_total' "$work/metrics.txt" || fail "self-metrics missing"
grep -q 'Updated TLS certificate DNSNames=\["component.smoke"\]' "$work/log.txt" || fail "the operator log line is missing"
kill -TERM "$pid"
set +e
wait "$pid"
code=$?
set -e
pid=""
[ "$code" = 0 ] || fail "SIGTERM exited $code, expected 0"
echo "smoke test passed: $*"
