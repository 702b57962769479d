package org.cec.portal.admin.internal.factor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecoveryCodesTest {

    @Test
    void generatesDistinctCodesOfTheDocumentedShape() {
        List<String> codes = RecoveryCodes.generate(10);
        assertEquals(10, new HashSet<>(codes).size());
        for (String code : codes) {
            assertTrue(code.matches("[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{2}"), code);
            assertTrue(RecoveryCodes.looksLikeCode(code));
        }
    }

    @Test
    void aCodeTypedWithOtherCaseSpacesOrLookAlikeLettersHashesTheSame() {
        String hash = RecoveryCodes.hash("01ab-cdef-gh");
        assertEquals(hash, RecoveryCodes.hash("OLAB CDEF GH"));
        assertEquals(hash, RecoveryCodes.hash("0iabcdefgh"));
        assertNotEquals(hash, RecoveryCodes.hash("01ab-cdef-gj"));
    }

    @Test
    void aSixDigitCodeOrGarbageIsNotARecoveryCode() {
        assertFalse(RecoveryCodes.looksLikeCode("123456"));
        assertFalse(RecoveryCodes.looksLikeCode("uuuu-uuuu-uu"), "u is not in the alphabet");
        assertFalse(RecoveryCodes.looksLikeCode(null));
    }
}
