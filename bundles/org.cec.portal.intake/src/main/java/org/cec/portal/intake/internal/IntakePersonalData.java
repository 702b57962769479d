package org.cec.portal.intake.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cec.portal.api.privacy.PersonalDataProvider;
import org.cec.portal.api.privacy.PersonalRecord;
import org.cec.portal.intake.internal.jpa.RequestAnswerEntity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The intake module's personal data for access and erasure requests: every service request stored
 * under the person's email address, with its services and answers, and every unfinished draft. Erasure deletes the requests; the
 * console's audit rows keep only the request id (no personal data) and are kept. The {@code
 * intake.submitted} events in the platform's log are erased by the platform's own provider (area events).
 */
@Component
public final class IntakePersonalData implements PersonalDataProvider {

    private final RequestPersonalData requests;
    private final DraftStore drafts;

    @Activate
    public IntakePersonalData(@Reference RequestPersonalData requests, @Reference DraftStore drafts) {
        this.requests = requests;
        this.drafts = drafts;
    }

    @Override
    public String area() {
        return "intake";
    }

    @Override
    public List<PersonalRecord> export(String normalisedEmail) {
        List<PersonalRecord> out = new ArrayList<>();
        for (RequestRows.Detail d : requests.byEmail(normalisedEmail)) {
            RequestRows.Row r = d.row();
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("reference", r.reference());
            fields.put("status", r.status());
            fields.put("name", r.name());
            fields.put("email", r.email());
            fields.put("phone", r.phone());
            fields.put("address", r.address());
            fields.put("city", r.city());
            fields.put("zip", r.zip());
            fields.put("contact method", r.contactMethod());
            fields.put("language", r.language());
            fields.put("services", String.join(", ", r.services()));
            for (RequestAnswerEntity a : d.answers()) {
                fields.put(a.sectionTitle() + ": " + a.fieldLabel(), a.answerShown());
            }
            Instant at = r.createdAt().toInstant();
            out.add(new PersonalRecord("intake.request", at, fields));
        }
        for (DraftStore.Draft d : drafts.byEmail(normalisedEmail)) {
            Map<String, String> fields = new LinkedHashMap<>();
            d.fields().forEach((name, values) -> fields.put(name, String.join(", ", values)));
            fields.put("kept until", d.expiresAt().toString());
            // a code, in words in this bundle's texts (privacy.value.kept-because.*)
            fields.put(
                    "kept because",
                    DraftStore.PREFERENCES.equals(d.reason()) ? DraftStore.PREFERENCES : DraftStore.ASKED);
            out.add(new PersonalRecord("intake.draft", d.createdAt().toInstant(), fields));
        }
        return out;
    }

    @Override
    public int erase(String normalisedEmail) {
        return requests.erase(normalisedEmail) + drafts.erase(normalisedEmail);
    }
}
