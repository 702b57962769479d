package org.cec.portal.admin.internal.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import org.cec.portal.api.audit.AuditEntry;

/**
 * The hash chain of the audit log: each entry's hash is the SHA-256 of the previous entry's hash and
 * an unambiguous encoding of the entry (its seq, its time in microseconds, then each text field as
 * its UTF-8 length and bytes), so that no two different entries encode alike and a changed field,
 * a removed or inserted entry, or a reordering changes every hash after it.
 */
final class AuditChain {

    /** The previous hash of the first entry. */
    static final String GENESIS = "0".repeat(64);

    private static final byte[] VERSION = "cec-audit-v1".getBytes(StandardCharsets.US_ASCII);

    private AuditChain() {}

    /** The time an entry is stored with: databases keep microseconds. */
    static Instant stored(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    /** The hash of the entry {@code seq} recorded at {@code at}, after the entry whose hash was {@code prevHash}. */
    static String hash(String prevHash, long seq, Instant at, AuditEntry e) {
        MessageDigest sha = sha256();
        sha.update(VERSION);
        field(sha, prevHash);
        ByteBuffer numbers = ByteBuffer.allocate(16);
        numbers.putLong(seq);
        numbers.putLong(ChronoUnit.MICROS.between(Instant.EPOCH, stored(at)));
        sha.update(numbers.array());
        field(sha, e.actor());
        field(sha, e.address());
        field(sha, e.module());
        field(sha, e.action());
        field(sha, e.record());
        field(sha, e.detail());
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void field(MessageDigest sha, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        sha.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JVM has no SHA-256", e);
        }
    }
}
