package org.cec.portal.web.internal.openapi;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.cec.portal.api.web.PortalWeb;

/**
 * Merges OpenAPI fragments (objects with {@code paths} and {@code components}) into one document.
 * Pure: no OSGi, so the rules are tested on their own.
 */
final class OpenApiFragments {

    /** The component maps an OpenAPI 3.1 document has. */
    static final Set<String> COMPONENT_TYPES = Set.of(
            "schemas",
            "responses",
            "parameters",
            "examples",
            "requestBodies",
            "headers",
            "securitySchemes",
            "links",
            "callbacks",
            "pathItems");

    private static final JsonProvider JSON = JsonProvider.provider();

    private OpenApiFragments() {}

    /**
     * {@code base} with the paths and components of {@code fragments} (by the name of their bundle, in
     * the map's order) added. A path outside {@link PortalWeb#CROSS_SITE_API_PREFIX}, a path or
     * component that is there already, and a member that is not an object are left out, each told to
     * {@code problems} in one line.
     */
    static JsonObject merge(
            JsonObject base, Map<String, JsonObject> fragments, String version, Consumer<String> problems) {
        Map<String, JsonValue> paths = new LinkedHashMap<>(object(base, "paths"));
        Map<String, Map<String, JsonValue>> components = new LinkedHashMap<>();
        object(base, "components").forEach((type, map) -> components.put(type, new LinkedHashMap<>(asObject(map))));
        Map<String, String> owners = new LinkedHashMap<>();
        for (Map.Entry<String, JsonObject> fragment : fragments.entrySet()) {
            String bundle = fragment.getKey();
            object(fragment.getValue(), "paths").forEach((path, item) -> {
                if (!path.startsWith(PortalWeb.CROSS_SITE_API_PREFIX)) {
                    problems.accept(bundle + " describes " + path + ", which is not below "
                            + PortalWeb.CROSS_SITE_API_PREFIX + ": left out");
                } else if (!(item instanceof JsonObject)) {
                    problems.accept(bundle + " describes " + path + " with something that is not an object: left out");
                } else if (paths.containsKey(path)) {
                    problems.accept(bundle + " describes " + path + ", which " + owners.getOrDefault(path, "the portal")
                            + " describes already: left out");
                } else {
                    paths.put(path, item);
                    owners.put(path, bundle);
                }
            });
            object(fragment.getValue(), "components").forEach((type, map) -> {
                if (!COMPONENT_TYPES.contains(type) || !(map instanceof JsonObject)) {
                    problems.accept(
                            bundle + " has components." + type + ", which is not an OpenAPI component map: left out");
                    return;
                }
                Map<String, JsonValue> known = components.computeIfAbsent(type, t -> new LinkedHashMap<>());
                asObject(map).forEach((name, component) -> {
                    String key = type + "/" + name;
                    if (known.containsKey(name)) {
                        problems.accept(bundle + " defines components." + type + "." + name + ", which "
                                + owners.getOrDefault(key, "the portal") + " defines already: left out");
                    } else {
                        known.put(name, component);
                        owners.put(key, bundle);
                    }
                });
            });
        }
        JsonObjectBuilder document = JSON.createObjectBuilder(base);
        document.add("info", JSON.createObjectBuilder(object(base, "info")).add("version", version));
        document.add("paths", JSON.createObjectBuilder(paths));
        JsonObjectBuilder all = JSON.createObjectBuilder();
        components.forEach((type, map) -> all.add(type, JSON.createObjectBuilder(map)));
        document.add("components", all);
        return document.build();
    }

    private static Map<String, JsonValue> object(JsonObject parent, String member) {
        return asObject(parent.get(member));
    }

    private static Map<String, JsonValue> asObject(JsonValue value) {
        return value instanceof JsonObject o ? o : Map.of();
    }
}
