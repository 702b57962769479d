package org.cec.portal.intake.internal.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * A partly completed request saved to finish later (table {@code intake_draft}): the SHA-256 of its
 * resume token (never the token), the form's hidden fields, when it expires and why it is kept
 * ({@code asked} or {@code preferences}).
 */
@Entity
@Table(name = "intake_draft")
public class DraftEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "token_hash", nullable = false, length = 64)
    private String tokenHash;

    @Column(name = "email", nullable = false, length = 254)
    private String email;

    @Column(name = "state", nullable = false, length = 1000000)
    private String state;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "expires_at", nullable = false)
    private OffsetDateTime expiresAt;

    @Column(name = "reason", nullable = false, length = 20)
    private String reason;

    protected DraftEntity() {}

    public DraftEntity(
            String tokenHash,
            String email,
            String state,
            OffsetDateTime createdAt,
            OffsetDateTime expiresAt,
            String reason) {
        this.tokenHash = tokenHash;
        this.email = email;
        this.state = state;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.reason = reason;
    }

    /** What was typed since the last save replaces the saved state; the draft is kept longer. */
    public void update(String newEmail, String newState, OffsetDateTime newExpiresAt) {
        this.email = newEmail;
        this.state = newState;
        this.expiresAt = newExpiresAt;
    }

    public Long id() {
        return id;
    }

    public String tokenHash() {
        return tokenHash;
    }

    public String email() {
        return email;
    }

    public String state() {
        return state;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public OffsetDateTime expiresAt() {
        return expiresAt;
    }

    public String reason() {
        return reason;
    }
}
