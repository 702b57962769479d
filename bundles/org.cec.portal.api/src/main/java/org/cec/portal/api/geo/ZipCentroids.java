package org.cec.portal.api.geo;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The five-digit US ZIP codes known to exist and the centre of each (the Census Bureau's ZIP Code
 * Tabulation Areas, internal points). The platform registers one instance; every module that needs
 * ZIP codes uses it instead of shipping its own copy.
 */
@ProviderType
public interface ZipCentroids {

    /** Whether {@code zip} is a five-digit code that exists. Anything else (null, blanks, ZIP+4) is false. */
    boolean exists(String zip);

    /** The centre of the five-digit code {@code zip}, or empty when it does not exist. */
    Optional<GeoPoint> centroid(String zip);

    /** How many codes are known. */
    int size();
}
