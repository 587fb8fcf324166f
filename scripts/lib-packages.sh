# SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
# shellcheck shell=bash
#
# lib-packages.sh - sourced by ./lps and the scripts behind it: install the
# Debian packages a step needs when they are missing, as root or through
# sudo, refreshing the package lists first (a fresh machine has none).
#
# lps_ensure_packages PKG...   returns 0 when all are installed; exits 2
#                              when they cannot be.

lps_ensure_packages() {
	local missing=() pkg sudo=""

	if ! command -v dpkg-query >/dev/null 2>&1; then
		return 0	# not Debian: the build reports what is missing
	fi
	for pkg in "$@"; do
		dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null |
			grep -q "ok installed" || missing+=("$pkg")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	if [ "$(id -u)" -ne 0 ]; then
		if ! command -v sudo >/dev/null; then
			echo "missing packages: ${missing[*]} (run as root or install sudo)" >&2
			exit 2
		fi
		sudo=sudo
	fi
	echo "==> installing ${missing[*]}" >&2
	if ! $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q \
		>/dev/null ||
	   ! $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		--no-install-recommends "${missing[@]}" >/dev/null; then
		echo "apt-get could not install: ${missing[*]}" >&2
		exit 2
	fi
}
