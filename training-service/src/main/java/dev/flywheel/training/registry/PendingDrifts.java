package dev.flywheel.training.registry;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.flywheel.contracts.Topic;
import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.DriftDetected;

/**
 * The drift verdict each pipeline's retraining still owes, kept in the registry database so that a verdict whose
 * run was queued, running or deferred when the process died is acted on after the restart (the verdict's Kafka
 * offset was committed once it was queued). One row per pipeline, the newest verdict owed; a row goes when the
 * run it started ends or when another version is promoted first.
 */
@Singleton
public class PendingDrifts {

    private static final Topic<String, DriftDetected> DRIFT = Topics.drift();

    private final RegistryStore store;

    @Inject
    public PendingDrifts(RegistryDatabase database) {
        this(database.dataSource());
    }

    public PendingDrifts(DataSource dataSource) {
        this.store = new RegistryStore(dataSource);
    }

    /** Records {@code drift} as the verdict its pipeline's retraining owes (replacing an older one). */
    public void owe(DriftDetected drift, Instant at) {
        byte[] json = DRIFT.valueSerde().serializer().serialize(DRIFT.name(), drift);
        store.transaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM training_pending_drift WHERE pipeline = ?");
                 PreparedStatement insert = connection.prepareStatement("""
                         INSERT INTO training_pending_drift (pipeline, drift_event_id, drift_json, recorded_at)
                         VALUES (?, ?, ?, ?)""")) {
                delete.setString(1, drift.pipeline());
                delete.executeUpdate();
                insert.setString(1, drift.pipeline());
                insert.setString(2, drift.eventId());
                insert.setString(3, new String(json, StandardCharsets.UTF_8));
                insert.setObject(4, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                insert.executeUpdate();
            }
            return null;
        });
    }

    /** The verdict is settled (its run ended, or it no longer applies); a newer verdict owed stays. */
    public void settle(String pipeline, String driftEventId) {
        store.transaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM training_pending_drift WHERE pipeline = ? AND drift_event_id = ?")) {
                delete.setString(1, pipeline);
                delete.setString(2, driftEventId);
                delete.executeUpdate();
            }
            return null;
        });
    }

    /** Every verdict owed, oldest first. */
    public List<DriftDetected> owed() {
        return store.transaction(connection -> {
            List<DriftDetected> owed = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT drift_json FROM training_pending_drift ORDER BY recorded_at");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    owed.add(DRIFT.valueSerde().deserializer().deserialize(DRIFT.name(),
                            rows.getString(1).getBytes(StandardCharsets.UTF_8)));
                }
            }
            return owed;
        });
    }
}
