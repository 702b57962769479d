/**
 * The contractor directory's implementation: storage and the in-memory search index, the public pages
 * and JSON API, choosing contractors and lead outcomes, and the console page "Contractors".
 */
package org.cec.portal.directory.internal;
