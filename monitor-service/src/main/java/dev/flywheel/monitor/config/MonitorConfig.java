package dev.flywheel.monitor.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the monitor service; the judging policy itself (min outcomes, bounds, cooldown) is in each spec. */
@ConfigMapping(prefix = "flywheel.monitor")
public interface MonitorConfig {

    /** Joining predictions with labels into outcomes. */
    Join join();

    /** Live quality per model version. */
    Quality quality();

    /** Accuracy drift of the served model. */
    Drift drift();

    /** Data drift of the served model's inputs against its version's reference. */
    Data data();

    /** Where alarms are posted. */
    Webhooks webhooks();

    /** Business value and goals of pipelines with a {@code business} section. */
    Business business();

    interface Business {

        /** Goals are judged again (and a slip notified) at most this often, after an outcome arrives. */
        @WithDefault("10s")
        Duration interval();

        /** The latest served predictions whose latency the {@code serving_p99_latency_ms} goal is judged on. */
        @WithDefault("10000")
        int latencyWindow();

        /**
         * Events whose rule and shadow-challenger decisions are kept until their outcome arrives, per pipeline
         * (about 150 bytes each): a label later than this many predictions values only the served decision.
         */
        @WithDefault("100000")
        int decisions();
    }

    /** The review queue: each day's highest-scored predictions, for an analyst to label. */
    Review review();

    /** The web console served at {@code /console/}: where it finds the other services' public APIs. */
    Console console();

    /** Counting a pipeline's topics by event id ({@code /v1/pipelines/{p}/reconciliation}). */
    Reconcile reconcile();

    interface Reconcile {

        /** A reconciliation reading longer than this fails (503) instead of holding the request. */
        @WithDefault("60s")
        Duration timeout();

        /** Records read per topic at most; beyond it the answer says {@code truncated} (ids are held in memory). */
        @WithDefault("5000000")
        long maxRecords();
    }

    interface Join {

        /**
         * Kept beyond the spec's {@code label.maxDelay} before a pending prediction or label is forgotten: covers
         * labels that arrive out of order and predictions made late.
         */
        @WithDefault("1d")
        Duration grace();
    }

    interface Quality {

        /** The most recent outcomes kept per (pipeline, model version); metrics and the quality endpoint use them. */
        @WithDefault("20000")
        int window();

        /** Model versions kept per pipeline; the least recently judged one is dropped beyond this. */
        @WithDefault("5")
        int versions();

        /** How far back (by record time) outcomes are read again when the service starts. */
        @WithDefault("7d")
        Duration lookback();
    }

    interface Drift {

        /**
         * The accuracy of the served model is judged over its latest outcomes, this many or the spec's
         * {@code minOutcomes} if larger: small enough that a change shows within a few thousand events. For a
         * binary model the sample reaches further back (up to {@code quality.window}) until it holds the spec's
         * {@code monitoring.minPositives} positives.
         */
        @WithDefault("2000")
        int window();

        /** Drift events kept per pipeline for {@code GET /v1/pipelines/{p}/drift}. */
        @WithDefault("100")
        int recent();

        /**
         * Concept and data drift of one (pipeline, version) is published at most once per this period: a detector
         * often fires several times while one change settles, and data drift holds for as long as it lasts.
         */
        @WithDefault("10m")
        Duration debounce();
    }

    interface Data {

        /** The latest predictions of the served version whose features are compared with the reference. */
        @WithDefault("5000")
        int window();

        /** The comparison runs again after this many new predictions. */
        @WithDefault("1000")
        int every();

        /** No comparison before the window holds this many predictions. */
        @WithDefault("500")
        int minSamples();
    }

    interface Webhooks {

        /** Receivers of drift alarms and their resolution; none by default. */
        java.util.Optional<java.util.List<String>> urls();

        /** Payload: {@code json} (the alarm as JSON) or {@code slack} (Slack's incoming-webhook {@code text}). */
        @WithDefault("json")
        WebhookFormat format();

        /** The same alarm (pipeline, version, kind, metric, state) is posted at most once within this period. */
        @WithDefault("1h")
        Duration dedup();

        /** Attempts per message; the waits between them double from {@code backoff}. */
        @WithDefault("5")
        int attempts();

        /** The wait before the second attempt. */
        @WithDefault("1s")
        Duration backoff();

        /** Connect and read timeout of one attempt. */
        @WithDefault("5s")
        Duration timeout();
    }

    /** A webhook payload format. */
    enum WebhookFormat {
        json, slack
    }

    interface Review {

        /** Highest-scored predictions kept per (pipeline, day): the most a queue page can show. */
        @WithDefault("200")
        int capacity();

        /** Days (of event time) kept per pipeline; the oldest is dropped when a newer day starts. */
        @WithDefault("7")
        int days();
    }

    interface Console {

        /** ingest-service as the browser reaches it (labels from the review queue, rejected records). */
        @WithDefault("http://localhost:8081")
        String ingestUrl();

        /** feature-service as the browser reaches it. */
        @WithDefault("http://localhost:8082")
        String featureUrl();

        /** training-service as the browser reaches it (runs, profiles, SQL, the registry). */
        @WithDefault("http://localhost:8083")
        String trainingUrl();

        /** inference-service as the browser reaches it (the served model, explanations). */
        @WithDefault("http://localhost:8084")
        String inferenceUrl();
    }
}
