#!/usr/bin/env bash
# The system tools some tests need, from Debian's packages: promtool (prometheus) for the alert rules and the metrics
# checks, prometheus-node-exporter for the textfile collector scrape (tests/monitoring). Installs only as root where
# apt-get exists and only what is missing; elsewhere it says so, and those tests skip with the reason.
set -euo pipefail
missing=()
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
command -v prometheus-node-exporter >/dev/null 2>&1 || command -v node_exporter >/dev/null 2>&1 \
	|| missing+=(prometheus-node-exporter)
if [ ${#missing[@]} -eq 0 ]; then
	exit 0
fi
if ! command -v apt-get >/dev/null 2>&1 || [ "$(id -u)" != 0 ]; then
	echo "install_test_tools: not installing ${missing[*]} (needs apt-get and root); the tests that need them skip"
	exit 0
fi
echo "install_test_tools: apt-get install ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# --no-install-recommends: the tools alone; policy-rc.d or no systemd keeps the services from starting
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
