package org.cec.portal.directory.internal.pages;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.cec.portal.api.directory.ContractorMatch;
import org.osgi.service.component.annotations.Component;

/**
 * The labels of contractor sources in each language, as searches gave them ({@link
 * ContractorMatch#sourceLabel()}), for the profile page, which reads a contractor without a search.
 * At most {@link #MAX} labels are kept.
 */
@Component(service = SourceLabels.class)
public final class SourceLabels {

    static final int MAX = 200;

    private final Map<String, String> labels = new ConcurrentHashMap<>();

    /** Notes the source label of {@code match}, given in {@code locale}. */
    public void learn(ContractorMatch match, Locale locale) {
        if (match.sourceLabel().isEmpty()) {
            return;
        }
        String key = locale.getLanguage() + ":" + match.contractor().source();
        if (labels.size() < MAX || labels.containsKey(key)) {
            labels.put(key, match.sourceLabel());
        }
    }

    /** The label of {@code source} in {@code locale}, when a search has shown one. */
    public Optional<String> label(String source, Locale locale) {
        return Optional.ofNullable(labels.get(locale.getLanguage() + ":" + source));
    }
}
