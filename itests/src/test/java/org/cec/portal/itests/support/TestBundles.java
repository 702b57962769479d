package org.cec.portal.itests.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Builds small bundles for the tests: a manifest with the given headers, and the given entries (SQL,
 * persistence.xml, class files of the test class path).
 *
 * <p>Written out by hand rather than with pax-tinybundles: tinybundles 3 and 4 would put a second, newer
 * tinybundles next to the one Pax Exam 4.14 builds its probe with, and the manifests here are a few
 * lines each.
 */
public final class TestBundles {

    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, byte[]> entries = new LinkedHashMap<>();

    private TestBundles(String symbolicName) {
        headers.put("Bundle-ManifestVersion", "2");
        headers.put("Bundle-SymbolicName", symbolicName);
        headers.put("Bundle-Version", "1.0.0");
    }

    /** A bundle with this symbolic name, version 1.0.0. */
    public static TestBundles bundle(String symbolicName) {
        return new TestBundles(symbolicName);
    }

    public TestBundles header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public TestBundles text(String path, String content) {
        entries.put(path, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Adds the class file of {@code type} (and of its nested and anonymous classes, by name) from the class path. */
    public TestBundles classes(Class<?>... types) {
        for (Class<?> type : types) {
            String path = type.getName().replace('.', '/') + ".class";
            entries.put(path, read(type, path));
        }
        return this;
    }

    /** A persistence.xml declaring an entity-less RESOURCE_LOCAL unit named {@code unit}. */
    public TestBundles emptyPersistenceUnit(String unit) {
        return text(
                "META-INF/persistence.xml",
                "<persistence xmlns=\"https://jakarta.ee/xml/ns/persistence\" version=\"3.0\">"
                        + "<persistence-unit name=\"" + unit + "\" transaction-type=\"RESOURCE_LOCAL\">"
                        + "<exclude-unlisted-classes>true</exclude-unlisted-classes></persistence-unit></persistence>");
    }

    public byte[] build() {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        headers.forEach(main::putValue);
        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(jar, manifest)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar.toByteArray();
    }

    private static byte[] read(Class<?> type, String path) {
        try (InputStream in = type.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is not on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
