#!/usr/bin/env bash
# Debian packages the readers and the slow tests use. Installed only where they are missing.
set -euo pipefail
packages=()
need() { dpkg -s "$1" >/dev/null 2>&1 || packages+=("$1"); }
# (filled in as readers that need external programs are added)
if [ ${#packages[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${packages[@]}"
fi
