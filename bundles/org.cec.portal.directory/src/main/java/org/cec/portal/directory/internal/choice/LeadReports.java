package org.cec.portal.directory.internal.choice;

import jakarta.json.spi.JsonProvider;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.api.events.PortalEvents;
import org.cec.portal.directory.internal.choice.ChoiceStore.Disclosure;
import org.cec.portal.directory.internal.choice.ChoiceStore.Outcome;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * What contractors report of their leads, through the link of each lead ({@code /leads/<token>}, only
 * the token's hash stored): the lead as the contractor may see it, and each report stored with one
 * {@code directory.lead-updated} event in one transaction.
 */
@Component(service = LeadReports.class)
public final class LeadReports {

    /** The path of a lead's page; the token follows. */
    public static final String PATH = "/leads/";

    static final String LEAD_UPDATED = "directory.lead-updated";

    /** A lead as its contractor sees it: no data of the homeowner beyond the services asked for. */
    public record Lead(Disclosure disclosure, List<Outcome> reports) {
        /** The latest report, or empty while none was made. */
        public Optional<Outcome> latest() {
            return reports.isEmpty() ? Optional.empty() : Optional.of(reports.get(reports.size() - 1));
        }
    }

    private final ModuleDatabase db;
    private final PortalEvents events;
    private final Tokens tokens;
    private final Clock clock;
    private final JsonProvider json = JsonProvider.provider();

    @Activate
    public LeadReports(
            @Reference(target = "(cec.module=directory)") ModuleDatabase db, @Reference PortalEvents events) {
        this(db, events, new SecureRandom(), Clock.systemUTC());
    }

    LeadReports(ModuleDatabase db, PortalEvents events, SecureRandom random, Clock clock) {
        this.db = db;
        this.events = events;
        this.tokens = new Tokens(random);
        this.clock = clock;
    }

    /** A new link for the contractor of this disclosure; empty when there is none or it was erased. */
    public Optional<String> newLeadPath(long disclosureId) {
        String token = tokens.next();
        boolean issued = db.inTransaction(em -> {
            ChoiceStore store = new ChoiceStore(em.unwrap(Connection.class));
            Optional<Disclosure> d = store.disclosure(disclosureId);
            if (d.isEmpty() || d.get().reference() == null) {
                return false;
            }
            store.addLeadToken(Tokens.hash(token), disclosureId, clock.instant());
            return true;
        });
        return issued ? Optional.of(PATH + token) : Optional.empty();
    }

    /** The lead of a token; empty for a malformed, unknown or erased one. */
    public Optional<Lead> lead(String token) {
        if (!Tokens.wellFormed(token)) {
            return Optional.empty();
        }
        return db.read(em -> {
            ChoiceStore store = new ChoiceStore(em.unwrap(Connection.class));
            Optional<Long> id = store.leadToken(Tokens.hash(token));
            if (id.isEmpty()) {
                return Optional.<Lead>empty();
            }
            Optional<Disclosure> d = store.disclosure(id.get());
            if (d.isEmpty()) {
                return Optional.<Lead>empty();
            }
            return Optional.of(new Lead(d.get(), store.outcomesOf(d.get().id())));
        });
    }

    /** Today, as reports are dated (UTC). */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    /** The day a lead was shared, as reports are dated (UTC). */
    static LocalDate sharedOn(Lead lead) {
        return lead.disclosure().sharedAt().atOffset(ZoneOffset.UTC).toLocalDate();
    }

    /**
     * Checks and stores a report on the lead of {@code token}, with its event.
     *
     * @return the check (with errors, nothing stored), or empty when the token is not a lead's
     */
    public Optional<LeadReport.Checked> report(
            String token, String status, String date, List<String> services, String note) {
        Optional<Lead> lead = lead(token);
        if (lead.isEmpty()) {
            return Optional.empty();
        }
        LeadReport.Checked checked = LeadReport.check(status, date, services, note, sharedOn(lead.get()), today());
        if (checked.report().isEmpty()) {
            return Optional.of(checked);
        }
        LeadReport r = checked.report().get();
        Disclosure d = lead.get().disclosure();
        db.inTransaction(em -> {
            new ChoiceStore(em.unwrap(Connection.class))
                    .addOutcome(d.id(), r.status(), r.date(), r.servicesPerformed(), r.note(), clock.instant());
            events.append(
                    LEAD_UPDATED,
                    json.createObjectBuilder()
                            .add("disclosure", d.id())
                            .add("contractor", d.contractorId())
                            .add("status", r.status().value())
                            .add("date", r.date().toString())
                            .build()
                            .toString());
            return null;
        });
        return Optional.of(checked);
    }
}
