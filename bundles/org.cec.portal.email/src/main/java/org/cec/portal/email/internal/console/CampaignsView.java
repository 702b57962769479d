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

    /**
     * What a post leads to: a redirect with a message (the key of its text and the one argument it
     * may have, else empty), or a page (a refusal, or the form again).
     */
    record Outcome(String redirect, String message, String argument, Map<String, Object> model) {}

    static final int LIST = 50;
    private static final Logger LOG = LoggerFactory.getLogger(CampaignsView.class);

    private final Campaigns campaigns;

    CampaignsView(Campaigns campaigns) {
        this.campaigns = campaigns;
    }

    void list(Map<String, Object> model) {
        list(model, new Draft("", "", "", ""), Map.of());
    }

    private void list(Map<String, Object> model, Draft form, Map<String, Campaigns.Problem> problems) {
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
        Map<String, Object> shown = new LinkedHashMap<>();
        problems.forEach((field, problem) -> shown.put(field, text(problem)));
        model.put("problems", shown);
        model.put("blocked", blocked());
    }

    /** Why no campaign can be sent now, as the page shows it, or an empty map when one can. */
    private Map<String, Object> blocked() {
        return campaigns
                .blocked()
                .map(key -> EmailConsolePlugin.text(key, Campaigns.BLOCKED_ARGUMENT))
                .orElse(Map.of());
    }

    private static Map<String, Object> text(Campaigns.Problem problem) {
        return EmailConsolePlugin.text(problem.key(), problem.args().toArray(String[]::new));
    }

    void show(HttpServletRequest request, Map<String, Object> model) {
        Optional<Long> id = id(EmailConsolePlugin.param(request, "id"));
        if (id.isEmpty()) {
            EmailConsolePlugin.refuse(model, "console.email.refused.campaignId");
            return;
        }
        Optional<Progress> progress = campaigns.progress(id.get());
        if (progress.isEmpty()) {
            EmailConsolePlugin.refuse(
                    model, "console.email.refused.noCampaign", id.get().toString());
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
        model.put("blocked", blocked());
        // The page reloads itself while messages of the campaign are still to be queued or sent.
        model.put("live", p.campaign().status().equals("sending") || p.waiting() > 0);
    }

    Outcome post(HttpServletRequest request, String action) {
        if (action.equals("campaign-create")) {
            return create(request);
        }
        Optional<Long> id = id(EmailConsolePlugin.param(request, "id"));
        if (id.isEmpty()) {
            return refused("console.email.refused.campaignId");
        }
        Optional<Progress> found = campaigns.progress(id.get());
        if (found.isEmpty()) {
            return refused("console.email.refused.noCampaign", id.get().toString());
        }
        long campaign = id.get();
        String back = "view=campaign&id=" + campaign;
        switch (action) {
            case "campaign-test" -> {
                Optional<MailAddress> to = address(EmailConsolePlugin.param(request, "address"));
                if (to.isEmpty()) {
                    return refused("console.email.refused.address");
                }
                String language = EmailConsolePlugin.param(request, "language");
                if (!language.equals("en") && !language.equals("es")) {
                    return refused("console.email.refused.language");
                }
                try {
                    campaigns.sendTest(found.get().campaign(), to.get(), language);
                } catch (MailRefusedException e) {
                    return refused("console.email.refused.testRefused", String.valueOf(e.getMessage()));
                } catch (IllegalStateException e) {
                    return refused("console.email.refused.testFailed", String.valueOf(e.getMessage()));
                }
                LOG.info("A test of campaign {} was queued in the console", campaign);
                return new Outcome(back, "console.email.flash.testQueued", "", null);
            }
            case "campaign-send" -> {
                Optional<String> blocked = campaigns.blocked();
                if (blocked.isPresent()) {
                    return refused(blocked.get(), Campaigns.BLOCKED_ARGUMENT);
                }
                if (!campaigns.start(campaign)) {
                    return refused("console.email.refused.notDraft", Long.toString(campaign));
                }
                LOG.info("Campaign {} is being sent, started in the console", campaign);
                return new Outcome(back, "console.email.flash.sending", Long.toString(campaign), null);
            }
            default -> {
                if (!campaigns.cancel(campaign)) {
                    return refused("console.email.refused.notSending", Long.toString(campaign));
                }
                LOG.info("Campaign {} was stopped in the console", campaign);
                return new Outcome(back, "console.email.flash.stopped", Long.toString(campaign), null);
            }
        }
    }

    private Outcome create(HttpServletRequest request) {
        Draft draft = new Draft(
                EmailConsolePlugin.param(request, "subject"),
                EmailConsolePlugin.param(request, "body"),
                EmailConsolePlugin.param(request, "zipPrefix"),
                EmailConsolePlugin.param(request, "service"));
        Map<String, Campaigns.Problem> problems = Campaigns.problems(draft);
        if (!problems.isEmpty()) {
            // The form again, with what was typed and what is wrong with it.
            Map<String, Object> model = new HashMap<>();
            list(model, cut(draft), problems);
            model.put("status", HttpServletResponse.SC_BAD_REQUEST);
            Map<String, Object> message = new HashMap<>(EmailConsolePlugin.text("console.email.campaign.notSaved"));
            message.put(
                    "problems",
                    problems.values().stream().map(CampaignsView::text).toList());
            model.put("message", message);
            return new Outcome(null, null, "", model);
        }
        long id = campaigns.create(draft);
        LOG.info("Campaign {} was written in the console", id);
        return new Outcome("view=campaign&id=" + id, "console.email.flash.saved", Long.toString(id), null);
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

    /** A 400 page saying why: the key of the reason's text and its arguments. */
    private static Outcome refused(String reason, String... args) {
        return new Outcome(null, null, "", EmailConsolePlugin.refused(reason, args));
    }
}
