#!/usr/bin/env bash
# What the tests need from Debian: Chromium for the browser tests (driven by playwright-core,
# no browser downloads here), nginx for the load-balancer test (deploy/nginx.conf) and the
# sqlite3 shell for the backup test (docs/deploy.md).
# Installed when missing and we are root; otherwise says what to install.
set -euo pipefail
missing=()
chromium_found=""
for candidate in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then chromium_found=1; fi
done
[ -n "$chromium_found" ] || missing+=(chromium)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v sqlite3 >/dev/null || missing+=(sqlite3)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing ${missing[*]} from Debian for the tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
echo "The tests need ${missing[*]}. Install them (Debian: sudo apt-get install ${missing[*]}) or set CHROMIUM_PATH for Chromium." >&2
exit 1
