package org.cec.portal.consent.internal.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A policy version in one language with the hashes of its policy and banner texts, and when it was first used. */
@Entity
@Table(name = "consent_policy_version")
public class PolicyVersionEntity {

    @Id
    @Column(name = "id", length = 120)
    private String id;

    @Column(name = "version", nullable = false, length = 32)
    private String version;

    @Column(name = "language", nullable = false, length = 8)
    private String language;

    @Column(name = "policy_hash", nullable = false, length = 64)
    private String policyHash;

    @Column(name = "banner_hash", nullable = false, length = 64)
    private String bannerHash;

    @Column(name = "first_used_at", nullable = false)
    private OffsetDateTime firstUsedAt;

    protected PolicyVersionEntity() {}

    public PolicyVersionEntity(
            String version, String language, String policyHash, String bannerHash, OffsetDateTime firstUsedAt) {
        this.id = idOf(version, language, policyHash, bannerHash);
        this.version = version;
        this.language = language;
        this.policyHash = policyHash;
        this.bannerHash = bannerHash;
        this.firstUsedAt = firstUsedAt;
    }

    /** The key of a version with exactly these texts in that language (at most 117 characters). */
    public static String idOf(String version, String language, String policyHash, String bannerHash) {
        return version + ":" + language + ":" + policyHash.substring(0, 40) + ":" + bannerHash.substring(0, 40);
    }

    public String version() {
        return version;
    }

    /** The language of the texts' page ({@code en}, {@code es}). */
    public String language() {
        return language;
    }

    public String policyHash() {
        return policyHash;
    }

    public String bannerHash() {
        return bannerHash;
    }

    public OffsetDateTime firstUsedAt() {
        return firstUsedAt;
    }
}
