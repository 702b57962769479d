package org.cec.portal.directory.internal.choice;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.api.directory.ContractorDisclosures;
import org.cec.portal.api.directory.Disclosure;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The contractors who received a person's requests, from the directory's disclosure records. */
@Component
public final class DisclosureRecords implements ContractorDisclosures {

    private final ModuleDatabase db;

    @Activate
    public DisclosureRecords(@Reference(target = "(cec.module=directory)") ModuleDatabase db) {
        this.db = db;
    }

    @Override
    public List<Disclosure> of(String normalisedEmail) {
        return db.read(em -> {
            List<Disclosure> out = new ArrayList<>();
            for (ChoiceStore.Disclosure d :
                    new ChoiceStore(em.unwrap(Connection.class)).disclosuresTo(normalisedEmail)) {
                if (d.reference() != null) {
                    out.add(new Disclosure(d.contractorId(), d.reference(), d.sharedAt()));
                }
            }
            return out;
        });
    }
}
