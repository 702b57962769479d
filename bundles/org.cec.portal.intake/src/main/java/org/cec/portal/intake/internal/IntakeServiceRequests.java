package org.cec.portal.intake.internal;

import java.util.List;
import java.util.Optional;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.api.intake.ServiceRequest;
import org.cec.portal.api.intake.ServiceRequests;
import org.cec.portal.intake.internal.jpa.RequestEntity;
import org.cec.portal.intake.internal.jpa.RequestServiceEntity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The SDK's {@link ServiceRequests}: a submitted request as other modules may read it (the contractor
 * directory passes it to the contractors its homeowner chose), read from intake's own tables. A request
 * that was erased is not found.
 */
@Component(service = ServiceRequests.class)
public final class IntakeServiceRequests implements ServiceRequests {

    private static final int MAX_REFERENCE_LENGTH = 32;

    private final ModuleDatabase db;

    @Activate
    public IntakeServiceRequests(@Reference(target = "(cec.module=intake)") ModuleDatabase db) {
        this.db = db;
    }

    @Override
    public Optional<ServiceRequest> find(String reference) {
        if (reference == null || reference.isEmpty() || reference.length() > MAX_REFERENCE_LENGTH) {
            return Optional.empty();
        }
        return db.read(em -> {
            List<RequestEntity> found = em.createQuery(
                            "SELECT r FROM RequestEntity r WHERE r.reference = :ref", RequestEntity.class)
                    .setParameter("ref", reference)
                    .getResultList();
            if (found.isEmpty() || erased(found.get(0))) {
                return Optional.<ServiceRequest>empty();
            }
            RequestEntity r = found.get(0);
            List<String> services = em
                    .createQuery(
                            "SELECT s FROM RequestServiceEntity s WHERE s.requestId = :id ORDER BY s.id",
                            RequestServiceEntity.class)
                    .setParameter("id", r.id())
                    .getResultList()
                    .stream()
                    .map(RequestServiceEntity::serviceId)
                    .toList();
            return Optional.of(new ServiceRequest(
                    r.reference(),
                    r.createdAt().toInstant(),
                    r.name(),
                    r.email(),
                    r.phone(),
                    r.address(),
                    r.city(),
                    r.zip(),
                    r.contactMethod(),
                    services,
                    r.language()));
        });
    }

    @Override
    public List<String> referencesOf(String normalisedEmail) {
        if (normalisedEmail == null || normalisedEmail.isEmpty()) {
            return List.of();
        }
        return db.read(em -> em.createQuery(
                        "SELECT r.reference FROM RequestEntity r WHERE r.email = :email ORDER BY r.createdAt, r.id",
                        String.class)
                .setParameter("email", normalisedEmail)
                .getResultList());
    }

    /** An anonymised request ({@link RequestEntity#anonymise}) keeps its row but no longer belongs to anyone. */
    private static boolean erased(RequestEntity r) {
        return r.email().startsWith("erased-") && r.email().endsWith("@invalid");
    }
}
