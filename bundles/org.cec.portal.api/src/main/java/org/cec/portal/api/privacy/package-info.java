/**
 * Privacy rights across modules: each module that stores personal data registers a {@link
 * org.cec.portal.api.privacy.PersonalDataProvider}, through which a person's data is exported or
 * erased.
 */
@Version("1.0.0")
package org.cec.portal.api.privacy;

import org.osgi.annotation.versioning.Version;
