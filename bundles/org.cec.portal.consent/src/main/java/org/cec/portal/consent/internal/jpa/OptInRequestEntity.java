package org.cec.portal.consent.internal.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * A request to opt back in, pending until confirmed by a signed link sent to the address (sent once
 * the email module exists). While pending, the opt-out stays in effect.
 */
@Entity
@Table(name = "consent_opt_in_request")
public class OptInRequestEntity {

    /** Status of a request that waits for its confirmation. */
    public static final String PENDING = "pending";

    /** Status of a request its person confirmed: the opt-out was withdrawn. */
    public static final String CONFIRMED = "confirmed";

    @Id
    @Column(name = "id", length = 32)
    private String id;

    @Column(name = "email", nullable = false, length = 254)
    private String email;

    @Column(name = "kind", nullable = false, length = 32)
    private String kind;

    @Column(name = "requested_at", nullable = false)
    private OffsetDateTime requestedAt;

    @Column(name = "status", nullable = false, length = 16)
    private String status;

    @Column(name = "language", nullable = false, length = 8)
    private String language;

    @Column(name = "confirmed_at")
    private OffsetDateTime confirmedAt;

    protected OptInRequestEntity() {}

    public OptInRequestEntity(String id, String email, String kind, OffsetDateTime requestedAt, String language) {
        this.id = id;
        this.email = email;
        this.kind = kind;
        this.requestedAt = requestedAt;
        this.status = PENDING;
        this.language = language;
    }

    /** Asked again (the link is sent again), possibly in another language. */
    public void renew(OffsetDateTime at, String newLanguage) {
        this.requestedAt = at;
        this.language = newLanguage;
    }

    /** Confirmed by its person now. */
    public void confirm(OffsetDateTime at) {
        this.status = CONFIRMED;
        this.confirmedAt = at;
    }

    public String language() {
        return language;
    }

    public OffsetDateTime confirmedAt() {
        return confirmedAt;
    }

    public String id() {
        return id;
    }

    public String email() {
        return email;
    }

    public String kind() {
        return kind;
    }

    public OffsetDateTime requestedAt() {
        return requestedAt;
    }

    public String status() {
        return status;
    }
}
