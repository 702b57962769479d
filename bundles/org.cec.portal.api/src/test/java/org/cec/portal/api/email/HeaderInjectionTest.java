package org.cec.portal.api.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Header injection is refused by the SDK's records themselves, with a message naming the part. */
class HeaderInjectionTest {

    @ParameterizedTest
    @ValueSource(strings = {"\r\n", "\n", "\r", "\u0000", "\u001b"})
    void lineBreaksAndControlCharactersAreRefusedInEveryHeaderValue(String bad) {
        IllegalArgumentException address = assertThrows(
                IllegalArgumentException.class, () -> MailAddress.of("ana@example.org" + bad + "Bcc: x@evil.test"));
        assertTrue(address.getMessage().startsWith("The email address"), address.getMessage());
        IllegalArgumentException name = assertThrows(
                IllegalArgumentException.class,
                () -> new MailAddress("ana@example.org", "Ana" + bad + "Bcc: x@evil.test"));
        assertTrue(name.getMessage().startsWith("The recipient's name"), name.getMessage());
        IllegalArgumentException key = assertThrows(IllegalArgumentException.class, () -> MailMessage.relationship(
                        "intake.confirmation", MailAddress.of("ana@example.org"), "en")
                .key("k" + bad + "x")
                .build());
        assertTrue(key.getMessage().startsWith("The idempotency key"), key.getMessage());
        IllegalArgumentException subject = assertThrows(
                IllegalArgumentException.class, () -> outgoing("Hello" + bad + "Bcc: x@evil.test", Map.of()));
        assertTrue(subject.getMessage().startsWith("The subject"), subject.getMessage());
        IllegalArgumentException header = assertThrows(
                IllegalArgumentException.class,
                () -> outgoing("Hello", Map.of("List-Unsubscribe", "<x>" + bad + "Bcc: y")));
        assertTrue(header.getMessage().startsWith("The header List-Unsubscribe"), header.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ana", "@example.org", "ana@", "ana @example.org"})
    void anAddressMustBeOfTheFormNameAtDomain(String bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MailAddress.of(bad));
        assertEquals("The email address is not of the form name@domain", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ana Núñez", "O'Brien, Ana", ""})
    void ordinaryNamesAndSubjectsPass(String name) {
        MailAddress a = new MailAddress(" ana@example.org ", name);
        assertEquals("ana@example.org", a.address());
        assertEquals("Sus ahorros ✓", outgoing("Sus ahorros ✓", Map.of()).subject());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Intake.Confirmation", "", "a b", "x/../y"})
    void aMessageTypeIsLowerCaseDotsAndDashes(String bad) {
        assertThrows(IllegalArgumentException.class, () -> MailMessage.relationship(
                        bad, MailAddress.of("ana@example.org"), "en")
                .build());
    }

    private static OutgoingMail outgoing(String subject, Map<String, String> headers) {
        return new OutgoingMail(
                1,
                "1.x@portal",
                MessageKind.RELATIONSHIP,
                "intake.confirmation",
                MailAddress.of("ana@example.org"),
                subject,
                "text",
                Optional.empty(),
                headers,
                1);
    }
}
