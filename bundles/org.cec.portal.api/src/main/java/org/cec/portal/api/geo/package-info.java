/**
 * Places in the United States: the centroids of five-digit ZIP codes and distances between points.
 * <ul>
 *   <li>{@link org.cec.portal.api.geo.ZipCentroids}: which ZIP codes exist and where their centre is,
 *       one shared copy of the Census ZIP Code Tabulation Areas for every module.
 *   <li>{@link org.cec.portal.api.geo.GeoPoint}: a latitude and longitude, with the great-circle
 *       distance in miles to another point.
 * </ul>
 */
@Version("1.0.0")
package org.cec.portal.api.geo;

import org.osgi.annotation.versioning.Version;
