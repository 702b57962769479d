package org.cec.portal.config.internal;

import jakarta.json.spi.JsonProvider;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.felix.fileinstall.ArtifactInstaller;
import org.apache.felix.fileinstall.ArtifactListener;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.MetaTypeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code <pid>.cfg.json} and {@code <factory pid>~<name>.cfg.json} files that FileInstall
 * finds in {@code etc/} and {@code deploy/}: a new file creates the configuration, a changed file
 * updates it, a deleted file deletes it. A file that is not valid JSON, or names a type wrongly, is
 * refused with a log message that says where, and the configuration stays as it was.
 */
@Component(service = {ArtifactInstaller.class, ArtifactListener.class})
public final class JsonConfigInstaller implements ArtifactInstaller {

    /** Property marking a configuration that came from a file, with the file's path. */
    static final String SOURCE_FILE = "cec.config.file";

    private static final Logger LOG = LoggerFactory.getLogger(JsonConfigInstaller.class);
    private static final String SUFFIX = ".cfg.json";

    private final ConfigurationAdmin configAdmin;
    private final BundleContext context;

    /** The metatype of the components, to refuse values they cannot take (absent: no such check). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile MetaTypeService metaType;

    private final JsonConfiguration files;

    @Activate
    public JsonConfigInstaller(BundleContext context, @Reference ConfigurationAdmin configAdmin) {
        this.context = context;
        this.configAdmin = configAdmin;
        this.files = new JsonConfiguration(JsonProvider.provider());
    }

    @Override
    public boolean canHandle(File artifact) {
        return artifact.getName().endsWith(SUFFIX);
    }

    @Override
    public void install(File artifact) throws Exception {
        apply(artifact);
    }

    @Override
    public void update(File artifact) throws Exception {
        apply(artifact);
    }

    @Override
    public void uninstall(File artifact) throws Exception {
        Configuration existing = find(artifact);
        if (existing != null) {
            existing.delete();
            LOG.info("Configuration {} removed with its file {}", existing.getPid(), artifact.getName());
        }
    }

    private void apply(File artifact) throws IOException, InvalidSyntaxException {
        Hashtable<String, Object> properties;
        try {
            properties = files.parse(artifact.getName(), Files.readString(artifact.toPath(), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException invalid) { // a read error goes up: FileInstall tries the file again
            LOG.error("Configuration file {} was not applied: {}", artifact, invalid.getMessage());
            return;
        }
        properties.put(SOURCE_FILE, artifact.getAbsolutePath());
        Configuration config = find(artifact);
        if (config == null) {
            String[] pid = pidOf(artifact.getName());
            config = pid[1] == null
                    ? configAdmin.getConfiguration(pid[0], "?")
                    : configAdmin.getFactoryConfiguration(pid[0], pid[1], "?");
        }
        if (sameAs(config.getProperties(), properties)) {
            return;
        }
        if (!typesFit(artifact, config, properties)) {
            return;
        }
        config.update(properties);
        LOG.info("Configuration {} applied from {}", config.getPid(), artifact.getName());
    }

    /**
     * False, with an error in the log naming the PID, the property and the type expected, when a value
     * cannot be converted to the type the component declares: the configuration then stays as it was,
     * so the component keeps working with its previous values instead of failing to activate.
     */
    private boolean typesFit(File artifact, Configuration config, Hashtable<String, Object> properties) {
        MetaTypeService types = metaType;
        if (types == null) {
            return true;
        }
        boolean factory = config.getFactoryPid() != null;
        String pid = factory ? config.getFactoryPid() : config.getPid();
        List<ConfigurationTypes.Problem> problems =
                ConfigurationTypes.check(types, context.getBundles(), pid, factory, properties);
        if (problems.isEmpty()) {
            return true;
        }
        LOG.error(
                "Configuration file {} was not applied: {}: {}; the configuration in effect stays as it was",
                artifact.getName(),
                pid,
                problems.stream().map(ConfigurationTypes.Problem::describe).collect(Collectors.joining("; ")));
        return false;
    }

    /** {pid, null} or {factory pid, name} from {@code pid.cfg.json} or {@code factoryPid~name.cfg.json}. */
    static String[] pidOf(String fileName) {
        String base = fileName.substring(0, fileName.length() - SUFFIX.length());
        int tilde = base.indexOf('~');
        return tilde < 0
                ? new String[] {base, null}
                : new String[] {base.substring(0, tilde), base.substring(tilde + 1)};
    }

    private Configuration find(File artifact) throws IOException, InvalidSyntaxException {
        String filter = "(" + SOURCE_FILE + "=" + escape(artifact.getAbsolutePath()) + ")";
        Configuration[] found = configAdmin.listConfigurations(filter);
        return found == null || found.length == 0 ? null : found[0];
    }

    private static boolean sameAs(Dictionary<String, Object> current, Hashtable<String, Object> wanted) {
        if (current == null) {
            return false;
        }
        Hashtable<String, Object> mine = new Hashtable<>();
        for (var keys = current.keys(); keys.hasMoreElements(); ) {
            String k = keys.nextElement();
            if (!k.equals(Constants.SERVICE_PID)
                    && !k.equals("service.factoryPid")
                    && !k.equals(ConfigurationAdmin.SERVICE_FACTORYPID)) {
                mine.put(k, current.get(k));
            }
        }
        if (mine.size() != wanted.size()) {
            return false;
        }
        for (var e : wanted.entrySet()) {
            Object a = mine.get(e.getKey());
            Object b = e.getValue();
            boolean equal = a != null && a.getClass().isArray() && b.getClass().isArray()
                    ? java.util.Arrays.deepEquals(new Object[] {a}, new Object[] {b})
                    : Objects.equals(a, b);
            if (!equal) {
                return false;
            }
        }
        return true;
    }

    private static String escape(String value) {
        StringBuilder sb = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '*' || c == '(' || c == ')') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
