package org.cec.portal.analytics.internal.impact;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.sql.Connection;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.api.events.EventConsumer;
import org.cec.portal.api.events.PortalEvent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Counts, from the event log, what the public page {@code /impact} shows, in the month (UTC) each event
 * was appended: {@code intake.submitted} is a request for each of its services in its ZIP3; {@code
 * directory.contact-requested} a lead shared in its ZIP3; {@code directory.lead-updated} with status
 * {@code job-done} a job done, in the ZIP3 of its lead and only once per lead. Nothing of a person is
 * kept: a ZIP3, a service id, a month and the directory's number of the lead. Each event's id is stored
 * in the transaction of its counts, so an event delivered again is not counted again. Reads the log from
 * its beginning, so the counts include what happened before the module was installed.
 */
@Component(service = EventConsumer.class)
public final class ImpactCounts implements EventConsumer {

    static final String SUBMITTED = "intake.submitted";
    static final String CONTACT_REQUESTED = "directory.contact-requested";
    static final String LEAD_UPDATED = "directory.lead-updated";
    static final String JOB_DONE = "job-done";

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Pattern ZIP3 = Pattern.compile("[0-9]{3}");
    private static final Pattern SERVICE = Pattern.compile("[a-z][a-z0-9-]{0,63}");

    private final ModuleDatabase db;

    @Activate
    public ImpactCounts(@Reference(target = "(" + ModuleDatabase.MODULE_PROPERTY + "=analytics)") ModuleDatabase db) {
        this.db = db;
    }

    @Override
    public String consumerId() {
        return "analytics.impact";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(SUBMITTED, CONTACT_REQUESTED, LEAD_UPDATED);
    }

    @Override
    public StartFrom startFrom() {
        return StartFrom.BEGINNING;
    }

    @Override
    public void handle(PortalEvent event) {
        JsonObject p = payload(event);
        YearMonth month = YearMonth.from(event.appendedAt().atOffset(ZoneOffset.UTC));
        db.inTransaction(em -> {
            ImpactStore store = new ImpactStore(em.unwrap(Connection.class));
            if (!store.firstTime(event.id())) {
                return null;
            }
            switch (event.type()) {
                case SUBMITTED -> {
                    String zip3 = zip3(p);
                    for (String service : services(p)) {
                        store.add(ImpactStore.REQUESTS, month, zip3, service);
                    }
                }
                case CONTACT_REQUESTED -> {
                    if (store.addLead(disclosure(p, event), zip3(p))) {
                        store.add(ImpactStore.LEADS, month, zip3(p), "");
                    }
                }
                case LEAD_UPDATED -> {
                    if (JOB_DONE.equals(text(p, "status"))) {
                        long disclosure = disclosure(p, event);
                        var lead = store.lead(disclosure);
                        if (lead.isEmpty() || !lead.get().done()) {
                            String zip3 = lead.map(ImpactStore.Lead::zip3).orElse("");
                            store.markDone(disclosure, zip3);
                            store.add(ImpactStore.JOBS_DONE, month, zip3, "");
                        }
                    }
                }
                default -> {
                    // another type: nothing to count
                }
            }
            return null;
        });
    }

    private static JsonObject payload(PortalEvent event) {
        try (var reader = JSON.createReader(new StringReader(event.payload()))) {
            return reader.readObject();
        } catch (JsonParsingException | ClassCastException | IllegalStateException e) {
            throw new IllegalArgumentException(
                    "The payload of " + event.type() + " " + event.id() + " is not a JSON object");
        }
    }

    private static String text(JsonObject o, String name) {
        JsonValue v = o.get(name);
        return v instanceof JsonString s ? s.getString() : "";
    }

    /** The event's {@code zip3}, or {@code ""} when it has none (events from before it was added). */
    private static String zip3(JsonObject o) {
        String zip3 = text(o, "zip3");
        return ZIP3.matcher(zip3).matches() ? zip3 : "";
    }

    /** The ids of the request's services ({@code services: [{id, label}]}). */
    private static Set<String> services(JsonObject o) {
        Set<String> ids = new LinkedHashSet<>();
        if (o.get("services") instanceof JsonArray array) {
            for (JsonValue item : array) {
                String id = item instanceof JsonObject s
                        ? text(s, "id")
                        : item instanceof JsonString s ? s.getString() : "";
                if (SERVICE.matcher(id).matches()) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }

    private static long disclosure(JsonObject o, PortalEvent event) {
        if (o.get("disclosure") instanceof JsonNumber n && n.isIntegral()) {
            return n.longValue();
        }
        throw new IllegalArgumentException("The payload of " + event.type() + " " + event.id() + " has no disclosure");
    }
}
