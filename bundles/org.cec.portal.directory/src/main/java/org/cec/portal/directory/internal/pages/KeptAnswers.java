package org.cec.portal.directory.internal.pages;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToIntFunction;
import org.cec.portal.api.directory.ContractorQuery;
import org.cec.portal.api.directory.SearchResult;

/**
 * What a page made of a search result (the API's JSON bytes, the page's results markup), kept beside
 * that result: a Caffeine cache whose keys are the {@link SearchResult} instances themselves, by
 * identity and weakly held. The directory answers the same search on the same snapshot of contractors
 * with the same instance (it keeps recent searches), and a change gives new instances, so what is kept
 * here is found only for an unchanged directory, and goes when the directory lets go of the result. An
 * answer is also only used for the query, language, service labels (the same map instance), day and
 * context (anything else it was made of, compared with {@code equals}; may be null) it was made for.
 * Bounded by weight ({@code maxWeight}, as the weigher counts).
 *
 * @param <V> what is kept
 */
final class KeptAnswers<V> {

    private record Made<V>(
            ContractorQuery query,
            String language,
            Map<String, String> labels,
            LocalDate today,
            Object context,
            V value) {}

    private final Cache<SearchResult, Made<V>> kept;

    /** Keeps answers up to {@code maxWeight} in all as {@code weigher} counts; 0 keeps none. */
    KeptAnswers(long maxWeight, ToIntFunction<V> weigher) {
        this.kept = maxWeight <= 0
                ? null
                : Caffeine.newBuilder()
                        .weakKeys()
                        .maximumWeight(maxWeight)
                        .<SearchResult, Made<V>>weigher((result, made) -> weigher.applyAsInt(made.value()))
                        .executor(Runnable::run)
                        .build();
    }

    /** The answer made of {@code result} for these, or null. */
    V get(
            SearchResult result,
            ContractorQuery query,
            Locale locale,
            Map<String, String> labels,
            LocalDate today,
            Object context) {
        if (kept == null) {
            return null;
        }
        Made<V> made = kept.getIfPresent(result);
        if (made == null
                || made.labels() != labels
                || !made.query().equals(query)
                || !made.language().equals(locale.getLanguage())
                || !made.today().equals(today)
                || !Objects.equals(made.context(), context)) {
            return null;
        }
        return made.value();
    }

    /** Keeps {@code value}, made of {@code result} for these. */
    void put(
            SearchResult result,
            ContractorQuery query,
            Locale locale,
            Map<String, String> labels,
            LocalDate today,
            Object context,
            V value) {
        if (kept != null) {
            kept.put(result, new Made<>(query, locale.getLanguage(), labels, today, context, value));
        }
    }
}
