package org.cec.portal.admin.internal.factor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QrCodesTest {

    @Test
    void drawsAnAccessibleSvgWithTheLabelEscaped() {
        String svg = QrCodes.svg("otpauth://totp/CEC:ana?secret=ABC", "Scan <this>");
        assertTrue(svg.startsWith("<svg"), svg);
        assertTrue(svg.contains("role=\"img\""), svg);
        assertTrue(svg.contains("Scan &lt;this&gt;"), svg);
        assertFalse(svg.contains("<this>"));
        assertTrue(svg.contains("<path"), svg);
    }
}
