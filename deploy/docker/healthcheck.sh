#!/usr/bin/env bash
# Docker HEALTHCHECK: the service's readiness group over plain HTTP on loopback, written with bash's
# /dev/tcp so that the JRE image needs no curl. Exit 0 = healthy.
set -u
case ${SUITE_SERVICE:-} in
  gateway) port=8090 ;;          # the management port (dhcpctl's health port for the gateway)
  dhcp-service) port=8081 ;;
  lease-service) port=8082 ;;
  ha-service) port=8083 ;;
  ddns-service) port=8084 ;;
  *) exit 1 ;;
esac
host=${SUITE_BIND:-127.0.0.1}
[ "$host" = 0.0.0.0 ] && host=127.0.0.1
exec 3<>"/dev/tcp/$host/$port" || exit 1
printf 'GET /actuator/health/readiness HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
IFS= read -r -t 3 status <&3 || exit 1
case $status in
  "HTTP/1."?" 200"*) exit 0 ;;
  *) exit 1 ;;
esac
