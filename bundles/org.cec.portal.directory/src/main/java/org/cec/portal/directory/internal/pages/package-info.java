/**
 * The directory's public pages: the search ({@code /contractors}), profiles ({@code
 * /contractors/{id}}), the website links ({@code /out/{id}}), the JSON API ({@code
 * /api/v1/contractors}) and the navigation entry "Find a contractor".
 */
package org.cec.portal.directory.internal.pages;
