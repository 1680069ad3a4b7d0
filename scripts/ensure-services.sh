#!/usr/bin/env bash
# Makes sure what the test suite talks to is here: PostgreSQL serving on 127.0.0.1:5432, the
# redis-server and nats-server binaries (tests start private instances of both) and Chromium
# (the GraphiQL browser test) and Tesseract with its English data (screenshot OCR). Starts a stopped local PostgreSQL; installs what is missing
# from Debian's packages when run as root.
set -euo pipefail

have() { command -v "$1" >/dev/null 2>&1; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

missing=()
have nats-server || missing+=(nats-server)
have redis-server || missing+=(redis-server)
have chromium || missing+=(chromium)
have tesseract || missing+=(tesseract-ocr)
[ -n "$(ls /usr/share/tesseract-ocr/*/tessdata/eng.traineddata 2>/dev/null)" ] || missing+=(tesseract-ocr-eng)
if [ -z "${TEST_DATABASE_URL:-${DATABASE_URL:-}}" ] && ! port_open 5432 && ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
  missing+=(postgresql)
fi

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && have apt-get; then
    echo "installing ${missing[*]} from Debian's packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "missing: ${missing[*]}. Install them (Debian/Ubuntu: sudo apt-get install ${missing[*]};" >&2
    echo "macOS: brew install ${missing[*]}) or point TEST_DATABASE_URL at a PostgreSQL server." >&2
    exit 1
  fi
fi

if [ -z "${TEST_DATABASE_URL:-${DATABASE_URL:-}}" ] && ! port_open 5432; then
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  echo "starting PostgreSQL $version"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
  # The tests connect as postgres over TCP without a password, as on CI machines.
  hba=/etc/postgresql/$version/main/pg_hba.conf
  if ! grep -q "^host all all 127.0.0.1/32 trust" "$hba"; then
    sed -i '1i host all all 127.0.0.1/32 trust' "$hba"
    pg_ctlcluster --skip-systemctl-redirect "$version" main reload
  fi
  for _ in $(seq 1 50); do port_open 5432 && break; sleep 0.2; done
fi
port_open 5432 || [ -n "${TEST_DATABASE_URL:-${DATABASE_URL:-}}" ] || { echo "PostgreSQL is not answering on 127.0.0.1:5432" >&2; exit 1; }
echo "ready: postgresql, nats-server $(nats-server --version | awk '{print $2}'), redis-server, chromium, tesseract $(tesseract --version 2>&1 | awk 'NR==1 {print $2}')"
