package org.cec.portal.api.analytics;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One number of a day: how many events of a {@code metric} had the value {@code item}, and how many
 * distinct visitors made them (0 where visitors are not counted, as for anonymous page views).
 *
 * <p>The analytics module's metrics: {@code pageviews} (item empty), {@code pages} (the path, ids
 * replaced by placeholders), {@code referrers} (a host), {@code utm-source}, {@code utm-medium}, {@code
 * utm-campaign}, {@code browsers}, {@code os}, {@code devices} ({@code desktop}, {@code mobile}, {@code
 * tablet}, {@code other}), {@code languages}, {@code form-steps} ({@code form/step}), {@code
 * form-errors} ({@code form/step/field}), {@code form-submitted} ({@code form}), {@code
 * search-services}, {@code search-zip3}, {@code outbound-clicks} (a contractor id), {@code not-found}
 * (a path), {@code email-opens} and {@code email-clicks} (a campaign), {@code consent-choices} ({@code
 * purpose:granted} or {@code purpose:refused}), {@code dropped} (events the buffer could not take).
 * Events of other types are rolled up as metric {@code event:<type>}, item empty.
 *
 * @param day the day (in the portal's time zone)
 * @param metric what is counted
 * @param item the value counted ({@code ""} for a plain total)
 * @param events how many events
 * @param visitors how many distinct visitors, 0 when not counted
 */
public record DailyRollup(LocalDate day, String metric, String item, long events, long visitors) {

    public DailyRollup {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(item, "item");
        if (events < 0 || visitors < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
    }
}
