package org.cec.portal.platform.internal;

import jakarta.json.spi.JsonProvider;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cec.portal.api.privacy.PersonalDataProvider;
import org.cec.portal.api.privacy.PersonalRecord;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The personal data in the platform's event log (area {@value #AREA}): the events whose payload names
 * the person's address as a JSON string, such as {@code intake.submitted} (address and name, for the
 * confirmation email). An access request lists them with their type, time and payload; an erasure
 * replaces each such payload with {@code {"erased":true}}, keeping the event's id, type and time, so that
 * consumer positions and counts stay as they are. Events that do not name the address (a choice
 * recorded by request reference only) hold nothing that leads to the person once the modules have
 * erased what links a reference to them.
 *
 * <p>The search reads the whole log (a privacy request is rare; the log has no index by person).
 */
@Component
public final class EventLogPersonalData implements PersonalDataProvider {

    static final String AREA = "events";

    /** Found once: looking the JSON-P provider up searches the bundles on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    /** The payload of an event whose personal data was erased: {@code {"erased":true}}. */
    static final String ERASED =
            JSON.createObjectBuilder().add("erased", true).build().toString();

    private final PlatformDatabase database;

    @Activate
    public EventLogPersonalData(@Reference PlatformDatabase database) {
        this.database = database;
    }

    @Override
    public String area() {
        return AREA;
    }

    @Override
    public List<PersonalRecord> export(String normalisedEmail) {
        List<PersonalRecord> out = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement select =
                        c.prepareStatement("SELECT id, type, payload, appended_at FROM platform_event"
                                + " WHERE LOWER(payload) LIKE ? ESCAPE '!' ORDER BY id")) {
            select.setString(1, pattern(normalisedEmail));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    out.add(new PersonalRecord(
                            "events." + rs.getString(2),
                            rs.getTimestamp(4).toInstant(),
                            Map.of("event", Long.toString(rs.getLong(1)), "recorded", rs.getString(3))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The event log could not be searched (SQL state " + e.getSQLState() + ")");
        }
        return out;
    }

    @Override
    public int erase(String normalisedEmail) {
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement update = c.prepareStatement(
                        "UPDATE platform_event SET payload = ? WHERE LOWER(payload) LIKE ? ESCAPE '!'")) {
            update.setString(1, ERASED);
            update.setString(2, pattern(normalisedEmail));
            int n = update.executeUpdate();
            if (!c.getAutoCommit()) {
                c.commit();
            }
            return n;
        } catch (SQLException e) {
            throw new IllegalStateException("The event log could not be erased (SQL state " + e.getSQLState() + ")");
        }
    }

    /** The address as a JSON string (quoted, escaped as JSON-P writes it) anywhere in a payload, for LIKE. */
    static String pattern(String normalisedEmail) {
        String quoted = JSON.createValue(normalisedEmail).toString();
        return "%" + quoted.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }
}
