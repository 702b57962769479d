/**
 * Consent of visitors and persons: may personal data be used for a {@link
 * org.cec.portal.api.consent.Purpose}? Modules ask {@link org.cec.portal.api.consent.ConsentService}
 * before they use data for anything but what is strictly necessary, and declare the purposes they
 * use with {@link org.cec.portal.api.consent.PurposeDeclaration}.
 */
@Version("1.2.0")
package org.cec.portal.api.consent;

import org.osgi.annotation.versioning.Version;
