package org.cec.portal.intake.internal.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A stored service request (table {@code intake_request}). Never leaves the intake bundle. */
@Entity
@Table(name = "intake_request")
public class RequestEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "reference", nullable = false, length = 32)
    private String reference;

    @Column(name = "status", nullable = false, length = 20)
    private String status;

    @Column(name = "source", nullable = false, length = 10)
    private String source;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Column(name = "name", nullable = false, length = 100)
    private String name;

    @Column(name = "email", nullable = false, length = 254)
    private String email;

    @Column(name = "phone", nullable = false, length = 20)
    private String phone;

    @Column(name = "city", nullable = false, length = 100)
    private String city;

    @Column(name = "zip", nullable = false, length = 10)
    private String zip;

    @Column(name = "address", nullable = false, length = 200)
    private String address;

    @Column(name = "contact_method", nullable = false, length = 10)
    private String contactMethod;

    @Column(name = "language", nullable = false, length = 8)
    private String language;

    protected RequestEntity() {}

    @SuppressWarnings("checkstyle:ParameterNumber")
    public RequestEntity(
            String reference,
            String source,
            OffsetDateTime createdAt,
            String name,
            String email,
            String phone,
            String city,
            String zip,
            String address,
            String contactMethod) {
        this.reference = reference;
        this.status = "new";
        this.source = source;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
        this.name = name;
        this.email = email;
        this.phone = phone;
        this.city = city;
        this.zip = zip;
        this.address = address;
        this.contactMethod = contactMethod;
        this.language = "en";
    }

    public long id() {
        return id;
    }

    public String reference() {
        return reference;
    }

    public String status() {
        return status;
    }

    public void changeStatus(String newStatus, OffsetDateTime at) {
        this.status = newStatus;
        this.updatedAt = at;
    }

    public String source() {
        return source;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }

    public String name() {
        return name;
    }

    public String email() {
        return email;
    }

    public String phone() {
        return phone;
    }

    public String city() {
        return city;
    }

    public String zip() {
        return zip;
    }

    public String address() {
        return address;
    }

    public String contactMethod() {
        return contactMethod;
    }

    /** The tag of the language the request was made in ({@code en}, {@code es}). */
    public String language() {
        return language;
    }

    /** Replaces the personal data by placeholders (erasure), keeping the request's existence and status. */
    public void anonymise(OffsetDateTime at) {
        this.name = "(erased)";
        this.email = "erased-" + id + "@invalid";
        this.phone = "";
        this.city = "";
        this.address = "";
        this.updatedAt = at;
    }
}
