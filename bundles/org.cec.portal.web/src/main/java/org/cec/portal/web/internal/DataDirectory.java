package org.cec.portal.web.internal;

import java.nio.file.Path;
import org.osgi.framework.BundleContext;

/** Where the portal keeps its data: framework property {@code cec.data.dir}, else {@code data}. */
final class DataDirectory {

    static final String PROPERTY = "cec.data.dir";

    private DataDirectory() {}

    static Path of(BundleContext context) {
        String dir = context.getProperty(PROPERTY);
        return Path.of(dir == null || dir.isBlank() ? "data" : dir).toAbsolutePath();
    }
}
