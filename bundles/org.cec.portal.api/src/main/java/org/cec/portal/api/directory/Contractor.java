package org.cec.portal.api.directory;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.cec.portal.api.geo.GeoPoint;

/**
 * A contractor as the directory shows it. Instances are immutable; the collections are copies.
 *
 * @param id a stable id, 1 to 64 of {@code a-z 0-9 -}; the directory prefixes the ids of a {@link
 *     ContractorSource}'s contractors with the source id and a colon ({@code acme:123})
 * @param businessName the business name shown to homeowners
 * @param services the {@link org.cec.portal.api.intake.ServiceType} ids the contractor offers
 * @param baseZip the five-digit ZIP of its base, or null when only {@code base} is given
 * @param base where the contractor is based: given, or the centroid of {@code baseZip}
 * @param serviceRadiusMiles how far from its base it works, in miles (0 when it serves only
 *     {@code servedZips})
 * @param servedZips ZIP codes it serves whatever their distance (may be empty)
 * @param certifications its certifications, expired ones included (shown as expired)
 * @param licences its licences
 * @param insuredUntil the last day its insurance was verified to be valid, or null when unknown
 * @param languages the languages spoken, as ISO 639-1 codes such as {@code en} and {@code es}
 * @param description a short description in the contractor's words, or empty
 * @param website its website, an absolute {@code https} or {@code http} URL, or empty
 * @param phone its public business phone, or empty
 * @param email its public business email, or empty
 * @param active whether it is shown at all; an inactive contractor never appears in search
 * @param source where it comes from: {@link #BUILT_IN} (staff and imports), {@link #DEMO}, or the
 *     id of a {@link ContractorSource}
 * @param lastVerified when its details were last verified, or null
 */
public record Contractor(
        String id,
        String businessName,
        Set<String> services,
        String baseZip,
        GeoPoint base,
        double serviceRadiusMiles,
        Set<String> servedZips,
        List<Certification> certifications,
        List<Licence> licences,
        LocalDate insuredUntil,
        Set<String> languages,
        String description,
        String website,
        String phone,
        String email,
        boolean active,
        String source,
        LocalDate lastVerified) {

    /** The source of contractors that staff created or imported. */
    public static final String BUILT_IN = "built-in";

    /** The source of the fictional contractors of a demonstration installation. */
    public static final String DEMO = "demo";

    public Contractor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(businessName, "businessName");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(source, "source");
        if (!(serviceRadiusMiles >= 0)) {
            throw new IllegalArgumentException("serviceRadiusMiles must be 0 or more");
        }
        services = services == null ? Set.of() : Set.copyOf(services);
        servedZips = servedZips == null ? Set.of() : Set.copyOf(servedZips);
        certifications = certifications == null ? List.of() : List.copyOf(certifications);
        licences = licences == null ? List.of() : List.copyOf(licences);
        languages = languages == null ? Set.of() : Set.copyOf(languages);
        description = description == null ? "" : description;
        website = website == null ? "" : website;
        phone = phone == null ? "" : phone;
        email = email == null ? "" : email;
    }

    /** Whether it serves a place {@code milesAway} from its base with ZIP {@code zip}. */
    public boolean serves(String zip, double milesAway) {
        return milesAway <= serviceRadiusMiles || servedZips.contains(zip);
    }

    /** Whether it holds a certification named {@code name} (ignoring case) that is valid on {@code day}. */
    public boolean holdsValid(String name, LocalDate day) {
        for (Certification c : certifications) {
            if (c.name().equalsIgnoreCase(name) && c.validOn(day)) {
                return true;
            }
        }
        return false;
    }

    /** Whether its insurance is verified as valid on {@code day}. */
    public boolean insuredOn(LocalDate day) {
        return insuredUntil != null && !insuredUntil.isBefore(day);
    }
}
