package org.cec.portal.email.internal.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.felix.webconsole.servlet.AbstractServlet;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.cec.portal.api.audit.AuditEntry;
import org.cec.portal.api.audit.AuditLog;
import org.cec.portal.api.email.MailAddress;
import org.cec.portal.api.staff.ConsoleRoles;
import org.cec.portal.api.staff.StaffMember;
import org.cec.portal.api.web.ConsoleViewRenderer;
import org.cec.portal.api.web.PageFragment;
import org.cec.portal.api.web.QueryString;
import org.cec.portal.email.internal.campaigns.Campaigns;
import org.cec.portal.email.internal.outbox.OutboxAdmin;
import org.cec.portal.email.internal.tracking.TrackedHtml;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Web Console page "Email" ({@code /system/console/email}): the outbox, newest first, filtered by
 * status and recipient prefix, with retry now and cancel; the suppression list with add and remove;
 * the last messages sent, rendered (the HTML part as escaped source and in an iframe sandboxed without
 * scripts); campaigns (newsletters): write, preview, send a test, send, follow the progress (the page
 * reloads itself while a campaign is being sent; {@link CampaignsView} parses and shows them). The console signs staff in and refuses cross-site posts; this servlet parses and renders,
 * {@link OutboxAdmin} stores. The page is {@code templates/email/console/email.ftlh}, which escapes
 * everything it prints. Its texts are in {@code messages/messages*.properties} ({@code console.email.*}),
 * in the staff member's language: Java hands the template message keys and their arguments, and a
 * message carried through a redirect ({@code ?message=<key>&arg=<number>}) is shown only when it is one
 * of {@link #FLASH_PLAIN} or {@link #FLASH_NUMBERED}.
 */
@Component(
        service = jakarta.servlet.Servlet.class,
        property = {
            ServletConstants.PLUGIN_LABEL + "=" + EmailConsolePlugin.LABEL,
            ServletConstants.PLUGIN_TITLE + "=Email",
            ServletConstants.PLUGIN_CATEGORY + "=CEC Portal",
            ConsoleRoles.PROPERTY + "=" + ConsoleRoles.STAFF
        })
public final class EmailConsolePlugin extends AbstractServlet {

    static final String LABEL = "email";
    static final int PAGE_SIZE = 50;
    static final int LAST_SENT = 10;
    static final int MAX_SUPPRESSIONS = 1000;
    static final int SHORT_ERROR = 120;
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(EmailConsolePlugin.class);
    private static final String TEMPLATE = "email/console/email.ftlh";
    private static final String MODEL = EmailConsolePlugin.class.getName() + ".model";
    /** The messages a redirect may carry without an argument (any other {@code message} is ignored). */
    static final Set<String> FLASH_PLAIN = Set.of(
            "console.email.flash.suppressed",
            "console.email.flash.alreadySuppressed",
            "console.email.flash.unsuppressed",
            "console.email.flash.testQueued");

    /** The messages a redirect may carry with one argument, the number of a message or a campaign. */
    static final Set<String> FLASH_NUMBERED = Set.of(
            "console.email.flash.due",
            "console.email.flash.cancelled",
            "console.email.flash.sending",
            "console.email.flash.stopped",
            "console.email.flash.saved");

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final transient OutboxAdmin outbox;
    private final transient ConsoleViewRenderer views;
    private final transient AuditLog audit;
    private final transient CampaignsView campaigns;

    @Activate
    public EmailConsolePlugin(
            @Reference OutboxAdmin outbox,
            @Reference Campaigns campaigns,
            @Reference ConsoleViewRenderer views,
            @Reference AuditLog audit) {
        this.outbox = outbox;
        this.audit = audit;
        this.views = views;
        this.campaigns = new CampaignsView(campaigns);
    }

    // ---- GET --------------------------------------------------------------------------------------

    @Override
    public void renderContent(HttpServletRequest request, HttpServletResponse response) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> model = (Map<String, Object>) request.getAttribute(MODEL);
        if (model == null) {
            model = getModel(request);
        }
        model.putIfAbsent("message", Map.of());
        model.put("root", pluginRoot(request));
        Object status = model.remove("status");
        if (status instanceof Integer code && !response.isCommitted()) {
            response.setStatus(code);
        }
        views.render(request, response, new PageFragment(TEMPLATE, model));
    }

    private Map<String, Object> getModel(HttpServletRequest request) {
        Map<String, Object> model = new HashMap<>();
        // every view lists addresses (the outbox, the suppression list, the sent mail, a campaign's audience)
        audit(request, AuditEntry.VIEW, "view=" + param(request, "view"), "");
        model.put("message", flash(param(request, "message"), param(request, "arg")));
        String view = param(request, "view");
        switch (view) {
            case "", "outbox" -> outboxView(request, model);
            case "suppression" -> suppressionView(model);
            case "sent" -> sentView(model);
            case "campaigns" -> campaigns.list(model);
            case "campaign" -> campaigns.show(request, model);
            default -> refuse(model, "console.email.refused.view");
        }
        return model;
    }

    private void outboxView(HttpServletRequest request, Map<String, Object> model) {
        String status = param(request, "status").toLowerCase(Locale.ROOT);
        String to = param(request, "to");
        model.put("view", "outbox");
        model.put("statuses", new TreeSet<>(OutboxAdmin.STATUSES));
        model.put("filter", Map.of("status", status, "to", to));
        if (!status.isEmpty() && !OutboxAdmin.STATUSES.contains(status)) {
            refuse(model, "console.email.refused.status", String.join(", ", new TreeSet<>(OutboxAdmin.STATUSES)));
            return;
        }
        if (to.length() > MailAddress.MAX_ADDRESS_LENGTH || to.chars().anyMatch(Character::isISOControl)) {
            refuse(model, "console.email.refused.to", Integer.toString(MailAddress.MAX_ADDRESS_LENGTH));
            return;
        }
        String pageText = param(request, "page");
        int page = 0;
        if (!pageText.isEmpty()) {
            if (!pageText.matches("\\d{1,6}")) {
                refuse(model, "console.email.refused.page");
                return;
            }
            page = Integer.parseInt(pageText);
        }
        Optional<String> wanted = status.isEmpty() ? Optional.empty() : Optional.of(status);
        OutboxAdmin.Page found = outbox.messages(wanted, to, page * PAGE_SIZE, PAGE_SIZE);
        int pages = (int) Math.max(1, (found.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        if (page >= pages) {
            refuse(model, "console.email.refused.pageRange", Integer.toString(pages - 1));
            return;
        }
        model.put("rows", found.messages().stream().map(EmailConsolePlugin::row).toList());
        model.put("total", found.total());
        model.put("page", page);
        model.put("pages", pages);
        String query = QueryString.of("status", status, "to", to);
        model.put("pageHref", pluginRoot(request) + "?" + (query.isEmpty() ? "" : query + "&") + "page=");
    }

    private void suppressionView(Map<String, Object> model) {
        model.put("view", "suppression");
        model.put(
                "rows",
                outbox.suppressions(MAX_SUPPRESSIONS).stream()
                        .map(s -> Map.of(
                                "address", s.address(),
                                "reason", s.reason(),
                                "bounces", s.hardBounces(),
                                "since", time(s.createdAt())))
                        .toList());
        model.put("max", MAX_SUPPRESSIONS);
    }

    private void sentView(Map<String, Object> model) {
        model.put("view", "sent");
        model.put(
                "rows",
                outbox.lastSent(LAST_SENT).stream()
                        .map(m -> {
                            Map<String, Object> r = row(m);
                            r.put("text", m.text() == null ? "" : m.text());
                            // staff looking at a message must not count as its recipient opening it
                            r.put("html", m.html() == null ? "" : TrackedHtml.withoutPixel(m.html()));
                            return r;
                        })
                        .toList());
    }

    static Map<String, Object> row(OutboxAdmin.Message m) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", m.id());
        r.put("messageId", m.messageId());
        r.put("kind", m.kind());
        r.put("type", m.type());
        r.put("status", m.status());
        r.put("recipient", m.recipient());
        r.put("subject", m.subject());
        r.put("attempts", m.attempts());
        r.put("created", time(m.createdAt()));
        r.put("next", m.status().equals("queued") ? time(m.nextAttemptAt()) : "");
        r.put("sent", m.sentAt() == null ? "" : time(m.sentAt()));
        r.put("error", shortError(m.lastError()));
        r.put("retryable", m.status().equals("queued") || m.status().equals("failed"));
        r.put("cancellable", m.status().equals("queued"));
        return r;
    }

    static String shortError(String error) {
        if (error == null) {
            return "";
        }
        return error.length() <= SHORT_ERROR ? error : error.substring(0, SHORT_ERROR - 1) + "…";
    }

    // ---- POST -------------------------------------------------------------------------------------

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String action = param(request, "action");
        switch (action) {
            case "retry", "cancel" -> change(request, response, action);
            case "suppress", "unsuppress" -> suppression(request, response, action.equals("suppress"));
            case "campaign-create", "campaign-test", "campaign-send", "campaign-cancel" -> {
                CampaignsView.Outcome outcome = campaigns.post(request, action);
                if (outcome.redirect() != null) {
                    redirect(request, response, outcome.redirect(), outcome.message(), outcome.argument());
                } else {
                    page(request, outcome.model());
                }
            }
            default -> page(request, refused("console.email.refused.action"));
        }
    }

    private void change(HttpServletRequest request, HttpServletResponse response, String action) throws IOException {
        String idText = param(request, "id");
        if (!idText.matches("\\d{1,18}")) {
            page(request, refused("console.email.refused.messageId"));
            return;
        }
        long id = Long.parseLong(idText);
        OutboxAdmin.Change change = action.equals("retry") ? outbox.retryNow(id) : outbox.cancel(id);
        audit(request, AuditEntry.CHANGE, "message " + id, action + ": " + change);
        switch (change) {
            case UNKNOWN -> page(request, refused("console.email.refused.noMessage", Long.toString(id)));
            case NOT_POSSIBLE -> page(
                    request,
                    refused(
                            action.equals("retry")
                                    ? "console.email.refused.notRetryable"
                                    : "console.email.refused.notCancellable",
                            Long.toString(id)));
            case DONE -> {
                LOG.info(
                        "Outbox message {} was {} in the console",
                        id,
                        action.equals("retry") ? "retried" : "cancelled");
                redirect(
                        request,
                        response,
                        "",
                        action.equals("retry") ? "console.email.flash.due" : "console.email.flash.cancelled",
                        Long.toString(id));
            }
        }
    }

    private void suppression(HttpServletRequest request, HttpServletResponse response, boolean add) throws IOException {
        Optional<String> address = normalise(param(request, "address"));
        if (address.isEmpty()) {
            page(request, refused("console.email.refused.address"));
            return;
        }
        if (add) {
            boolean added = outbox.suppress(address.get(), "added in the console");
            audit(request, AuditEntry.CHANGE, "suppression list", added ? "address added" : "address was listed");
            if (added) {
                LOG.info("An address was added to the suppression list in the console");
            }
            redirect(
                    request,
                    response,
                    "view=suppression",
                    added ? "console.email.flash.suppressed" : "console.email.flash.alreadySuppressed",
                    "");
        } else {
            boolean removed = outbox.unsuppress(address.get());
            audit(request, AuditEntry.CHANGE, "suppression list", removed ? "address removed" : "address not listed");
            if (!removed) {
                page(request, refused("console.email.refused.notSuppressed"));
                return;
            }
            LOG.info("An address was removed from the suppression list in the console");
            redirect(request, response, "view=suppression", "console.email.flash.unsuppressed", "");
        }
    }

    /** The address as the outbox compares it (trimmed, lower case), or empty when it is not one. */
    static Optional<String> normalise(String address) {
        try {
            return Optional.of(MailAddress.of(address).address().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException notAnAddress) {
            return Optional.empty();
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------

    /** A text of the page as the template prints it ({@code msg(t.key, t.args)}): a message key and its arguments. */
    static Map<String, Object> text(String key, String... args) {
        return Map.of("key", key, "args", List.of(args));
    }

    /**
     * The message a redirect carried, or an empty map: only a key of {@link #FLASH_PLAIN}, or of
     * {@link #FLASH_NUMBERED} with a number, is shown; anything else typed into the address is not.
     */
    static Map<String, Object> flash(String key, String argument) {
        if (FLASH_PLAIN.contains(key)) {
            return text(key);
        }
        if (FLASH_NUMBERED.contains(key) && argument.matches("\\d{1,18}")) {
            return text(key, argument);
        }
        return Map.of();
    }

    /** A 400 page saying why: the key of the reason's text and its arguments. */
    static Map<String, Object> refused(String reason, String... args) {
        Map<String, Object> model = new HashMap<>();
        refuse(model, reason, args);
        return model;
    }

    static void refuse(Map<String, Object> model, String reason, String... args) {
        model.put("view", "refused");
        model.put("reason", text(reason, args));
        model.put("status", HttpServletResponse.SC_BAD_REQUEST);
    }

    static String time(long epochMillis) {
        return TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    /** Records in the audit log what the signed-in staff member did with the email module's personal data. */
    private void audit(HttpServletRequest request, String action, String record, String detail) {
        StaffMember who = StaffMember.signedIn(request);
        audit.record(AuditEntry.by(who, "email", action, record).withDetail(detail));
    }

    private static void page(HttpServletRequest request, Map<String, Object> model) {
        request.setAttribute(MODEL, new HashMap<>(model));
    }

    /** Post/redirect/get: a reload does not post again. The message is a key of {@link #flash}, with its argument or "". */
    private static void redirect(
            HttpServletRequest request, HttpServletResponse response, String query, String message, String argument)
            throws IOException {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader(
                "Location",
                pluginRoot(request) + "?" + (query.isEmpty() ? "" : query + "&") + "message=" + encode(message)
                        + (argument.isEmpty() ? "" : "&arg=" + encode(argument)));
    }

    static String param(HttpServletRequest request, String name) {
        String v = request.getParameter(name);
        return v == null ? "" : v.strip();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String pluginRoot(HttpServletRequest request) {
        Object root = request.getAttribute(ServletConstants.ATTR_PLUGIN_ROOT);
        return root == null ? LABEL : root.toString();
    }
}
