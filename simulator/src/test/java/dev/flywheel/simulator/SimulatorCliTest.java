package dev.flywheel.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SimulatorCliTest {

    @Test
    void durationsReadSecondsMinutesHoursAndDays() {
        assertThat(CliArguments.parseDuration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(CliArguments.parseDuration("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(CliArguments.parseDuration("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(CliArguments.parseDuration("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(CliArguments.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThatThrownBy(() -> CliArguments.parseDuration("7 days")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void optionsBuildTheConfig() {
        // Given a command line for a small drifting demo with minute-scale labels
        String[] args = {"--customers", "100", "--terminals", "300", "--days", "30", "--start", "2024-01-01",
                "--seed", "7", "--radius", "8", "--drift-day", "12", "--drift-cards-per-day", "3",
                "--label-delay-fraud-min", "30s", "--label-delay-fraud-max", "5m", "--label-delay-genuine", "2m",
                "--out", "x.csv"};

        // When parsed
        SimulationConfig config = SimulatorCli.config(CliArguments.parse(args, Set.of("customers", "terminals", "days",
                "start", "seed", "radius", "drift-day", "drift-cards-per-day", "label-delay-fraud-min",
                "label-delay-fraud-max", "label-delay-genuine", "out")));

        // Then every option lands in the config
        assertThat(config).isEqualTo(new SimulationConfig(100, 300, 30, Instant.parse("2024-01-01T00:00:00Z"), 8, 7,
                new NewFraudPattern(true, 12, 3, NewFraudPattern.DEFAULT_DURATION_DAYS),
                new LabelDelay(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(2))));
    }

    @Test
    void defaultsAreTheStandardDatasetWithoutDrift() {
        SimulationConfig config = SimulatorCli.config(CliArguments.parse(new String[0], Set.of()));

        assertThat(config).isEqualTo(SimulationConfig.standard());
        assertThat(config.newFraudPattern().enabled()).isFalse();
    }

    @Test
    void unknownOrIncompleteOptionsAreRejected() {
        assertThatThrownBy(() -> CliArguments.parse(new String[] {"--custmers", "5"}, Set.of("customers")))
                .hasMessageContaining("unknown option --custmers");
        assertThatThrownBy(() -> CliArguments.parse(new String[] {"--customers"}, Set.of("customers")))
                .hasMessageContaining("needs a value");
        CliArguments bad = CliArguments.parse(new String[] {"--customers", "many"}, Set.of("customers"));
        assertThatThrownBy(() -> bad.integer("customers", 1)).hasMessageContaining("bad value for --customers");
    }

    @Test
    void helpIsAFlag() {
        assertThat(CliArguments.parse(new String[] {"--help"}, Set.of()).help()).isTrue();
    }
}
