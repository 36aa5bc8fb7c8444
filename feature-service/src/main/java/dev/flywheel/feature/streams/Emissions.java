package dev.flywheel.feature.streams;

/** Told of every vector and example the topology emits; the service counts them for its metrics. */
public interface Emissions {

    /** Counts nothing: for tests and tools that build the topology without a service around it. */
    Emissions NONE = new Emissions() {
        @Override
        public void vectorEmitted(String pipeline) {
        }

        @Override
        public void exampleEmitted(String pipeline) {
        }
    };

    void vectorEmitted(String pipeline);

    void exampleEmitted(String pipeline);
}
