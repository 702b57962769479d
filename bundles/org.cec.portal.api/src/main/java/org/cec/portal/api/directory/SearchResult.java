package org.cec.portal.api.directory;

import java.util.List;

/**
 * One page of a search's matches, nearest first (equal distances by business name, then id).
 *
 * @param matches the contractors of the page asked for; empty beyond the last page
 * @param total how many contractors match in all
 * @param page the page number
 * @param pageSize the page size asked for
 */
public record SearchResult(List<ContractorMatch> matches, int total, int page, int pageSize) {

    public SearchResult {
        matches = List.copyOf(matches);
    }

    /** How many pages the matches fill (at least 1). */
    public int pages() {
        return Math.max(1, (total + pageSize - 1) / pageSize);
    }
}
