package dev.flywheel.contracts.spec;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * 1 when the event time has a calendar property, else 0. Read in UTC so that every service, and training,
 * computes the same value.
 *
 * @param hours the hours that count as night; present exactly for {@link TimeFlag#NIGHT}
 */
public record FlagFeature(String name, TimeFlag flag, Optional<HourRange> hours) implements FeatureDef {

    public FlagFeature {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(flag, "flag");
        Objects.requireNonNull(hours, "hours");
        if (flag == TimeFlag.NIGHT && hours.isEmpty()) {
            hours = Optional.of(HourRange.DEFAULT_NIGHT);
        }
    }

    public boolean isSet(Instant eventTime) {
        ZonedDateTime utc = eventTime.atZone(ZoneOffset.UTC);
        return switch (flag) {
            case WEEKEND -> utc.getDayOfWeek() == DayOfWeek.SATURDAY || utc.getDayOfWeek() == DayOfWeek.SUNDAY;
            case NIGHT -> hours.orElse(HourRange.DEFAULT_NIGHT).contains(utc.getHour());
        };
    }
}
