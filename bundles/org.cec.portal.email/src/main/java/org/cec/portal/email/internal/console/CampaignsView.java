package org.cec.portal.email.internal.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.cec.portal.api.email.MailAddress;
import org.cec.portal.api.email.MailRefusedException;
import org.cec.portal.email.internal.campaigns.Campaigns;
import org.cec.portal.email.internal.campaigns.Campaigns.Draft;
import org.cec.portal.email.internal.campaigns.Campaigns.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The campaign part of the console page "Email": the list with the form for a new campaign, one
 * campaign with its preview in English and Spanish, the test and send buttons and its progress. Parses
 * what staff send and puts what the template shows into the model; {@link Campaigns} decides and stores.
 */
final class CampaignsView {

    /** What a post leads to: a redirect with a message, or a page (a refusal, or the form again). */
    record Outcome(String redirect, String message, Map<String, Object> model) {}

    static final int LIST = 50;
    private static final Logger LOG = LoggerFactory.getLogger(CampaignsView.class);

    private final Campaigns campaigns;

    CampaignsView(Campaigns campaigns) {
        this.campaigns = campaigns;
    }

    void list(Map<String, Object> model) {
        list(model, new Draft("", "", "", ""), Map.of());
    }

    private void list(Map<String, Object> model, Draft form, Map<String, String> problems) {
        model.put("view", "campaigns");
        model.put(
                "campaigns",
                campaigns.list(LIST).stream().map(CampaignsView::row).toList());
        model.put(
                "form",
                Map.of(
                        "subject", form.subject(),
                        "body", form.body(),
                        "zipPrefix", form.zipPrefix(),
                        "service", form.service()));
        model.put("problems", problems);
        model.put("blocked", campaigns.blocked().orElse(""));
    }

    void show(HttpServletRequest request, Map<String, Object> model) {
        Optional<Long> id = id(EmailConsolePlugin.param(request, "id"));
        if (id.isEmpty()) {
            EmailConsolePlugin.refuse(model, "id must be the number of a campaign.");
            return;
        }
        Optional<Progress> progress = campaigns.progress(id.get());
        if (progress.isEmpty()) {
            EmailConsolePlugin.refuse(model, "No campaign " + id.get() + ".");
            return;
        }
        Progress p = progress.get();
        model.put("view", "campaign");
        model.put("c", row(p));
        model.put("body", p.campaign().body());
        model.put(
                "previews",
                campaigns.preview(p.campaign()).stream()
                        .map(v -> Map.of(
                                "language", v.language(), "subject", v.subject(), "text", v.text(), "html", v.html()))
                        .toList());
        model.put("blocked", campaigns.blocked().orElse(""));
        // The page reloads itself while messages of the campaign are still to be queued or sent.
        model.put("live", p.campaign().status().equals("sending") || p.waiting() > 0);
    }

