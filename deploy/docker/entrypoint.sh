#!/usr/bin/env bash
# Starts one suite service in a container, as ./dhcpctl does on one machine, with two differences:
# the HTTP ports bind 0.0.0.0 (other containers reach the service by name), and the paths are the
# image's (/etc/dhcp-suite for the Kea-format file, /var/lib/dhcp-suite for the memfile journal).
#
# Environment:
#   SUITE_SERVICE     which service (set by the image)
#   SUITE_CONFIG      the Kea-format configuration file (default /etc/dhcp-suite/kea-dhcp4.json)
#   SUITE_RUN_DIR     writable directory for the memfile journal (default /var/lib/dhcp-suite)
#   SUITE_BIND        address of the HTTP and management ports (default 0.0.0.0; 127.0.0.1 on a host network)
#   SUITE_DHCP_PORT   DHCP server port (default 67)
#   SUITE_DHCP6_PORT  DHCPv6 server port (default 547), bound only when the file has a Dhcp6 section;
#                     clients are answered on this port minus one (suite.dhcp6-client-port)
#   SUITE_SECRETS_DIR lease-service: a Spring config tree with the database password in a file named
#                     spring.datasource.password (default /run/secrets/lease-db; optional)
#   JAVA_OPTS         replaces the per-service JVM flags below
#   JAVA_EXTRA_OPTS   added after them
# Any arguments are passed to the service (e.g. --suite.lease-service-url=http://lease-service:8082).
set -euo pipefail

svc=${SUITE_SERVICE:?SUITE_SERVICE is not set}
bind=${SUITE_BIND:-0.0.0.0}

# The same flags as dhcpctl's jvm_opts_of (chosen by measurement, see benchmarks/README.md), plus
# ExitOnOutOfMemoryError: in a container a restart is a better answer than a half-dead JVM.
case $svc in
  dhcp-service)
    default_opts="-Xms128m -Xmx1g -XX:+UseG1GC -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=40 -XX:G1PeriodicGCInterval=60000" ;;
  lease-service)
    default_opts="-Xms64m -Xmx1g -XX:+UseG1GC -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=40 -XX:G1PeriodicGCInterval=60000 -XX:TrimNativeHeapInterval=5000" ;;
  gateway|ha-service|ddns-service)
    default_opts="-Xms64m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1" ;;
  *) echo "entrypoint: unknown SUITE_SERVICE '$svc'" >&2; exit 2 ;;
esac

args=(--suite.config="${SUITE_CONFIG:-/etc/dhcp-suite/kea-dhcp4.json}"
      --suite.run-dir="${SUITE_RUN_DIR:-/var/lib/dhcp-suite}"
      --suite.dhcp-port="${SUITE_DHCP_PORT:-67}"
      --suite.dhcp6-port="${SUITE_DHCP6_PORT:-547}"
      --server.address="$bind")
case $svc in
  gateway)
    # Health and metrics on their own plain-HTTP port, whatever the Control-agent section does
    # to the API port (as dhcpctl does).
    args+=(--management.server.port=8090 --management.server.address="$bind") ;;
  lease-service)
    # The Kea file cannot point at a password file. When its lease-database has no "password",
    # lease-service takes spring.datasource.password from the environment: a config tree turns
    # the mounted secret file into that property without the password ever being in the Kea
    # file, an environment variable or the command line.
    args+=(--spring.config.import="optional:configtree:${SUITE_SECRETS_DIR:-/run/secrets/lease-db}/") ;;
esac

# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-$default_opts} -XX:+ExitOnOutOfMemoryError ${JAVA_EXTRA_OPTS:-} \
  -Djava.io.tmpdir=/tmp -cp /app org.springframework.boot.loader.launch.JarLauncher "${args[@]}" "$@"
