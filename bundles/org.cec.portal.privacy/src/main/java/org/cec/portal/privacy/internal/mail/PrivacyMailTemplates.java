package org.cec.portal.privacy.internal.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.cec.portal.api.email.MailTemplates;
import org.cec.portal.privacy.internal.data.ContractorNotices;
import org.cec.portal.privacy.internal.requests.LinkSender;
import org.osgi.service.component.annotations.Component;

/**
 * The texts of the module's two messages, given to the email module as a {@link MailTemplates} service:
 * {@code privacy.my-data-link} (to the person: the link to their data) and {@code
 * privacy.contractor-erasure} (to a contractor: please delete what you received). The templates are
 * files of this bundle ({@code mail/<type>/subject.ftl}, {@code text.ftl}, {@code html.ftlh}); their
 * words are this bundle's messages, in the message's language. A partner's service with a higher
 * ranking may replace them.
 */
@Component(property = "service.ranking:Integer=-100")
public final class PrivacyMailTemplates implements MailTemplates {

    static final Set<String> TYPES = Set.of(LinkSender.TYPE, ContractorNotices.TYPE);

    @Override
    public Optional<String> template(String type, String language, Part part) {
        if (!TYPES.contains(type)) {
            return Optional.empty();
        }
        String file =
                switch (part) {
                    case SUBJECT -> "subject.ftl";
                    case TEXT -> "text.ftl";
                    case HTML -> "html.ftlh";
                };
        String path = "/mail/" + type + "/" + file;
        try (InputStream in = PrivacyMailTemplates.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("The privacy bundle lacks " + path.toLowerCase(Locale.ROOT));
            }
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
