#!/usr/bin/env bash
# The one way this project installs Debian packages: only those not installed yet,
# non-interactively, through sudo when not root. scripts/setup and scripts/test source
# this file and call `apt_install_missing "${THEIR_LIST[@]}"`; a workflow step that needs
# one more package runs it directly: `scripts/lib/apt.sh PACKAGE...`.

# Installs every PACKAGE that dpkg does not list as installed; does nothing (no apt-get
# update, no network) when all are there, so running it again is cheap.
apt_install_missing() {
    local package missing=() sudo=()
    if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
    for package in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$package")
        fi
    done
    [ "${#missing[@]}" -gt 0 ] || return 0
    echo "apt: installing ${missing[*]}" >&2
    # Without the preseed, Postfix's installer stops at a dialog; "No configuration" starts nothing.
    echo "postfix postfix/main_mailer_type select No configuration" | "${sudo[@]}" debconf-set-selections
    echo "postfix postfix/mailname string localhost" | "${sudo[@]}" debconf-set-selections
    "${sudo[@]}" apt-get update -qq
    # DEBIAN_FRONTEND after sudo: sudo would drop it from the environment.
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Run directly: install the packages named on the command line.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -euo pipefail
    if [ "$#" -eq 0 ] || [ "$1" = "-h" ] || [ "$1" = "--help" ]; then
        echo "Usage: scripts/lib/apt.sh PACKAGE...   (installs those not installed yet)"
        [ "$#" -gt 0 ] && exit 0
        exit 2
    fi
    apt_install_missing "$@"
fi
