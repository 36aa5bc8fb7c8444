package dev.flywheel.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerEndpointTest {

    @Test
    void dockerHostCountsAsAnEndpoint() {
        assertThat(DockerEndpoint.present(Map.of("DOCKER_HOST", "tcp://127.0.0.1:2375"), List.of())).isTrue();
    }

    @Test
    void noVariableAndNoSocketMeansNoDocker(@TempDir Path dir) throws IOException {
        // Given a plain file and a folder where sockets would be
        Path file = Files.createFile(dir.resolve("docker.sock"));
        Path folder = Files.createDirectory(dir.resolve("run"));

        // Then neither counts, nor a path that does not exist, nor a blank DOCKER_HOST
        assertThat(DockerEndpoint.present(Map.of("DOCKER_HOST", " "),
                List.of(file, folder, dir.resolve("missing.sock")))).isFalse();
    }

    @Test
    void aUnixSocketCountsAsAnEndpoint(@TempDir Path dir) throws IOException {
        // Given a listening Unix socket where Docker's would be
        Path socket = dir.resolve("docker.sock");
        try (ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.bind(UnixDomainSocketAddress.of(socket));

            // Then it counts
            assertThat(DockerEndpoint.present(Map.of(), List.of(dir.resolve("missing.sock"), socket))).isTrue();
        }
    }

    @Test
    void rootlessAndDesktopSocketsAreLookedAt() {
        List<Path> sockets = DockerEndpoint.candidateSockets(Map.of("XDG_RUNTIME_DIR", "/run/user/1000"),
                Path.of("/home/dev"));
        assertThat(sockets).contains(Path.of("/var/run/docker.sock"), Path.of("/run/user/1000/docker.sock"),
                Path.of("/home/dev/.docker/run/docker.sock"));
    }
}
