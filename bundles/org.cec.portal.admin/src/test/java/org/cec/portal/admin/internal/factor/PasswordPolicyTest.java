package org.cec.portal.admin.internal.factor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private final PasswordPolicy policy = PasswordPolicy.standard();

    @Test
    void aLongUncommonPasswordPasses() {
        assertEquals(List.of(), policy.check("ana", "violet-kettle-harbour-47"));
    }

    @Test
    void tooShortTooLongContainingTheNameOrCommonIsRefused() {
        assertEquals(List.of("password.tooShort"), policy.check("ana", "x7#kettle"));
        assertEquals(List.of("password.tooLong"), policy.check("ana", "k".repeat(257)));
        assertEquals(List.of("password.containsUsername"), policy.check("bernardo", "my-Bernardo-kettle-47"));
        // from the shipped list of common passwords, whatever the case
        assertEquals(List.of("password.common"), policy.check("ana", "Password1234"));
    }

    @Test
    void lengthCountsCharactersNotUtf16Units() {
        assertEquals(List.of("password.tooShort"), policy.check("ana", "😀😀😀😀😀😀"));
        assertEquals(List.of(), policy.check("ana", "😀😀😀😀😀😀😀😀😀😀😀😀"));
    }
}
