package dev.flywheel.simulator;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Derives an independent random stream for every piece of the simulation (a customer's day, a
 * day's compromised terminals, ...) from the master seed alone. Because no stream is shared, the
 * output depends only on the config: not on the order pieces are generated in, nor on whether a
 * run is cut short, nor on whether the drift pattern is switched on.
 *
 * <p>The handbook seeds numpy with the customer id and reseeds per fraud-scenario day; we keep that
 * structure, but with Commons RNG instead of numpy's Mersenne Twister the draws are not bit-exact
 * with the published data — only statistically the same.
 */
record Seeds(long master) {

    /** A purpose of random numbers. The tags are fixed so that reordering this enum changes no output. */
    enum Stream {
        CUSTOMER_PROFILES(0x11),
        TERMINAL_PROFILES(0x12),
        CUSTOMER_DAY(0x21),
        COMPROMISED_TERMINALS(0x31),
        COMPROMISED_CARDS(0x32),
        COMPROMISED_CARD_TRANSACTIONS(0x33),
        CARD_TESTING_CARDS(0x41),
        CARD_TESTING_BURSTS(0x42),
        LABEL_DELAYS(0x51);

        private final long tag;

        Stream(long tag) {
            this.tag = tag;
        }
    }

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    /** A fresh generator for {@code stream} and its keys (customer id, day, ...). */
    UniformRandomProvider rng(Stream stream, long... keys) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(derive(stream, keys));
    }

    long derive(Stream stream, long... keys) {
        long h = mix(master + GOLDEN_GAMMA * stream.tag);
        for (long key : keys) {
            // Chaining through the finaliser makes (a, b) and (b, a) distinct streams.
            h = mix(h ^ mix(key + GOLDEN_GAMMA));
        }
        return h;
    }

    /** The 64-bit finaliser of SplitMix64 (Stafford's "Mix13"): a bijection with strong avalanche. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
