#!/usr/bin/env bash
# Debian packages Reaper, its demo and its tests need: sshd and pstree for lab servers, tini as
# their reaping init, busybox for the Alpine-like lab, iproute2 for the lab's network namespaces
# (servers behind a bastion), Chromium for browser tests and for the snapshot pictures the app
# itself renders, a compiler for better-sqlite3, systemd for its systemctl and systemd-escape, which
# the unit-name tests ask (installing it does not make it the init), and PostgreSQL, whose binaries
# the tests run as a throwaway cluster of their own (the packaged cluster is not used). Installs
# only what is missing, so a second run costs nothing.
set -euo pipefail

need=()
have() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
for pkg in openssh-server openssh-client psmisc procps tini busybox chromium iproute2 build-essential python3 systemd postgresql; do
  have "$pkg" || need+=("$pkg")
done

if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Reaper needs these Debian packages: ${need[*]}. Run as root, or install them with apt-get first." >&2
    exit 1
  fi
  echo "Installing Debian packages: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
mkdir -p /run/sshd
