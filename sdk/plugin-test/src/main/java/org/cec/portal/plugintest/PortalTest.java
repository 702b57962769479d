package org.cec.portal.plugintest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class against a real CEC Portal: the distribution, copied to a folder of
 * its own, started as a separate process on a free port with an embedded H2 database and the plugin
 * under test in {@code deploy/}. The portal starts once for the class and stops after it.
 *
 * <p>Test methods (and {@code @BeforeAll} methods) declare what they need as parameters:
 *
 * <ul>
 *   <li>{@link Portal}: the running portal, its base URL and log;
 *   <li>{@link PortalClient}: a new visitor that keeps its cookies and the CSRF token of the last form;
 *   <li>{@link ConsoleCredentials}: the first admin, signed in once (new password, second factor) with
 *       an API token for the console.
 * </ul>
 *
 * <pre>{@code
 * @PortalTest
 * class MyPageIT {
 *     @Test
 *     void showsTheForm(PortalClient visitor) throws Exception {
 *         assertEquals(200, visitor.get("/partner/my-page").statusCode());
 *     }
 * }
 * }</pre>
 *
 * What it starts is read from system properties, which {@code cec-portal-plugin-parent} sets for the
 * Failsafe plugin; see {@link PortalSettings}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(PortalExtension.class)
public @interface PortalTest {}
