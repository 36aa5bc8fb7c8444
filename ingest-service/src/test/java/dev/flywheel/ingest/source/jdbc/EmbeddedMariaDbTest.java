package dev.flywheel.ingest.source.jdbc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Without the MariaDB binaries the database tests fail, saying how to install them, instead of skipping. */
class EmbeddedMariaDbTest {

    @Test
    void aMissingServerBinaryFailsNamingTheCommandThatInstallsIt() {
        assertThatThrownBy(() -> EmbeddedMariaDb.binary("mariadbd-that-is-not-installed"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("run ./flywheel test")
                .hasMessageContaining("mariadb-server");
    }
}
