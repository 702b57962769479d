/**
 * Privacy rights across modules: each module that stores personal data registers a {@link
 * org.cec.portal.api.privacy.PersonalDataProvider}, through which a person's data is exported or
 * erased; a module that knows when a person was last active, or keeps something for a limited time,
 * registers a {@link org.cec.portal.api.privacy.RetentionProvider} too (since 1.1).
 */
@Version("1.1.0")
package org.cec.portal.api.privacy;

import org.osgi.annotation.versioning.Version;
