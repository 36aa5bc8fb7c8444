package dev.flywheel.inference;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * New prediction ids: random (version 4) UUIDs drawn from {@link ThreadLocalRandom}. {@link UUID#randomUUID()}
 * draws from one shared {@code SecureRandom}, a synchronised generator every request thread would queue on; a
 * prediction id only has to be unique, not unguessable (122 random bits).
 */
public final class PredictionIds {

    private PredictionIds() {
    }

    public static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
