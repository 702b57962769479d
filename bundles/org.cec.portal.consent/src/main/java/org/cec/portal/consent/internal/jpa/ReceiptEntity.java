package org.cec.portal.consent.internal.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One consent receipt: a visitor's choice as it was made. No IP address, no user agent. */
@Entity
@Table(name = "consent_receipt")
public class ReceiptEntity {

    @Id
    @Column(name = "receipt_id", length = 32)
    private String receiptId;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "choice", nullable = false, length = 16)
    private String choice;

    @Column(name = "source", nullable = false, length = 16)
    private String source;

    @Column(name = "preferences", nullable = false)
    private boolean preferences;

    @Column(name = "analytics", nullable = false)
    private boolean analytics;

    @Column(name = "marketing", nullable = false)
    private boolean marketing;

    @Column(name = "language", nullable = false, length = 8)
    private String language;

    @Column(name = "policy_version", nullable = false, length = 32)
    private String policyVersion;

    @Column(name = "policy_hash", nullable = false, length = 64)
    private String policyHash;

    @Column(name = "banner_hash", nullable = false, length = 64)
    private String bannerHash;

    @Column(name = "dnt", nullable = false)
    private boolean dnt;

    @Column(name = "gpc", nullable = false)
    private boolean gpc;

    protected ReceiptEntity() {}

    public ReceiptEntity(
            String receiptId,
            OffsetDateTime createdAt,
            String choice,
            String source,
            boolean preferences,
            boolean analytics,
            boolean marketing,
            String language,
            String policyVersion,
            String policyHash,
            String bannerHash,
            boolean dnt,
            boolean gpc) {
        this.receiptId = receiptId;
        this.createdAt = createdAt;
        this.choice = choice;
        this.source = source;
        this.preferences = preferences;
        this.analytics = analytics;
        this.marketing = marketing;
        this.language = language;
        this.policyVersion = policyVersion;
        this.policyHash = policyHash;
        this.bannerHash = bannerHash;
        this.dnt = dnt;
        this.gpc = gpc;
    }

    public String receiptId() {
        return receiptId;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public String choice() {
        return choice;
    }

    public String source() {
        return source;
    }

    public boolean preferences() {
        return preferences;
    }

    public boolean analytics() {
        return analytics;
    }

    public boolean marketing() {
        return marketing;
    }

    /** The language of the page the choice was made on ({@code en}, {@code es}). */
    public String language() {
        return language;
    }

    public String policyVersion() {
        return policyVersion;
    }

    public String policyHash() {
        return policyHash;
    }

    public String bannerHash() {
        return bannerHash;
    }

    public boolean dnt() {
        return dnt;
    }

    public boolean gpc() {
        return gpc;
    }
}
