#!/usr/bin/env bash
# Makes sure what the test suite talks to for real is there: Redis and PostgreSQL running on
# 127.0.0.1, and Prometheus's promtool/server (Debian's `prometheus`) installed. Safe to run
# again; it only acts on what is missing.
set -euo pipefail

say() { echo "[ensure-test-env] $*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }

if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  say "starting Redis on 127.0.0.1:6379"
  mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
  as_root redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  for _ in $(seq 50); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 0.1; done
fi

if command -v pg_isready >/dev/null && ! pg_isready -h 127.0.0.1 -p 5432 -q; then
  say "starting PostgreSQL"
  as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
fi

if ! command -v promtool >/dev/null; then
  say "installing Debian's prometheus (promtool + server)"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq >/dev/null
  as_root apt-get install -y -qq --no-install-recommends prometheus >/dev/null
  # The package's service is not wanted: tests start their own server on a free port.
  as_root pkill -x prometheus >/dev/null 2>&1 || true
fi
