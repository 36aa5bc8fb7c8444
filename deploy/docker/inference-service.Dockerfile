# inference-service as a container: the Quarkus fast-jar (JVM mode) on a Temurin 17 JRE, run as a non-root user.
# Build from the repository root after `./mvnw -B package -DskipTests`:
#   docker build -f deploy/docker/inference-service.Dockerfile -t flywheel/inference-service .
# Reads the model registry (a volume written by training-service). PyTorch natives come in the jar and are
# extracted to ENGINE_CACHE_DIR at start (no download: DJL_OFFLINE); OMP_WAIT_POLICY=passive stops OpenMP spinning.
FROM eclipse-temurin:17-jre

# curl for the HEALTHCHECK; libgomp1, the OpenMP runtime the native model engines load.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl libgomp1 \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 185 flywheel \
    && useradd --system --uid 185 --gid flywheel --home-dir /deployments --shell /usr/sbin/nologin flywheel \
    && mkdir -p /deployments /var/lib/flywheel/registry /var/lib/flywheel/djl \
    && chown -R 185:185 /deployments /var/lib/flywheel/registry /var/lib/flywheel/djl

WORKDIR /deployments
# Dependencies first: they change less often than the application, so their layer is reused.
COPY --chown=185:185 inference-service/target/quarkus-app/lib/ lib/
COPY --chown=185:185 inference-service/target/quarkus-app/*.jar ./
COPY --chown=185:185 inference-service/target/quarkus-app/app/ app/
COPY --chown=185:185 inference-service/target/quarkus-app/quarkus/ quarkus/
# The example pipelines; mount a folder over it (or set FLYWHEEL_PIPELINES_DIR) for your own.
COPY --chown=185:185 pipelines/ pipelines/

ENV QUARKUS_HTTP_HOST=0.0.0.0 \
    QUARKUS_HTTP_PORT=8084 \
    FLYWHEEL_PIPELINES_DIR=/deployments/pipelines \
    KAFKA_BOOTSTRAP_SERVERS=kafka:9092 \
    FLYWHEEL_REGISTRY_DIR=/var/lib/flywheel/registry \
    DJL_OFFLINE=true \
    ENGINE_CACHE_DIR=/var/lib/flywheel/djl \
    OMP_WAIT_POLICY=passive \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"

EXPOSE 8084
USER 185

# Ready = Kafka reachable, topics provisioned and the service's own checks (SmallRye Health).
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 \
    CMD curl -fsS -o /dev/null http://127.0.0.1:8084/q/health/ready || exit 1

ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /deployments/quarkus-run.jar"]
