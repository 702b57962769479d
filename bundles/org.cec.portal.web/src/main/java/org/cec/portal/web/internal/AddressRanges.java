package org.cec.portal.web.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A list of IP addresses and CIDR ranges ({@code 10.0.0.0/8}, {@code ::1}); literals only, never a DNS name. */
final class AddressRanges {

    private record Range(byte[] network, int bits) {}

    private final List<Range> ranges;

    private AddressRanges(List<Range> ranges) {
        this.ranges = ranges;
    }

    /** The ranges of {@code entries}; {@link IllegalArgumentException} naming an entry that is not one. */
    static AddressRanges of(String[] entries) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : entries) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            int slash = e.indexOf('/');
            String address = slash < 0 ? e : e.substring(0, slash);
            byte[] network = literal(address);
            if (network == null) {
                throw new IllegalArgumentException("Not an IP address or CIDR range: " + entry);
            }
            int bits;
            try {
                bits = slash < 0 ? network.length * 8 : Integer.parseInt(e.substring(slash + 1));
            } catch (NumberFormatException notANumber) {
                throw new IllegalArgumentException("Not an IP address or CIDR range: " + entry);
            }
            if (bits < 0 || bits > network.length * 8) {
                throw new IllegalArgumentException("Not an IP address or CIDR range: " + entry);
            }
            ranges.add(new Range(network, bits));
        }
        return new AddressRanges(List.copyOf(ranges));
    }

    /** Whether the literal address {@code address} (as {@code getRemoteAddr} gives it) is in one of the ranges. */
    boolean contains(String address) {
        if (ranges.isEmpty() || address == null) {
            return false;
        }
        byte[] a = literal(address);
        if (a == null) {
            return false;
        }
        for (Range r : ranges) {
            if (r.network().length == a.length && matches(r, a)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(Range r, byte[] a) {
        int full = r.bits() / 8;
        for (int i = 0; i < full; i++) {
            if (r.network()[i] != a[i]) {
                return false;
            }
        }
        int rest = r.bits() % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (r.network()[full] & mask) == (a[full] & mask);
    }

    /** Whether there is no range at all (nobody is in it). */
    boolean isEmpty() {
        return ranges.isEmpty();
    }

    /**
     * The normalized text of an IP literal ({@code [2001:db8::1]} gives {@code 2001:db8:0:0:0:0:0:1}),
     * as {@code getRemoteAddr} would give it; empty for anything else, never a DNS lookup.
     */
    static Optional<String> normalized(String address) {
        InetAddress a = address == null ? null : parse(address);
        return a == null ? Optional.empty() : Optional.of(a.getHostAddress());
    }

    /** The bytes of an IP literal, or null; never resolves a name. */
    private static byte[] literal(String address) {
        InetAddress a = parse(address);
        return a == null ? null : a.getAddress();
    }

    /** The address of an IP literal, or null; never resolves a name. */
    private static InetAddress parse(String address) {
        if (address.length() > 47) {
            return null; // longer than any IPv6 literal in brackets
        }
        String a =
                address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        if (a.isEmpty() || !a.matches("[0-9A-Fa-f:.]+")) {
            return null;
        }
        if (!a.contains(":")) {
            // IPv4: four numbers of 0 to 255; anything else would be looked up as a host name
            String[] parts = a.split("\\.", -1);
            if (parts.length != 4) {
                return null;
            }
            for (String p : parts) {
                if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > 255) {
                    return null;
                }
            }
        }
        try {
            return InetAddress.getByName(a);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
