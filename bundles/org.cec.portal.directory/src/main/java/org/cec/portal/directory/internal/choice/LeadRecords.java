package org.cec.portal.directory.internal.choice;

import java.sql.Connection;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.directory.internal.choice.ChoiceStore.Disclosure;
import org.cec.portal.directory.internal.choice.ChoiceStore.Outcome;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link Leads} for the console: the leads of a contractor with their latest outcome, and the funnel.
 * A lead counts in a stage when any report reached it or a later one (contacted, visit scheduled,
 * proposal sent, job done); declined and could-not-reach count as shared only. Erased leads count too.
 */
@Component(service = Leads.class)
public final class LeadRecords implements Leads {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

    private final ModuleDatabase db;

    @Activate
    public LeadRecords(@Reference(target = "(cec.module=directory)") ModuleDatabase db) {
        this.db = db;
    }

    @Override
    public List<Lead> ofContractor(String contractorId) {
        return db.read(em -> {
            ChoiceStore store = new ChoiceStore(em.unwrap(Connection.class));
            Map<Long, Outcome> latest = latest(store.outcomesFor(contractorId));
            List<Lead> out = new ArrayList<>();
            for (Disclosure d : store.disclosuresFor(contractorId)) {
                out.add(lead(d, latest.get(d.id())));
            }
            return out;
        });
    }

    @Override
    public List<FunnelRow> funnel() {
        return db.read(em -> {
            ChoiceStore store = new ChoiceStore(em.unwrap(Connection.class));
            Map<Long, Integer> reached = new HashMap<>();
            for (Outcome o : store.allOutcomes()) {
                reached.merge(o.disclosureId(), stage(o.status()), Math::max);
            }
            Map<String, int[]> rows = new TreeMap<>(Comparator.reverseOrder());
            for (Disclosure d : store.allDisclosures()) {
                String month = MONTH.format(d.sharedAt().atOffset(ZoneOffset.UTC));
                int stage = reached.getOrDefault(d.id(), 0);
                for (String service : d.services().isEmpty() ? List.of("") : d.services()) {
                    int[] counts = rows.computeIfAbsent(month + "\n" + service, k -> new int[5]);
                    for (int s = 0; s <= stage; s++) {
                        counts[s]++;
                    }
                }
            }
            List<FunnelRow> out = new ArrayList<>();
            rows.forEach((key, c) -> {
                String[] parts = key.split("\n", 2);
                out.add(new FunnelRow(parts[0], parts[1], c[0], c[1], c[2], c[3], c[4]));
            });
            return out;
        });
    }

    /** 0 shared, 1 contacted, 2 visit, 3 proposal, 4 job done. */
    static int stage(Status status) {
        return switch (status) {
            case CONTACTED -> 1;
            case VISIT_SCHEDULED -> 2;
            case PROPOSAL_SENT -> 3;
            case JOB_DONE -> 4;
            default -> 0;
        };
    }

    private static Map<Long, Outcome> latest(List<Outcome> outcomes) {
        Map<Long, Outcome> latest = new HashMap<>();
        for (Outcome o : outcomes) {
            latest.put(o.disclosureId(), o); // oldest first: the last one wins
        }
        return latest;
    }

    private static Lead lead(Disclosure d, Outcome o) {
        Instant updated = o == null ? d.sharedAt() : o.reportedAt();
        return new Lead(
                d.id(),
                d.contractorId(),
                d.reference(),
                d.fields(),
                d.policyVersion(),
                d.sharedAt(),
                o == null ? Status.SHARED : o.status(),
                o == null ? null : o.date(),
                o == null ? "" : String.join(";", o.servicesPerformed()),
                updated);
    }
}
