package org.cec.portal.intake.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;

/**
 * The five-digit US ZIP codes known to exist: those of {@code data/us-zip-centroids.csv} in this
 * bundle (Census ZCTAs, see the README beside it). One bit per possible code, about 12 KB.
 */
final class ZipCodes {

    private final BitSet known;

    private ZipCodes(BitSet known) {
        this.known = known;
    }

    /** Reads the CSV shipped in this bundle. */
    static ZipCodes shipped() throws IOException {
        try (InputStream in = ZipCodes.class.getResourceAsStream("/data/us-zip-centroids.csv")) {
            if (in == null) {
                throw new IOException("data/us-zip-centroids.csv is missing from the bundle");
            }
            return read(in);
        }
    }

    static ZipCodes read(InputStream csv) throws IOException {
        BitSet bits = new BitSet(100_000);
        BufferedReader reader = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8));
        String line = reader.readLine(); // header
        while ((line = reader.readLine()) != null) {
            int comma = line.indexOf(',');
            String zip = comma < 0 ? line : line.substring(0, comma);
            if (zip.length() == 5 && zip.chars().allMatch(Character::isDigit)) {
                bits.set(Integer.parseInt(zip));
            }
        }
        if (bits.cardinality() < 1000) {
            throw new IOException("The ZIP code list has only " + bits.cardinality() + " codes");
        }
        return new ZipCodes(bits);
    }

    /** Whether the five-digit code {@code zip5} exists. */
    boolean exists(String zip5) {
        return zip5.length() == 5
                && zip5.chars().allMatch(c -> c >= '0' && c <= '9')
                && known.get(Integer.parseInt(zip5));
    }

    int size() {
        return known.cardinality();
    }
}
