package org.cec.portal.consent.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cec.portal.api.privacy.PersonalDataProvider;
import org.cec.portal.api.privacy.PersonalRecord;
import org.cec.portal.consent.internal.jpa.OptInRequestEntity;
import org.cec.portal.consent.internal.jpa.OptOutEntity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * What the consent module holds about a person: their opt-outs and opt-in requests. Receipts are not
 * linked to persons (they carry a random id that only the visitor's browser knows).
 *
 * <p>Erasure deletes the opt-in requests and keeps the opt-outs: deleting an opt-out would let
 * commercial email reach the person again, which is the opposite of what they asked for.
 */
@Component(service = PersonalDataProvider.class)
public final class ConsentPersonalData implements PersonalDataProvider {

    private final ConsentRecords records;

    @Activate
    public ConsentPersonalData(@Reference ConsentRecords records) {
        this.records = records;
    }

    @Override
    public String area() {
        return ConsentRecords.MODULE;
    }

    @Override
    public List<PersonalRecord> export(String normalisedEmail) {
        List<PersonalRecord> result = new ArrayList<>();
        for (OptOutEntity o : records.optOutsOf(normalisedEmail)) {
            result.add(new PersonalRecord(
                    "consent.opt-out",
                    o.createdAt().toInstant(),
                    Map.of("email", o.email(), "opted out of", o.kind())));
        }
        for (OptInRequestEntity r : records.optInRequestsOf(normalisedEmail)) {
            result.add(new PersonalRecord(
                    "consent.opt-in-request",
                    r.requestedAt().toInstant(),
                    Map.of("email", r.email(), "wants back", r.kind(), "status", r.status())));
        }
        return result;
    }

    @Override
    public int erase(String normalisedEmail) {
        return records.eraseOptInRequests(normalisedEmail);
    }
}
