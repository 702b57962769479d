package org.cec.portal.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InlineHashesTest {

    private static final String POLICY =
            "default-src 'self'; script-src 'self'; style-src 'self'; frame-ancestors 'none'";

    @Test
    void inlineScriptsAreAllowedByTheirHashOnly() {
        // sha256("alert(1)") in base64
        String html = "<html><script>alert(1)</script><script src=\"/x.js\"></script></html>";
        String policy = InlineHashes.policyFor(POLICY, html);
        assertTrue(policy.contains("script-src 'self' 'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"), policy);
        assertFalse(policy.contains("unsafe-inline"));
        assertTrue(policy.endsWith("frame-ancestors 'none'"), policy);
    }

    @Test
    void styleAttributesAndHandlersNeedUnsafeHashesButNeverUnsafeInline() {
        String policy = InlineHashes.policyFor(POLICY, "<div style=\"color:red\" onclick=\"go()\"></div>");
        assertTrue(policy.contains("style-src 'self' 'unsafe-hashes' 'sha256-"), policy);
        assertTrue(policy.contains("script-src 'self' 'unsafe-hashes' 'sha256-"), policy);
        assertFalse(policy.contains("unsafe-inline"));
    }

    @Test
    void aPageWithoutInlineCodeKeepsThePolicy() {
        assertEquals(POLICY, InlineHashes.policyFor(POLICY, "<p>plain</p>"));
    }
}
