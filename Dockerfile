# syntax=docker/dockerfile:1
# One image recipe for every service of the suite:
#
#   docker build --build-arg SERVICE=lease-service -t dhcp-suite/lease-service:0.1.0 .
#
# SERVICE is one of dhcp-service, lease-service, gateway, ha-service, ddns-service. The build
# stage compiles only that service and the libraries it needs (-pl SERVICE -am); the runtime
# stage is a JRE, runs as an unprivileged user and starts through deploy/docker/entrypoint.sh,
# which applies the same per-service JVM flags as ./dhcpctl and binds 0.0.0.0 instead of loopback.

ARG JDK_IMAGE=eclipse-temurin:25-jdk-noble
ARG JRE_IMAGE=eclipse-temurin:25-jre-noble

FROM ${JDK_IMAGE} AS build
ARG SERVICE
RUN test -n "$SERVICE" || { echo "build with --build-arg SERVICE=<dhcp-service|lease-service|gateway|ha-service|ddns-service>"; exit 1; }
WORKDIR /src
COPY . .
# The Maven repository is a BuildKit cache, so rebuilding another service does not download again.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -DskipTests -pl "$SERVICE" -am package \
 && jar=$(ls "$SERVICE"/target/"$SERVICE"-*.jar | grep -v -- '-plain\|sources\|-tests' | head -n 1) \
 && java -Djarmode=tools -jar "$jar" extract --layers --launcher --destination /layers

FROM ${JRE_IMAGE}
ARG SERVICE
ARG VERSION=0.1.0-SNAPSHOT
LABEL org.opencontainers.image.title="dhcp-suite ${SERVICE}" \
      org.opencontainers.image.description="Kea-compatible DHCP suite: ${SERVICE}" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.source="https://example.invalid/dhcp-suite"
# A fixed numeric uid/gid, so Kubernetes' runAsNonRoot can verify it and volumes can be chowned.
RUN groupadd --system --gid 10001 dhcp \
 && useradd --system --uid 10001 --gid 10001 --home-dir /var/lib/dhcp-suite --shell /usr/sbin/nologin dhcp \
 && mkdir -p /var/lib/dhcp-suite /etc/dhcp-suite \
 && chown 10001:10001 /var/lib/dhcp-suite
WORKDIR /app
# Spring Boot layers, least changing first, so a code change rebuilds only the last layer.
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
COPY deploy/docker/entrypoint.sh deploy/docker/healthcheck.sh /usr/local/bin/
ENV SUITE_SERVICE=${SERVICE} \
    SUITE_CONFIG=/etc/dhcp-suite/kea-dhcp4.json \
    SUITE_RUN_DIR=/var/lib/dhcp-suite
# The memfile journal (lease-service) lives here; everything else may be read-only.
VOLUME ["/var/lib/dhcp-suite"]
USER 10001:10001
# Documentation only; the entrypoint knows each service's ports (dhcp-service: 8081, 67/udp and,
# with a Dhcp6 section in the file, 547/udp; lease-service 8082, gateway 8000 + management 8090, ha-service 8083, ddns-service 8084).
EXPOSE 8000 8081 8082 8083 8084 8090 8092 67/udp 547/udp
# Readiness, not liveness: "healthy" in docker-compose gates the services that depend on this one.
# The script speaks HTTP through bash's /dev/tcp, so the image needs neither curl nor wget.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 CMD ["healthcheck.sh"]
ENTRYPOINT ["entrypoint.sh"]
