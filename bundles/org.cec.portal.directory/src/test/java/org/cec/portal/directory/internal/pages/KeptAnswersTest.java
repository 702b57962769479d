package org.cec.portal.directory.internal.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cec.portal.api.directory.ContractorQuery;
import org.cec.portal.api.directory.SearchResult;
import org.junit.jupiter.api.Test;

/** An answer kept beside a search result is given only for that result instance and what it was made for. */
class KeptAnswersTest {

    private static final ContractorQuery QUERY = ContractorQuery.near("94110");
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 2);
    private static final Map<String, String> LABELS = Map.of("solar", "Solar panels");

    @Test
    void anAnswerIsGivenOnlyForItsResultQueryLanguageLabelsDayAndContext() {
        KeptAnswers<String> kept = new KeptAnswers<>(1_000, String::length);
        SearchResult result = new SearchResult(List.of(), 0, 1, 20);
        kept.put(result, QUERY, Locale.ENGLISH, LABELS, TODAY, "ctx", "answer");
        assertEquals("answer", kept.get(result, QUERY, Locale.ENGLISH, LABELS, TODAY, "ctx"));

        assertNull(
                kept.get(new SearchResult(List.of(), 0, 1, 20), QUERY, Locale.ENGLISH, LABELS, TODAY, "ctx"),
                "an equal result is not the same one");
        assertNull(kept.get(result, QUERY.withService("solar"), Locale.ENGLISH, LABELS, TODAY, "ctx"));
        assertNull(kept.get(result, QUERY, Locale.forLanguageTag("es"), LABELS, TODAY, "ctx"));
        assertNull(
                kept.get(result, QUERY, Locale.ENGLISH, Map.of("solar", "Solar panels"), TODAY, "ctx"),
                "labels changed since");
        assertNull(kept.get(result, QUERY, Locale.ENGLISH, LABELS, TODAY.plusDays(1), "ctx"));
        assertNull(kept.get(result, QUERY, Locale.ENGLISH, LABELS, TODAY, "another context"));
    }

    @Test
    void nothingIsKeptWithoutRoom() {
        KeptAnswers<String> none = new KeptAnswers<>(0, String::length);
        SearchResult result = new SearchResult(List.of(), 0, 1, 20);
        none.put(result, QUERY, Locale.ENGLISH, LABELS, TODAY, "ctx", "answer");
        assertNull(none.get(result, QUERY, Locale.ENGLISH, LABELS, TODAY, "ctx"));
    }
}
