#!/usr/bin/env bash
# Makes sure what the test suite needs is installed and running: PostgreSQL on 127.0.0.1:5432 (ledger
# tests), Redis on 127.0.0.1:6379 (shared cut/circuit state tests) and Debian's Chromium (dashboard
# end-to-end tests). Uses a service that already answers; starts an installed one that does not;
# installs with apt only what is missing (needs root). Outside CI, what cannot be had is reported
# and the tests that need it skip loudly; in CI (CI=true) every missing prerequisite is an error.
set -u
ci="${CI:-}"
failures=()
say() { printf 'prerequisites: %s\n' "$*" >&2; }

can_apt() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }
apt_updated=
apt_install() {
  can_apt || return 1
  if [ -z "$apt_updated" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 || return 1
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null 2>&1
}

pg_answers() { (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; }
redis_answers() { [ "$(printf 'PING\r\n' | timeout 2 bash -c 'exec 3<>/dev/tcp/127.0.0.1/6379; cat >&3; head -c 5 <&3' 2>/dev/null)" = "+PONG" ]; }

# --- PostgreSQL ---------------------------------------------------------------------------------
if pg_answers; then
  say "PostgreSQL answers on 127.0.0.1:5432"
else
  installed_now=
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    say "installing PostgreSQL (apt)"
    apt_install postgresql && installed_now=1
  fi
  if command -v pg_ctlcluster >/dev/null 2>&1; then
    version="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)"
    if [ -n "$installed_now" ] && [ -n "$version" ]; then
      # A fresh Debian cluster wants passwords on TCP; the tests use trust on loopback, like CI's machines.
      hba="/etc/postgresql/$version/main/pg_hba.conf"
      sed -i -E 's/^(host\s+all\s+all\s+(127\.0\.0\.1\/32|::1\/128)\s+)\S+/\1trust/' "$hba"
    fi
    [ -n "$version" ] && pg_ctlcluster --skip-systemctl-redirect "$version" main start >/dev/null 2>&1
    for _ in $(seq 1 30); do pg_answers && break; sleep 0.5; done
    if [ -n "$installed_now" ] && pg_answers; then
      su postgres -c "psql -qc \"CREATE DATABASE test\"" >/dev/null 2>&1 || true
    fi
  fi
  if pg_answers; then say "PostgreSQL started"; else failures+=("PostgreSQL"); fi
fi

# --- Redis --------------------------------------------------------------------------------------
if redis_answers; then
  say "Redis answers on 127.0.0.1:6379"
else
  command -v redis-server >/dev/null 2>&1 || { say "installing Redis (apt)"; apt_install redis-server; }
  if command -v redis-server >/dev/null 2>&1; then
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no >/dev/null 2>&1
    for _ in $(seq 1 20); do redis_answers && break; sleep 0.25; done
  fi
  if redis_answers; then say "Redis started"; else failures+=("Redis"); fi
fi

# --- Chromium -----------------------------------------------------------------------------------
if [ -x /usr/bin/chromium ]; then
  say "Chromium at /usr/bin/chromium"
else
  say "installing Chromium (apt)"
  apt_install chromium fonts-noto-cjk || true
  if [ -x /usr/bin/chromium ]; then say "Chromium installed"; else failures+=("Chromium"); fi
fi

if [ "${#failures[@]}" -gt 0 ]; then
  if [ "$ci" = "true" ] || [ "$ci" = "1" ]; then
    say "ERROR: missing in CI: ${failures[*]}"
    exit 1
  fi
  say "WARNING: not available, tests needing them will SKIP: ${failures[*]}"
fi
exit 0
