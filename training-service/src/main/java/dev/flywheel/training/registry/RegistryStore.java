package dev.flywheel.training.registry;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.type.TypeReference;

import dev.flywheel.contracts.event.OffsetRange;
import dev.flywheel.contracts.json.Json;
import dev.flywheel.model.registry.ArtifactFile;

/**
 * The registry's metadata over JDBC ({@link RegistrySchema}): versions, their files, aliases and the audit
 * of every alias move. Plain SQL that H2 and PostgreSQL both run; each method is one transaction.
 */
public class RegistryStore {

    private static final TypeReference<Map<String, Object>> PARAMS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Double>> METRICS = new TypeReference<>() {
    };
    private static final TypeReference<List<OffsetRange>> RANGES = new TypeReference<>() {
    };

    private final DataSource dataSource;

    public RegistryStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The highest version of the pipeline, or 0. */
    public long maxVersion(String pipeline) {
        return query("SELECT COALESCE(MAX(model_version), 0) FROM registry_model_version WHERE pipeline = ?",
                statement -> statement.setString(1, pipeline), rows -> {
                    rows.next();
                    return rows.getLong(1);
                });
    }

    public void insertVersion(StoredVersion version, List<ArtifactFile> files) {
        transaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO registry_model_version (pipeline, model_version, candidate, model_type, trigger_kind,
                        params_json, metrics_json, dataset_json, spec_hash, parent_version, drift_event_id, metadata_json,
                        created_at, registered_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                insert.setString(1, version.pipeline());
                insert.setLong(2, version.version());
                insert.setString(3, version.candidate());
                insert.setString(4, version.modelType());
                insert.setString(5, version.trigger());
                insert.setString(6, json(version.params()));
                insert.setString(7, json(version.metrics()));
                insert.setString(8, json(version.dataset()));
                insert.setString(9, version.specHash());
                if (version.parentVersion() == null) {
                    insert.setNull(10, Types.BIGINT);
                } else {
                    insert.setLong(10, version.parentVersion());
                }
                insert.setString(11, version.driftEventId());
                insert.setString(12, version.metadataJson());
                insert.setObject(13, utc(version.createdAt()));
                insert.setObject(14, utc(version.registeredAt()));
                insert.executeUpdate();
            }
            insertFiles(connection, version.pipeline(), version.version(), files);
            return null;
        });
    }

    /** Records the files not recorded yet; a file already recorded keeps its first checksum. */
    public List<ArtifactFile> addFiles(String pipeline, long version, List<ArtifactFile> files) {
        return transaction(connection -> {
            List<String> known = files(connection, pipeline, version).stream().map(ArtifactFile::name).toList();
            List<ArtifactFile> added = files.stream().filter(file -> !known.contains(file.name())).toList();
            insertFiles(connection, pipeline, version, added);
            return added;
        });
    }

    /** Versions of a pipeline, oldest first. */
    public List<StoredVersion> versions(String pipeline) {
        return query("SELECT * FROM registry_model_version WHERE pipeline = ? ORDER BY model_version",
                statement -> statement.setString(1, pipeline), RegistryStore::versions);
    }

    public Optional<StoredVersion> version(String pipeline, long version) {
        return query("SELECT * FROM registry_model_version WHERE pipeline = ? AND model_version = ?", statement -> {
            statement.setString(1, pipeline);
            statement.setLong(2, version);
        }, rows -> versions(rows).stream().findFirst());
    }

    /** Files of a version by name. */
    public List<ArtifactFile> files(String pipeline, long version) {
        return transaction(connection -> files(connection, pipeline, version));
    }

    /** Alias name to version, of one pipeline. */
    public Map<String, Long> aliases(String pipeline) {
        return query("SELECT alias_name, model_version FROM registry_alias WHERE pipeline = ? ORDER BY alias_name",
                statement -> statement.setString(1, pipeline), rows -> {
                    Map<String, Long> aliases = new LinkedHashMap<>();
                    while (rows.next()) {
                        aliases.put(rows.getString(1), rows.getLong(2));
                    }
                    return aliases;
                });
    }

    /**
     * Points an alias at a version and records the move; {@code beforeCommit} runs inside the transaction
     * (with the alias row locked), so a move whose event cannot be published is rolled back. Moving an alias
     * to where it points already changes and records nothing.
     *
     * @return the recorded move, or empty when the alias pointed at {@code toVersion} already
     */
    public Optional<AliasMove> moveAlias(String pipeline, String alias, long toVersion, String action, String actor,
                                         String reason, Instant at, Consumer<AliasMove> beforeCommit) {
        return transaction(connection -> {
            Long from = null;
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT model_version FROM registry_alias WHERE pipeline = ? AND alias_name = ? FOR UPDATE")) {
                select.setString(1, pipeline);
                select.setString(2, alias);
                try (ResultSet rows = select.executeQuery()) {
                    if (rows.next()) {
                        from = rows.getLong(1);
                    }
                }
            }
            if (from != null && from == toVersion) {
                return Optional.empty();
            }
            String upsert = from == null
                    ? "INSERT INTO registry_alias (model_version, moved_at, pipeline, alias_name) VALUES (?, ?, ?, ?)"
                    : "UPDATE registry_alias SET model_version = ?, moved_at = ? WHERE pipeline = ? AND alias_name = ?";
            try (PreparedStatement write = connection.prepareStatement(upsert)) {
                write.setLong(1, toVersion);
                write.setObject(2, utc(at));
                write.setString(3, pipeline);
                write.setString(4, alias);
                write.executeUpdate();
            }
            long id;
            try (PreparedStatement history = connection.prepareStatement("""
                    INSERT INTO registry_alias_history (pipeline, alias_name, from_version, to_version, action, actor,
                        reason, moved_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
                history.setString(1, pipeline);
                history.setString(2, alias);
                if (from == null) {
                    history.setNull(3, Types.BIGINT);
                } else {
                    history.setLong(3, from);
                }
                history.setLong(4, toVersion);
                history.setString(5, action);
                history.setString(6, actor);
                history.setString(7, reason);
                history.setObject(8, utc(at));
                history.executeUpdate();
                try (ResultSet keys = history.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong("id");
                }
            }
            AliasMove move = new AliasMove(id, pipeline, alias, from == null ? null : Long.toString(from),
                    Long.toString(toVersion), action, actor, reason, at);
            beforeCommit.accept(move);
            return Optional.of(move);
        });
    }

    /** Moves of the pipeline's aliases (of one alias when given), newest first. */
    public List<AliasMove> history(String pipeline, Optional<String> alias) {
        String sql = "SELECT * FROM registry_alias_history WHERE pipeline = ?"
                + (alias.isPresent() ? " AND alias_name = ?" : "") + " ORDER BY id DESC";
        return query(sql, statement -> {
            statement.setString(1, pipeline);
            if (alias.isPresent()) {
                statement.setString(2, alias.get());
            }
        }, rows -> {
            List<AliasMove> moves = new ArrayList<>();
            while (rows.next()) {
                long from = rows.getLong("from_version");
                String fromVersion = rows.wasNull() ? null : Long.toString(from);
                moves.add(new AliasMove(rows.getLong("id"), rows.getString("pipeline"), rows.getString("alias_name"),
                        fromVersion, Long.toString(rows.getLong("to_version")),
                        rows.getString("action"), rows.getString("actor"), rows.getString("reason"),
                        instant(rows, "moved_at")));
            }
            return moves;
        });
    }

    private static void insertFiles(Connection connection, String pipeline, long version, List<ArtifactFile> files)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO registry_artifact_file (pipeline, model_version, file_name, size_bytes, sha256)
                VALUES (?, ?, ?, ?, ?)""")) {
            for (ArtifactFile file : files) {
                insert.setString(1, pipeline);
                insert.setLong(2, version);
                insert.setString(3, file.name());
                insert.setLong(4, file.size());
                insert.setString(5, file.sha256());
                insert.addBatch();
            }
            if (!files.isEmpty()) {
                insert.executeBatch();
            }
        }
    }

    private static List<ArtifactFile> files(Connection connection, String pipeline, long version) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT file_name, size_bytes, sha256 FROM registry_artifact_file
                WHERE pipeline = ? AND model_version = ? ORDER BY file_name""")) {
            select.setString(1, pipeline);
            select.setLong(2, version);
            try (ResultSet rows = select.executeQuery()) {
                List<ArtifactFile> files = new ArrayList<>();
                while (rows.next()) {
                    files.add(new ArtifactFile(rows.getString(1), rows.getLong(2), rows.getString(3).strip()));
                }
                return files;
            }
        }
    }

    private static List<StoredVersion> versions(ResultSet rows) throws SQLException {
        List<StoredVersion> versions = new ArrayList<>();
        while (rows.next()) {
            long parent = rows.getLong("parent_version");
            Long parentVersion = rows.wasNull() ? null : parent;
            versions.add(new StoredVersion(rows.getString("pipeline"), rows.getLong("model_version"),
                    rows.getString("candidate"), rows.getString("model_type"), rows.getString("trigger_kind"),
                    read(rows.getString("params_json"), PARAMS), read(rows.getString("metrics_json"), METRICS),
                    read(rows.getString("dataset_json"), RANGES), rows.getString("spec_hash"), parentVersion,
                    rows.getString("drift_event_id"), rows.getString("metadata_json"), instant(rows, "created_at"),
                    instant(rows, "registered_at")));
        }
        return versions;
    }

    private static Instant instant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String json(Object value) throws SQLException {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (IOException e) {
            throw new SQLException("cannot write " + value + " as JSON: " + e.getMessage(), e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) throws SQLException {
        try {
            return Json.mapper().readValue(json, type);
        } catch (IOException e) {
            throw new SQLException("cannot read stored JSON " + json + ": " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T query(String sql, Binder binder, RowReader<T> reader) {
        return transaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                binder.bind(statement);
                try (ResultSet rows = statement.executeQuery()) {
                    return reader.read(rows);
                }
            }
        });
    }

    /** One transaction on the registry database, rolled back on any failure (also for {@link PendingDrifts}). */
    <T> T transaction(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new RegistryStoreException("registry database: " + e.getMessage(), e);
        }
    }
}
