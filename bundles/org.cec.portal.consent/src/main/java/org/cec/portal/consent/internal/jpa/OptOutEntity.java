package org.cec.portal.consent.internal.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A person's opt-out, in effect while the row exists. */
@Entity
@Table(name = "consent_opt_out")
public class OptOutEntity {

    @Id
    @Column(name = "id", length = 32)
    private String id;

    @Column(name = "email", nullable = false, length = 254)
    private String email;

    @Column(name = "kind", nullable = false, length = 32)
    private String kind;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    protected OptOutEntity() {}

    public OptOutEntity(String id, String email, String kind, OffsetDateTime createdAt) {
        this.id = id;
        this.email = email;
        this.kind = kind;
        this.createdAt = createdAt;
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

    public OffsetDateTime createdAt() {
        return createdAt;
    }
}
