package org.cec.portal.api.privacy;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One item of personal data a module holds about a person, as exported for an access request.
 *
 * @param kind what the item is, for example {@code consent.opt-out}
 * @param recordedAt when it was recorded
 * @param fields the item's data as readable names and values
 */
public record PersonalRecord(String kind, Instant recordedAt, Map<String, String> fields) {

    public PersonalRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(recordedAt, "recordedAt");
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }
}
