/**
 * The privacy module: a person sees, downloads and erases what every module of the portal (partners'
 * plugins included) holds about them, through the registered {@link
 * org.cec.portal.api.privacy.PersonalDataProvider}s. Nothing here is exported.
 *
 * <ul>
 *   <li>{@code requests}: the privacy requests (a row without personal data) and the signed links that
 *       name them;
 *   <li>{@code data}: what every provider holds, its erasure, and the deletion requests to contractors;
 *   <li>{@code pages}: {@code /privacy/my-data} and the pages a link opens;
 *   <li>{@code mail}: the texts of the module's messages, given to the email module.
 * </ul>
 */
package org.cec.portal.privacy.internal;
