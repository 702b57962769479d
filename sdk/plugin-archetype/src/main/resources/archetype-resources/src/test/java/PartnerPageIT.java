package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import org.cec.portal.plugintest.ConsoleCredentials;
import org.cec.portal.plugintest.Portal;
import org.cec.portal.plugintest.PortalClient;
import org.cec.portal.plugintest.PortalTest;
import org.junit.jupiter.api.Test;

/**
 * The plugin in a real portal ({@code mvn verify}): the test kit starts the distribution with this
 * plugin's jar in {@code deploy/} and waits until it is active.
 */
@PortalTest
class PartnerPageIT {

    @Test
    void thePageTakesAFirstNameAndSaysThankYou(PortalClient visitor) throws Exception {
        HttpResponse<String> page = visitor.get(PartnerPage.PATH);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Workshops near you"), page.body());

        HttpResponse<String> empty = visitor.post(PartnerPage.PATH, "name", "  ");
        assertEquals(400, empty.statusCode(), "invalid input is a 400 with the form again");
        assertTrue(empty.body().contains("Enter your first name."), empty.body());

        HttpResponse<String> done = visitor.post(PartnerPage.PATH, "name", "Ada");
        assertEquals(200, done.statusCode());
        assertTrue(done.body().contains("<span id=\"thanked\">Ada</span>"), done.body());
    }

    @Test
    void aPostWithoutTheFormsTokenNeverReachesThePage(Portal portal) throws Exception {
        HttpResponse<String> refused = portal.newVisitor()
                .send(HttpRequest.newBuilder(portal.uri(PartnerPage.PATH))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("name=Ada")));
        assertEquals(403, refused.statusCode());
    }

    @Test
    void thePageAndItsEntryAreInSpanishToo(PortalClient visitor) throws Exception {
        visitor.inLanguage(Locale.forLanguageTag("es"));
        HttpResponse<String> page = visitor.get(PartnerPage.PATH);
        assertTrue(page.body().contains("Talleres cerca de usted"), page.body());
        HttpResponse<String> home = visitor.get("/");
        assertTrue(home.body().contains("href=\"" + PartnerPage.PATH + "\""), "the navigation links the page");
        assertTrue(home.body().contains("Talleres"), home.body());
    }

    @Test
    void theQuestionsAreOnTheRequestForm(Portal portal) throws Exception {
        HttpResponse<String> services = portal.get("/api/v1/services?language=en");
        assertEquals(200, services.statusCode());
        assertTrue(services.body().contains("\"" + PartnerSection.ID + "\""), services.body());
        assertTrue(services.body().contains("Would you like an invitation to a workshop?"), services.body());
    }

    @Test
    void staffSeeWhatThePluginDoesWithData(Portal portal, ConsoleCredentials console) throws Exception {
        HttpResponse<String> consent = portal.newVisitor()
                .send(HttpRequest.newBuilder(portal.uri("/system/console/consent"))
                        .header("Authorization", console.authorization()));
        assertEquals(200, consent.statusCode());
        assertTrue(consent.body().contains("an invitation to a workshop"), consent.body());
    }
}
