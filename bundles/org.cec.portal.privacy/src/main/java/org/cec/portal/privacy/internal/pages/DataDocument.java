package org.cec.portal.privacy.internal.pages;

import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import org.cec.portal.api.privacy.PersonalRecord;
import org.cec.portal.privacy.internal.data.PersonalData.Area;

/**
 * The download of a person's data ({@code /privacy/my-data/<token>.json}), one JSON document:
 *
 * <pre>{@code
 * {"generatedAt":"2026-12-03T12:00:00Z","request":12,
 *  "areas":[{"area":"intake","complete":true,
 *            "records":[{"kind":"intake.request","recordedAt":"...","fields":{"name":"Ada",...}}]}]}
 * }</pre>
 *
 * {@code complete} is false for an area whose module could not be read just now.
 */
public final class DataDocument {

    /** Found once: looking the JSON-P provider up searches the bundles on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private DataDocument() {}

    public static void write(Writer out, long requestId, Instant now, List<Area> areas) {
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.write("generatedAt", now.toString());
            g.write("request", requestId);
            g.writeStartArray("areas");
            for (Area a : areas) {
                g.writeStartObject();
                g.write("area", a.name());
                g.write("complete", !a.failed());
                g.writeStartArray("records");
                for (PersonalRecord r : a.records()) {
                    g.writeStartObject();
                    g.write("kind", r.kind());
                    g.write("recordedAt", r.recordedAt().toString());
                    g.writeStartObject("fields");
                    new TreeMap<>(r.fields()).forEach(g::write);
                    g.writeEnd();
                    g.writeEnd();
                }
                g.writeEnd();
                g.writeEnd();
            }
            g.writeEnd();
            g.writeEnd();
        }
    }
}