    Outcome post(HttpServletRequest request, String action) {
        if (action.equals("campaign-create")) {
            return create(request);
        }
        Optional<Long> id = id(EmailConsolePlugin.param(request, "id"));
        if (id.isEmpty()) {
            return refused("id must be the number of a campaign.");
        }
        Optional<Progress> found = campaigns.progress(id.get());
        if (found.isEmpty()) {
            return refused("No campaign " + id.get() + ".");
        }
        long campaign = id.get();
        String back = "view=campaign&id=" + campaign;
        switch (action) {
            case "campaign-test" -> {
                Optional<MailAddress> to = address(EmailConsolePlugin.param(request, "address"));
                if (to.isEmpty()) {
                    return refused("address must be an email address of the form name@domain, on one line.");
                }
                String language = EmailConsolePlugin.param(request, "language");
                if (!language.equals("en") && !language.equals("es")) {
                    return refused("language must be en or es.");
                }
                try {
                    campaigns.sendTest(found.get().campaign(), to.get(), language);
                } catch (MailRefusedException e) {
                    return refused("The test was not sent: " + e.getMessage() + ".");
                } catch (IllegalStateException e) {
                    return refused("The test was not sent: " + e.getMessage());
                }
                LOG.info("A test of campaign {} was queued in the console", campaign);
                return new Outcome(back, "The test is queued.", null);
            }
            case "campaign-send" -> {
                Optional<String> blocked = campaigns.blocked();
                if (blocked.isPresent()) {
                    return refused(blocked.get());
                }
                if (!campaigns.start(campaign)) {
                    return refused("Campaign " + campaign + " is not a draft: it was sent already.");
                }
                LOG.info("Campaign {} is being sent, started in the console", campaign);
                return new Outcome(back, "Campaign " + campaign + " is being sent.", null);
            }
            default -> {
                if (!campaigns.cancel(campaign)) {
                    return refused("Campaign " + campaign + " is not being sent: only such a campaign can be stopped.");
                }
                LOG.info("Campaign {} was stopped in the console", campaign);
                return new Outcome(
                        back, "Campaign " + campaign + " is stopped: no more of its messages are queued.", null);
            }
        }
    }

    private Outcome create(HttpServletRequest request) {
        Draft draft = new Draft(
                EmailConsolePlugin.param(request, "subject"),
                EmailConsolePlugin.param(request, "body"),
                EmailConsolePlugin.param(request, "zipPrefix"),
                EmailConsolePlugin.param(request, "service"));
        Map<String, String> problems = Campaigns.problems(draft);
        if (!problems.isEmpty()) {
            // The form again, with what was typed and what is wrong with it.
            Map<String, Object> model = new HashMap<>();
            list(model, cut(draft), problems);
            model.put("status", HttpServletResponse.SC_BAD_REQUEST);
            model.put("message", "The campaign was not saved: " + String.join(" ", problems.values()));
            return new Outcome(null, null, model);
        }
        long id = campaigns.create(draft);
        LOG.info("Campaign {} was written in the console", id);
        return new Outcome("view=campaign&id=" + id, "Campaign " + id + " is saved as a draft.", null);
    }

    /** What was typed, cut to a length the page shows again. */
    private static Draft cut(Draft d) {
        return new Draft(
                cut(d.subject(), 2 * Campaigns.MAX_SUBJECT),
                cut(d.body(), 2 * Campaigns.MAX_BODY),
                cut(d.zipPrefix(), 64),
                cut(d.service(), 128));
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    static Map<String, Object> row(Progress p) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", p.campaign().id());
        r.put("subject", p.campaign().subject());
        r.put("zipPrefix", p.campaign().zipPrefix());
        r.put("service", p.campaign().service());
        r.put("status", p.campaign().status());
        r.put("created", EmailConsolePlugin.time(p.campaign().createdAt()));
        r.put(
                "started",
                p.campaign().startedAt() == null
                        ? ""
                        : EmailConsolePlugin.time(p.campaign().startedAt()));
        r.put(
                "finished",
                p.campaign().finishedAt() == null
                        ? ""
                        : EmailConsolePlugin.time(p.campaign().finishedAt()));
        r.put("audience", p.audience());
        r.put("processed", p.processed());
        r.put("queued", p.queued());
        r.put("waiting", p.waiting());
        r.put("sent", p.sent());
        r.put("failed", p.failed());
        r.put("refused", p.refused());
        r.put("draft", p.campaign().status().equals("draft"));
        r.put("sending", p.campaign().status().equals("sending"));
        return r;
    }

    private static Optional<Long> id(String text) {
        return text.matches("\\d{1,18}") ? Optional.of(Long.parseLong(text)) : Optional.empty();
    }

    private static Optional<MailAddress> address(String typed) {
        return EmailConsolePlugin.normalise(typed).map(MailAddress::of);
    }

    private static Outcome refused(String reason) {
        return new Outcome(null, null, EmailConsolePlugin.refused(reason));
    }
}
