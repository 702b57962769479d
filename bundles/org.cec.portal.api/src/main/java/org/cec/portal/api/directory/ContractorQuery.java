package org.cec.portal.api.directory;

import java.util.Objects;

/**
 * A directory search: the contractors who serve {@code zip} and are based within {@code radiusMiles}
 * of it, with optional filters, one page of them.
 *
 * @param zip an existing five-digit ZIP code
 * @param radiusMiles {@link #MIN_RADIUS} to {@link #MAX_RADIUS}
 * @param service a {@link org.cec.portal.api.intake.ServiceType} id the contractor must offer, or null
 * @param certification a certification name (ignoring case) the contractor must hold, valid today, or null
 * @param language an ISO 639-1 code of a language the contractor must speak, or null
 * @param page the page, from 1
 * @param pageSize contractors per page, 1 to {@link #MAX_PAGE_SIZE}
 */
public record ContractorQuery(
        String zip, int radiusMiles, String service, String certification, String language, int page, int pageSize) {

    /** The radius of a search that names none. */
    public static final int DEFAULT_RADIUS = 25;

    /** The smallest radius, in miles. */
    public static final int MIN_RADIUS = 1;

    /** The largest radius, in miles. */
    public static final int MAX_RADIUS = 100;

    /** Contractors per page of the public pages. */
    public static final int DEFAULT_PAGE_SIZE = 20;

    /** The largest page size. */
    public static final int MAX_PAGE_SIZE = 100;

    /** The highest page number a query may ask for. */
    public static final int MAX_PAGE = 10_000;

    public ContractorQuery {
        Objects.requireNonNull(zip, "zip");
        if (radiusMiles < MIN_RADIUS || radiusMiles > MAX_RADIUS) {
            throw new IllegalArgumentException("radius out of range");
        }
        if (page < 1 || page > MAX_PAGE) {
            throw new IllegalArgumentException("page out of range");
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page size out of range");
        }
    }

    /** The first page of contractors near {@code zip} within the default radius, without filters. */
    public static ContractorQuery near(String zip) {
        return new ContractorQuery(zip, DEFAULT_RADIUS, null, null, null, 1, DEFAULT_PAGE_SIZE);
    }

    /** The same query for the service {@code id}. */
    public ContractorQuery withService(String id) {
        return new ContractorQuery(zip, radiusMiles, id, certification, language, page, pageSize);
    }
}
