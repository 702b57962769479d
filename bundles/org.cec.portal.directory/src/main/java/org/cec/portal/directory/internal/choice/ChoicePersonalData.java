package org.cec.portal.directory.internal.choice;

import java.sql.Connection;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.api.directory.Contractor;
import org.cec.portal.api.directory.ContractorDirectory;
import org.cec.portal.api.privacy.PersonalDataProvider;
import org.cec.portal.api.privacy.PersonalRecord;
import org.cec.portal.directory.internal.choice.ChoiceStore.Disclosure;
import org.cec.portal.directory.internal.choice.ChoiceStore.Outcome;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The directory's personal data (area {@code directory}): every contractor that received the person's
 * request, which fields, when and under which policy version ({@code directory.disclosure}), and what each
 * contractor reported ({@code directory.lead-outcome}). Erasure removes the person's email address and
 * request references from the disclosures, the free texts (services performed, note) from the outcomes,
 * and their choose and lead links; what stays is anonymous (which contractor, when, which services,
 * which stage), counted in the funnel. The {@code directory.contact-requested} events in the platform's
 * log are not erased here.
 */
@Component
public final class ChoicePersonalData implements PersonalDataProvider {

    private final ModuleDatabase db;
    private final ContractorDirectory directory;

    @Activate
    public ChoicePersonalData(
            @Reference(target = "(cec.module=directory)") ModuleDatabase db, @Reference ContractorDirectory directory) {
        this.db = db;
        this.directory = directory;
    }

    @Override
    public String area() {
        return "directory";
    }

    @Override
    public List<PersonalRecord> export(String normalisedEmail) {
        return db.read(em -> {
            ChoiceStore store = new ChoiceStore(em.unwrap(Connection.class));
            List<PersonalRecord> out = new ArrayList<>();
            for (Disclosure d : store.disclosuresTo(normalisedEmail)) {
                String name = directory
                        .find(d.contractorId())
                        .map(Contractor::businessName)
                        .orElse("");
                Map<String, String> fields = new LinkedHashMap<>();
                fields.put("request", d.reference());
                fields.put("contractor", d.contractorId());
                fields.put("contractor name", name);
                fields.put("fields shared", String.join(", ", d.fields()));
                fields.put("shared at", d.sharedAt().toString());
                fields.put("policy version", d.policyVersion());
                out.add(new PersonalRecord("directory.disclosure", d.sharedAt(), fields));
                for (Outcome o : store.outcomesOf(d.id())) {
                    Map<String, String> reported = new LinkedHashMap<>();
                    reported.put("request", d.reference());
                    reported.put("contractor", d.contractorId());
                    reported.put("status", o.status().value());
                    reported.put("date", o.date().toString());
                    reported.put("services performed", String.join(", ", o.servicesPerformed()));
                    reported.put("note", o.note() == null ? "" : o.note());
                    out.add(new PersonalRecord("directory.lead-outcome", o.reportedAt(), reported));
                }
            }
            return out;
        });
    }

    @Override
    public int erase(String normalisedEmail) {
        return db.inTransaction(em ->
                new ChoiceStore(em.unwrap(Connection.class)).erase(normalisedEmail, LocalDate.now(ZoneOffset.UTC)));
    }
}
