package dev.flywheel.feature.streams;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.runtime.ShutdownEvent;

/**
 * Closes the dead-letter producers when the service stops. Kafka Streams may still be closing then: a record that
 * fails after this is not dead-lettered but fails its task uncommitted, so it is read again at the next start.
 */
@Singleton
public class DeadLetterShutdown {

    void onStop(@Observes ShutdownEvent stop) {
        DeadLetters.closeAll();
    }
}
