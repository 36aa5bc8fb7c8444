# feature-service as a container: the Quarkus fast-jar (JVM mode) on a Temurin 17 JRE, run as a non-root user.
# Build from the repository root after `./mvnw -B package -DskipTests`:
#   docker build -f deploy/docker/feature-service.Dockerfile -t flywheel/feature-service .
# Kafka Streams keeps its stores under KAFKA_STREAMS_STATE_DIR (a volume: a restart then restores less).
FROM eclipse-temurin:17-jre

# curl for the HEALTHCHECK.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 185 flywheel \
    && useradd --system --uid 185 --gid flywheel --home-dir /deployments --shell /usr/sbin/nologin flywheel \
    && mkdir -p /deployments /var/lib/flywheel/state \
    && chown -R 185:185 /deployments /var/lib/flywheel/state

WORKDIR /deployments
# Dependencies first: they change less often than the application, so their layer is reused.
COPY --chown=185:185 feature-service/target/quarkus-app/lib/ lib/
COPY --chown=185:185 feature-service/target/quarkus-app/*.jar ./
COPY --chown=185:185 feature-service/target/quarkus-app/app/ app/
COPY --chown=185:185 feature-service/target/quarkus-app/quarkus/ quarkus/
# The example pipelines; mount a folder over it (or set FLYWHEEL_PIPELINES_DIR) for your own.
COPY --chown=185:185 pipelines/ pipelines/

ENV QUARKUS_HTTP_HOST=0.0.0.0 \
    QUARKUS_HTTP_PORT=8082 \
    FLYWHEEL_PIPELINES_DIR=/deployments/pipelines \
    KAFKA_BOOTSTRAP_SERVERS=kafka:9092 \
    KAFKA_STREAMS_STATE_DIR=/var/lib/flywheel/state \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"

EXPOSE 8082
USER 185

# Ready = Kafka reachable, topics provisioned and the service's own checks (SmallRye Health).
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 \
    CMD curl -fsS -o /dev/null http://127.0.0.1:8082/q/health/ready || exit 1

ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /deployments/quarkus-run.jar"]
