package org.cec.portal.intake.internal.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One service asked for by a request, with its label at the time (table {@code intake_request_service}). */
@Entity
@Table(name = "intake_request_service")
public class RequestServiceEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "request_id", nullable = false)
    private long requestId;

    @Column(name = "service_id", nullable = false, length = 64)
    private String serviceId;

    @Column(name = "service_label", nullable = false, length = 200)
    private String serviceLabel;

    protected RequestServiceEntity() {}

    public RequestServiceEntity(long requestId, String serviceId, String serviceLabel) {
        this.requestId = requestId;
        this.serviceId = serviceId;
        this.serviceLabel = serviceLabel;
    }

    public long requestId() {
        return requestId;
    }

    public String serviceId() {
        return serviceId;
    }

    public String serviceLabel() {
        return serviceLabel;
    }
}
