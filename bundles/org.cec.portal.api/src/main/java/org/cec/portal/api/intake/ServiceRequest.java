package org.cec.portal.api.intake;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A submitted service request as other modules may read it: the contact fields, the services, where
 * and in which language. It holds personal data: use it for the purpose it was given for (passing it to
 * the contractors the homeowner chose), never log it.
 *
 * @param reference the request's reference, as shown to the homeowner
 * @param submittedAt when it was submitted
 * @param name the homeowner's name
 * @param email the normalised email address (trimmed, lower case)
 * @param phone the phone number as typed, or empty
 * @param address the street address, or empty
 * @param city the city, or empty
 * @param zip the five-digit ZIP code
 * @param contactMethod how the homeowner prefers to be contacted: {@code email} or {@code phone}
 * @param services the {@link ServiceType} ids asked for, in form order
 * @param language the language the request was made in ({@code en} or {@code es})
 */
public record ServiceRequest(
        String reference,
        Instant submittedAt,
        String name,
        String email,
        String phone,
        String address,
        String city,
        String zip,
        String contactMethod,
        List<String> services,
        String language) {

    public ServiceRequest {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(submittedAt, "submittedAt");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(zip, "zip");
        name = name == null ? "" : name;
        phone = phone == null ? "" : phone;
        address = address == null ? "" : address;
        city = city == null ? "" : city;
        contactMethod = contactMethod == null ? "email" : contactMethod;
        services = services == null ? List.of() : List.copyOf(services);
        language = language == null ? "en" : language;
    }
}
