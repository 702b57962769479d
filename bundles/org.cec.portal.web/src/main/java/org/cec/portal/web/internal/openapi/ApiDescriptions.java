package org.cec.portal.web.internal.openapi;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.net.URL;
import java.util.Map;
import java.util.TreeMap;
import org.cec.portal.api.web.PortalWeb;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.Version;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The portal's OpenAPI document: the web module's base ({@code openapi/base.json}: the document's
 * frame and the shared {@code Error} schema) with the fragment of every active bundle that names one
 * in its {@link PortalWeb#OPENAPI_HEADER} header. A bundle that starts or stops changes the next
 * answer; a fragment that cannot be read is logged once, in one line, and left out.
 */
@Component(service = ApiDescriptions.class)
public final class ApiDescriptions {

    private static final Logger LOG = LoggerFactory.getLogger(ApiDescriptions.class);
    /** Larger than any description needs: a bigger resource is refused rather than read. */
    private static final int MAX_FRAGMENT_BYTES = 1 << 20;

    private static final JsonProvider JSON = JsonProvider.provider();

    private final JsonObject base;
    private final String version;
    private final BundleTracker<JsonObject> tracker;
    private byte[] document;

    @Activate
    public ApiDescriptions(BundleContext context) throws IOException {
        this.base = read(context.getBundle().getEntry("openapi/base.json"));
        Version v = context.getBundle().getVersion();
        this.version = v.getMajor() + "." + v.getMinor() + "." + v.getMicro();
        this.tracker = new BundleTracker<>(context, Bundle.ACTIVE, new BundleTrackerCustomizer<>() {
            @Override
            public JsonObject addingBundle(Bundle bundle, BundleEvent event) {
                JsonObject fragment = fragmentOf(bundle);
                if (fragment != null) {
                    changed();
                }
                return fragment;
            }

            @Override
            public void modifiedBundle(Bundle bundle, BundleEvent event, JsonObject fragment) {}

            @Override
            public void removedBundle(Bundle bundle, BundleEvent event, JsonObject fragment) {
                changed();
            }
        });
        tracker.open();
    }

    @Deactivate
    void close() {
        tracker.close();
    }

    /** The whole document as UTF-8 JSON, built once per change of the bundles (callers must not modify it). */
    public synchronized byte[] document() {
        if (document == null) {
            Map<String, JsonObject> fragments = new TreeMap<>();
            tracker.getTracked().forEach((bundle, fragment) -> fragments.put(name(bundle), fragment));
            JsonObject merged = OpenApiFragments.merge(
                    base, fragments, version, problem -> LOG.warn("OpenAPI description: {}", problem));
            StringWriter out = new StringWriter();
            try (var writer = JSON.createWriter(out)) {
                writer.write(merged);
            }
            document = out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        return document;
    }

    private synchronized void changed() {
        document = null;
    }

    private static JsonObject fragmentOf(Bundle bundle) {
        String path = bundle.getHeaders("").get(PortalWeb.OPENAPI_HEADER);
        if (path == null || path.isBlank()) {
            return null;
        }
        URL entry = bundle.getEntry(path.strip());
        if (entry == null) {
            LOG.warn(
                    "Bundle {} names {} in its {} header, which it does not contain: its API is not described",
                    name(bundle),
                    path.strip(),
                    PortalWeb.OPENAPI_HEADER);
            return null;
        }
        try {
            return read(entry);
        } catch (IOException | JsonException | ClassCastException e) {
            LOG.warn(
                    "Bundle {} names {} in its {} header, which is not a JSON object ({}): its API is not described",
                    name(bundle),
                    path.strip(),
                    PortalWeb.OPENAPI_HEADER,
                    oneLine(e));
            return null;
        }
    }

    private static JsonObject read(URL entry) throws IOException {
        try (InputStream in = entry.openStream()) {
            byte[] bytes = in.readNBytes(MAX_FRAGMENT_BYTES + 1);
            if (bytes.length > MAX_FRAGMENT_BYTES) {
                throw new IOException("larger than " + MAX_FRAGMENT_BYTES + " bytes");
            }
            try (JsonReader reader = JSON.createReader(new java.io.ByteArrayInputStream(bytes))) {
                JsonValue value = reader.readValue();
                return value.asJsonObject();
            }
        }
    }

    private static String name(Bundle bundle) {
        return bundle.getSymbolicName() == null ? "#" + bundle.getBundleId() : bundle.getSymbolicName();
    }

    private static String oneLine(Exception e) {
        String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        return message.length() > 200 ? message.substring(0, 200) + "..." : message;
    }
}
