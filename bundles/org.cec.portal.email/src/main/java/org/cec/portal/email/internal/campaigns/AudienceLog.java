package org.cec.portal.email.internal.campaigns;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.sql.Connection;
import java.time.Clock;
import java.util.Set;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.api.events.EventConsumer;
import org.cec.portal.api.events.PortalEvent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code intake.submitted} → the request's reference joins the audience campaigns may reach. Only the
 * reference is stored; the address, ZIP code, services and language are read from the intake module
 * when a campaign is sent. Reads the whole log when first seen, so everyone who made a request is known.
 */
@Component(service = EventConsumer.class)
public final class AudienceLog implements EventConsumer {

    static final String SUBMITTED = "intake.submitted";
    private static final JsonProvider JSON = JsonProvider.provider();

    private final ModuleDatabase db;
    private final CampaignStore store = new CampaignStore();
    private final Clock clock = Clock.systemUTC();

    @Activate
    public AudienceLog(@Reference(target = "(" + ModuleDatabase.MODULE_PROPERTY + "=email)") ModuleDatabase db) {
        this.db = db;
    }

    @Override
    public String consumerId() {
        return "email.campaign-audience";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(SUBMITTED);
    }

    @Override
    public StartFrom startFrom() {
        return StartFrom.BEGINNING;
    }

    @Override
    public void handle(PortalEvent event) {
        String reference = reference(event);
        db.inGroupCommit(em -> {
            store.addMember(em.unwrap(Connection.class), reference, clock.millis());
            return null;
        });
    }

    static String reference(PortalEvent event) {
        try (var reader = JSON.createReader(new StringReader(event.payload()))) {
            JsonObject o = reader.readObject();
            if (o.get("reference") instanceof JsonString s
                    && !s.getString().isBlank()
                    && s.getString().length() <= 64) {
                return s.getString();
            }
        } catch (JsonParsingException | ClassCastException | IllegalStateException e) {
            // falls through
        }
        throw new IllegalArgumentException("The payload of " + event.type() + " " + event.id() + " has no reference");
    }
}
