/**
 * The plugin test kit: {@link org.cec.portal.plugintest.PortalTest} starts a real CEC Portal with the
 * plugin under test deployed, and gives the test the portal, visitors and console credentials.
 *
 * <p>The jar is also an OSGi bundle exporting this package, so that tests running inside a framework
 * (Pax Exam) can sign in to the console with {@link org.cec.portal.plugintest.ConsoleSignIn}.
 */
@Version("1.0.0")
package org.cec.portal.plugintest;

import org.osgi.annotation.versioning.Version;
