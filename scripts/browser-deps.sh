#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests when it is missing and we may (root with apt-get).
# Playwright drives it through executable_path; its own browser download does not work offline.
set -u
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "Could not install chromium; the browser tests will be skipped." >&2
else
  echo "No /usr/bin/chromium (install Debian's 'chromium' package); the browser tests will be skipped." >&2
fi
exit 0
