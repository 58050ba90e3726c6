#!/bin/sh
# Install Debian's chromium for the headless-browser tests of the HTML export.
# Playwright drives it through executable_path=/usr/bin/chromium; never `playwright install`.
# Usage: sh tests/install_browser.sh   (needs root or sudo; exits 0 when chromium is already there)
set -eu
if command -v chromium >/dev/null 2>&1; then
    chromium --version 2>/dev/null || true
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo -n"  # never wait for a password
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends chromium fonts-dejavu-core
chromium --version
