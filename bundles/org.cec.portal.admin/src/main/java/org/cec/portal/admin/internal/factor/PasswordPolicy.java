package org.cec.portal.admin.internal.factor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a staff password must be: 12 to 256 characters, not the account's name nor containing it, and
 * not one of the common passwords of the list shipped with this bundle ({@code
 * factor/dictionaries/passwords.txt}, the 100,000 most common passwords of nbvcxz's dictionary, MIT licence;
 * only its entries of 12 or more characters matter, and only those are kept in memory). The answer
 * is a list of message keys of the bundle's texts, empty when the password is fine.
 */
public final class PasswordPolicy {

    /** The fewest characters (code points). */
    public static final int MIN_LENGTH = 12;

    /** The most characters, so that hashing stays cheap. */
    public static final int MAX_LENGTH = 256;

    private static final String LIST = "/factor/dictionaries/passwords.txt";
    private static volatile PasswordPolicy standard;

    private final Set<String> common;

    PasswordPolicy(Set<String> common) {
        this.common = Set.copyOf(common);
    }

    /** The policy with the shipped list, loaded once. */
    public static PasswordPolicy standard() {
        PasswordPolicy p = standard;
        if (p == null) {
            synchronized (PasswordPolicy.class) {
                p = standard;
                if (p == null) {
                    p = new PasswordPolicy(load());
                    standard = p;
                }
            }
        }
        return p;
    }

    /** The problems of {@code password} for the account {@code username}, as message keys. */
    public List<String> check(String username, String password) {
        List<String> problems = new ArrayList<>();
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            problems.add("password.tooShort");
        } else if (length > MAX_LENGTH) {
            problems.add("password.tooLong");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (username != null && username.length() >= 3 && lower.contains(username.toLowerCase(Locale.ROOT))) {
            problems.add("password.containsUsername");
        }
        if (common.contains(lower)) {
            problems.add("password.common");
        }
        return problems;
    }

    private static Set<String> load() {
        Set<String> out = new HashSet<>();
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(LIST)) {
            if (in == null) {
                throw new IllegalStateException("The list of common passwords is missing from the bundle: " + LIST);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                String entry = line.strip().toLowerCase(Locale.ROOT);
                if (entry.codePointCount(0, entry.length()) >= MIN_LENGTH) {
                    out.add(entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
