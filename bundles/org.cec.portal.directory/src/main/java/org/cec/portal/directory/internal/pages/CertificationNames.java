package org.cec.portal.directory.internal.pages;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.cec.portal.api.directory.Certification;
import org.cec.portal.api.directory.Contractor;
import org.osgi.service.component.annotations.Component;

/**
 * The certification names the search form offers: the names of the certifications held by the
 * contractors the pages have shown (results and profiles), at most {@link #MAX} of them, each spelled
 * as first seen. The directory's SDK has no list of every name, and the form only needs the ones
 * homeowners meet; the {@code cert} parameter accepts any name.
 */
@Component(service = CertificationNames.class)
public final class CertificationNames {

    /** Most names kept. */
    static final int MAX = 100;

    private final Map<String, String> byLowerCase = new ConcurrentHashMap<>();
    /** Spellings looked at already (at most {@code 4 * MAX}): every result shown asks again, mostly the same. */
    private final Map<String, Boolean> seen = new ConcurrentHashMap<>();

    private volatile List<String> sorted = List.of();

    /** Notes the certification names of {@code contractor}. */
    public void learn(Contractor contractor) {
        for (Certification c : contractor.certifications()) {
            if (seen.containsKey(c.name())) {
                continue;
            }
            if (seen.size() < 4 * MAX) {
                seen.put(c.name(), Boolean.TRUE);
            }
            String key = c.name().toLowerCase(Locale.ROOT);
            if (!byLowerCase.containsKey(key)
                    && byLowerCase.size() < MAX
                    && c.name().length() <= SearchForm.MAX_VALUE) {
                if (byLowerCase.putIfAbsent(key, c.name().strip()) == null) {
                    List<String> names = new ArrayList<>(byLowerCase.values());
                    names.sort(String.CASE_INSENSITIVE_ORDER);
                    sorted = List.copyOf(names);
                }
            }
        }
    }

    /** The names known, sorted ignoring case. */
    public List<String> names() {
        return sorted;
    }
}
