package dev.flywheel.kafka.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether a Docker engine could be reached, judged from the environment and the usual socket paths only.
 * Testcontainers' own probe takes 1–2 s and logs an ERROR when there is none; this check costs a few
 * {@code stat} calls, so a machine without Docker never waits.
 */
final class DockerEndpoint {

    private DockerEndpoint() {
    }

    static boolean present() {
        Map<String, String> env = System.getenv();
        return present(env, candidateSockets(env, Path.of(System.getProperty("user.home"))));
    }

    static boolean present(Map<String, String> env, List<Path> sockets) {
        String dockerHost = env.get("DOCKER_HOST");
        if (dockerHost != null && !dockerHost.isBlank()) {
            return true;
        }
        return sockets.stream().anyMatch(DockerEndpoint::isSocketLike);
    }

    /** The daemon socket, rootless Docker's, and Docker Desktop's. */
    static List<Path> candidateSockets(Map<String, String> env, Path home) {
        List<Path> sockets = new ArrayList<>();
        sockets.add(Path.of("/var/run/docker.sock"));
        String runtimeDir = env.get("XDG_RUNTIME_DIR");
        if (runtimeDir != null && !runtimeDir.isBlank()) {
            sockets.add(Path.of(runtimeDir, "docker.sock"));
        }
        sockets.add(home.resolve(".docker/run/docker.sock"));
        sockets.add(home.resolve(".docker/desktop/docker.sock"));
        return sockets;
    }

    private static boolean isSocketLike(Path path) {
        return Files.exists(path) && !Files.isRegularFile(path) && !Files.isDirectory(path);
    }
}
