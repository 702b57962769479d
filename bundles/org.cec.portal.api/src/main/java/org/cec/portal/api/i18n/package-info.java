/**
 * Languages of the partner SDK: which language a visitor reads ({@link
 * org.cec.portal.api.i18n.Languages}), and the message bundles a plugin ships its texts in ({@link
 * org.cec.portal.api.i18n.Messages}, obtained from {@link org.cec.portal.api.i18n.Translations}).
 *
 * <p>A bundle's texts live in {@code messages/messages.properties} (English, the fallback for every
 * other language) and {@code messages/messages_es.properties} (Spanish), read as UTF-8. A fragment
 * attached to the bundle may add or complete a language. Templates rendered through the {@link
 * org.cec.portal.api.web.ViewRenderer} read them as {@code ${msg("key")}}.
 *
 * <p>Every text an SDK type hands to the portal (a {@code ServiceType}'s label, an {@code
 * IntakeField}'s label and hint, a {@code NavigationItem}'s label, a validation message) may be a
 * message key written as {@code %key}, as in OSGi manifests and metatype: the portal looks it up in
 * the messages of the bundle that registered the service, in the visitor's language.
 */
@Version("1.1.0")
package org.cec.portal.api.i18n;

import org.osgi.annotation.versioning.Version;
