/**
 * The events Flywheel's services exchange over Kafka: immutable records named in the past tense.
 *
 * <p>Every event carries an {@code eventId} (consumers are idempotent on it), a
 * {@code schemaVersion} and its timestamps. Changes are additive: a new field gets a default on
 * read, and readers ignore fields they do not know. Topics and their key/value types are declared
 * once, in {@link dev.flywheel.contracts.Topics}.
 */
package dev.flywheel.contracts.event;
