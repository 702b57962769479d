package org.cec.portal.email.internal.templates;

import freemarker.cache.ClassTemplateLoader;
import freemarker.core.HTMLOutputFormat;
import freemarker.core.OutputFormat;
import freemarker.core.PlainTextOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateNotFoundException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.cec.portal.api.email.MailMessage;
import org.cec.portal.api.email.MailRefusedException;
import org.cec.portal.api.email.MailRefusedException.Reason;
import org.cec.portal.api.email.MailTemplates;
import org.cec.portal.api.email.MailTemplates.Part;
import org.cec.portal.api.i18n.Languages;
import org.cec.portal.api.i18n.Messages;
import org.cec.portal.api.i18n.Translations;
import org.cec.portal.email.internal.HtmlFragments;
import org.cec.portal.email.internal.MessageRenderer;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Renders a message's subject, plain-text and HTML parts with Freemarker. For each part, the {@link
 * MailTemplates} services of partners are asked first, highest {@code service.ranking} first (then the
 * older service first); the first that answers gives the template. Else the email module's own template
 * {@code templates/email/<type>/subject.ftl}, {@code text.ftl} or {@code html.ftlh} renders it. A type
 * without a subject and a text template is {@link Reason#UNKNOWN_TYPE unknown}; the HTML part is
 * optional.
 *
 * <p>The subject and the text are plain text (no escaping); the HTML part escapes every value
 * ({@link HTMLOutputFormat}), so a name typed as {@code <b>} arrives as text. The subject becomes a
 * single line: line breaks and runs of spaces are one space. Templates see the message's model, the
 * module's {@code extra} values, {@code language}, and {@code msg("key", args...)}, the texts of the
 * email module's {@code messages/} (for a partner's template, its own bundle's texts first) in the
 * message's language, English where one is missing. Built-in types are listed in {@link MessageTypes}.
 */
@Component(service = {MessageRenderer.class, HtmlFragments.class})
public final class FreemarkerRenderer implements MessageRenderer, HtmlFragments {

    /** The longest subject a message may have (RFC 5322's line limit). */
    static final int MAX_SUBJECT = 998;

    private static final int MAX_CACHED = 500;

    /** A partner's templates, with its ranking, id (for the order) and texts. */
    private record Partner(MailTemplates templates, int ranking, long serviceId, Messages messages) {}

    private static final Comparator<Partner> ORDER =
            Comparator.comparingInt(Partner::ranking).reversed().thenComparingLong(Partner::serviceId);

    private final Configuration text;
    private final Configuration html;
    private final Messages own;
    private final Translations translations;
    private final Object lock = new Object();
    private volatile List<Partner> partners = List.of();
    private final Map<String, Template> compiled = new ConcurrentHashMap<>();

    @Activate
    public FreemarkerRenderer(@Reference Translations translations, BundleContext context) {
        this(translations, translations.of(context.getBundle()), FreemarkerRenderer.class.getClassLoader());
    }

    /** For tests: the module's own texts and the class loader its templates come from. */
    FreemarkerRenderer(Translations translations, Messages own, ClassLoader loader) {
        this.translations = translations;
        this.own = own;
        this.text = configuration(loader, PlainTextOutputFormat.INSTANCE);
        this.html = configuration(loader, HTMLOutputFormat.INSTANCE);
    }

    private static Configuration configuration(ClassLoader loader, OutputFormat format) {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
        cfg.setTemplateLoader(new ClassTemplateLoader(loader, "/templates/email"));
        cfg.setDefaultEncoding("UTF-8");
        cfg.setOutputEncoding("UTF-8");
        cfg.setLocalizedLookup(false); // one template per type: the texts come in the message's language
        cfg.setRecognizeStandardFileExtensions(false);
        cfg.setOutputFormat(format);
        cfg.setLocale(Languages.ENGLISH);
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setLogTemplateExceptions(false);
        cfg.setWrapUncheckedExceptions(true);
        cfg.setFallbackOnNullLoopVariable(false);
        cfg.setAPIBuiltinEnabled(false);
        cfg.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        cfg.setObjectWrapper(new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_34).build());
        return cfg;
    }

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addTemplates(MailTemplates templates, ServiceReference<MailTemplates> reference) {
        Object ranking = reference.getProperty(Constants.SERVICE_RANKING);
        add(
                templates,
                ranking instanceof Integer r ? r : 0,
                (Long) reference.getProperty(Constants.SERVICE_ID),
                translations.of(reference.getBundle()));
    }

    void removeTemplates(MailTemplates templates) {
        synchronized (lock) {
            List<Partner> next = new ArrayList<>(partners);
            next.removeIf(p -> p.templates() == templates);
            partners = List.copyOf(next);
        }
        compiled.clear();
    }

    /** Adds a partner's templates (the bind method's work; for tests). */
    void add(MailTemplates templates, int ranking, long serviceId, Messages messages) {
        synchronized (lock) {
            List<Partner> next = new ArrayList<>(partners);
            next.add(new Partner(templates, ranking, serviceId, messages));
            next.sort(ORDER);
            partners = List.copyOf(next);
        }
    }

    @Override
    public Rendered render(MailMessage message, Map<String, Object> extra) {
        Locale locale = Languages.ofTag(message.language()).orElse(Languages.ENGLISH);
        Map<String, Object> model = new HashMap<>(message.model());
        model.putAll(extra);
        model.put("language", locale.getLanguage());
        String subject = render(message.type(), locale, Part.SUBJECT, model).orElseThrow(() -> unknown(message.type()));
        String body = render(message.type(), locale, Part.TEXT, model).orElseThrow(() -> unknown(message.type()));
        Optional<String> page = render(message.type(), locale, Part.HTML, model);
        return new Rendered(singleLine(message.type(), subject), plainText(body), page);
    }

    @Override
    public String fragment(String name, Map<String, Object> model) {
        StringWriter out = new StringWriter();
        try {
            html.getTemplate(name + ".ftlh").process(model, out);
        } catch (TemplateException | IOException e) {
            throw new IllegalStateException(
                    "The email module's fragment " + name + " cannot be rendered: " + e.getMessage());
        }
        return out.toString();
    }

    private Optional<String> render(String type, Locale locale, Part part, Map<String, Object> model) {
        Source source = source(type, locale.getLanguage(), part);
        if (source == null) {
            return Optional.empty();
        }
        Map<String, Object> values = new HashMap<>(model);
        values.put("msg", new TemplateTexts(source.texts(), locale));
        StringWriter out = new StringWriter();
        try {
            var env = source.template().createProcessingEnvironment(values, out);
            env.setLocale(locale);
            env.process();
        } catch (TemplateException e) {
            // The reason names the template and the expression, never a value (which may be personal data).
            throw new MailRefusedException(
                    Reason.TEMPLATE_FAILED,
                    "The " + part.name().toLowerCase(Locale.ROOT) + " template of " + type + " (" + locale.getLanguage()
                            + ") failed at line " + e.getLineNumber()
                            + (e.getBlamedExpressionString() == null ? "" : " on " + e.getBlamedExpressionString()));
        } catch (IOException e) {
            throw new MailRefusedException(
                    Reason.TEMPLATE_FAILED,
                    "The " + part.name().toLowerCase(Locale.ROOT) + " template of " + type + " could not be read");
        }
        return Optional.of(out.toString());
    }

    /** A template and the texts its {@code msg} reads, in the order asked. */
    private record Source(Template template, List<Messages> texts) {}

    private Source source(String type, String language, Part part) {
        Configuration cfg = part == Part.HTML ? html : text;
        for (Partner p : partners) {
            Optional<String> src;
            try {
                src = p.templates().template(type, language, part);
            } catch (RuntimeException e) {
                throw new MailRefusedException(
                        Reason.TEMPLATE_FAILED,
                        "The partner templates (service " + p.serviceId() + ") failed for " + type + ": " + e);
            }
            if (src != null && src.isPresent()) {
                return new Source(partnerTemplate(cfg, type, language, part, src.get()), List.of(p.messages(), own));
            }
        }
        String name = type + "/"
                + switch (part) {
                    case SUBJECT -> "subject.ftl";
                    case TEXT -> "text.ftl";
                    case HTML -> "html.ftlh";
                };
        try {
            Template builtIn = cfg.getTemplate(name, null, null, null, true, true);
            return builtIn == null ? null : new Source(builtIn, List.of(own));
        } catch (TemplateNotFoundException e) {
            return null;
        } catch (IOException e) {
            throw new MailRefusedException(
                    Reason.TEMPLATE_FAILED, "The built-in template " + name + " does not parse: " + e.getMessage());
        }
    }

    private Template partnerTemplate(Configuration cfg, String type, String language, Part part, String src) {
        String key = part + "\u0000" + src;
        Template cached = compiled.get(key);
        if (cached != null) {
            return cached;
        }
        try {
            Template t = new Template("partner:" + type + "/" + language + "/" + part, new StringReader(src), cfg);
            if (compiled.size() >= MAX_CACHED) {
                compiled.clear();
            }
            compiled.put(key, t);
            return t;
        } catch (IOException e) {
            throw new MailRefusedException(
                    Reason.TEMPLATE_FAILED,
                    "The partner's " + part.name().toLowerCase(Locale.ROOT) + " template of " + type + " (" + language
                            + ") does not parse: " + e.getMessage());
        }
    }

    private static MailRefusedException unknown(String type) {
        return new MailRefusedException(
                Reason.UNKNOWN_TYPE,
                "No template renders the message type " + type + " (a subject and a text are needed)");
    }

    /** The subject as one line: every run of white space and control characters is one space. */
    static String singleLine(String type, String subject) {
        StringBuilder sb = new StringBuilder(subject.length());
        boolean space = false;
        for (int i = 0; i < subject.length(); i++) {
            char c = subject.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                space = sb.length() > 0;
            } else {
                if (space) {
                    sb.append(' ');
                    space = false;
                }
                sb.append(c);
            }
        }
        if (sb.length() == 0) {
            throw new MailRefusedException(Reason.TEMPLATE_FAILED, "The subject template of " + type + " gave no text");
        }
        if (sb.length() > MAX_SUBJECT) {
            throw new MailRefusedException(
                    Reason.TEMPLATE_FAILED,
                    "The subject of " + type + " is longer than " + MAX_SUBJECT + " characters");
        }
        return sb.toString();
    }

    /** The text part with {@code \n} line ends, no blank lines around it, ending with one line break. */
    static String plainText(String text) {
        String lf = text.replace("\r\n", "\n").replace('\r', '\n');
        int start = 0;
        while (start < lf.length() && lf.charAt(start) == '\n') {
            start++;
        }
        return lf.substring(start).stripTrailing() + "\n";
    }
}
