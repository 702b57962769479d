package org.cec.portal.intake.internal.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** Who read or changed which request's personal data, and when (table {@code intake_audit}). */
@Entity
@Table(name = "intake_audit")
public class AuditEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "happened_at", nullable = false)
    private OffsetDateTime happenedAt;

    @Column(name = "staff", nullable = false, length = 100)
    private String staff;

    @Column(name = "action", nullable = false, length = 40)
    private String action;

    @Column(name = "request_id")
    private Long requestId;

    @Column(name = "detail", nullable = false, length = 500)
    private String detail;

    protected AuditEntity() {}

    public AuditEntity(OffsetDateTime happenedAt, String staff, String action, Long requestId, String detail) {
        this.happenedAt = happenedAt;
        this.staff = staff;
        this.action = action;
        this.requestId = requestId;
        this.detail = detail;
    }

    public OffsetDateTime happenedAt() {
        return happenedAt;
    }

    public String staff() {
        return staff;
    }

    public String action() {
        return action;
    }

    public Long requestId() {
        return requestId;
    }

    public String detail() {
        return detail;
    }
}
