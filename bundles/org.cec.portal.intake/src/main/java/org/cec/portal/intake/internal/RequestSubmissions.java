package org.cec.portal.intake.internal;

import jakarta.json.JsonArrayBuilder;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.api.events.PortalEvents;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Stores a new request (from the form or the API): its rows through {@link SubmissionSql} and its
 * {@code intake.submitted} event, in one group commit of the platform, with the resumed draft
 * deleted in the same transaction.
 */
@Component(service = RequestSubmissions.class)
public final class RequestSubmissions {

    static final String SUBMITTED = "intake.submitted";

    private final ModuleDatabase db;
    private final PortalEvents events;
    private final References references;
    private final Clock clock;

    @Activate
    public RequestSubmissions(
            @Reference(target = "(cec.module=intake)") ModuleDatabase db, @Reference PortalEvents events) {
        this(db, events, new References(new SecureRandom()), Clock.systemUTC());
    }

    RequestSubmissions(ModuleDatabase db, PortalEvents events, References references, Clock clock) {
        this.db = db;
        this.events = events;
        this.references = references;
        this.clock = clock;
    }

    /** Stores a valid request and its {@code intake.submitted} event; returns its reference. */
    public String submit(Validator.ValidRequest r, String source) {
        return submit(r, source, "");
    }

    /**
     * Stores a valid request and its event; the draft of {@code draftToken} (a resumed draft; may be
     * empty) is deleted in the same transaction. Returns the reference.
     */
    public String submit(Validator.ValidRequest r, String source, String draftToken) {
        String reference = references.next();
        OffsetDateTime now = OffsetDateTime.now(clock);
        String payload = submittedPayload(reference, r, source);
        // Group commit: concurrent submissions share one commit; this returns once ours is stored.
        db.inGroupCommit(em -> {
            SubmissionSql.insert(em.unwrap(java.sql.Connection.class), reference, source, now, r);
            events.append(SUBMITTED, payload);
            DraftStore.deleteIn(em, draftToken);
            return null;
        });
        return reference;
    }

    /**
     * The event's payload: what a confirmation email needs (reference, address, name to greet,
     * preferred contact method, the services by id and label, the language the request was made in
     * and the labels are in) and what the public counts of the analytics module need (the ZIP code's
     * first three digits, {@code zip3}), nothing more: no phone, no address, no city or full ZIP, no
     * answers to partner questions.
     */
    /** The first three digits of a ZIP code, or {@code ""} for one that does not start with three. */
    static String zip3(String zip) {
        return zip != null && zip.length() >= 3 && zip.substring(0, 3).chars().allMatch(ch -> ch >= '0' && ch <= '9')
                ? zip.substring(0, 3)
                : "";
    }

    static String submittedPayload(String reference, Validator.ValidRequest r, String source) {
        JsonArrayBuilder services = JsonBodies.array();
        for (Catalog.ServiceInfo s : r.services()) {
            services.add(JsonBodies.object().add("id", s.id()).add("label", s.label()));
        }
        return JsonBodies.object()
                .add("reference", reference)
                .add("email", r.email())
                .add("name", r.name())
                .add("contactMethod", r.contactMethod())
                .add("source", source)
                .add("services", services)
                .add("language", r.language())
                .add("zip3", zip3(r.zip()))
                .build()
                .toString();
    }
}
