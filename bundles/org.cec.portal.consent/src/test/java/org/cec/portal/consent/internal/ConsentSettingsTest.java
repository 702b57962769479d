package org.cec.portal.consent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConsentSettingsTest {

    @Test
    void theBuiltInPolicyHasHeadingsAndParagraphs() {
        List<ConsentSettings.Block> blocks = Fakes.settings("1").policyBlocks();
        assertEquals(new ConsentSettings.Block(true, "Who we are"), blocks.get(0));
        assertTrue(blocks.size() > 10, blocks.toString());
        assertTrue(blocks.stream().noneMatch(b -> b.text().contains("## ")), blocks.toString());
    }

    @Test
    void anOperatorsPolicyIsSplitOnEmptyLines() {
        ConsentSettings s = Fakes.settings("1", "## A\nfirst\nline\n\nsecond", true, true);
        assertEquals(
                List.of(
                        new ConsentSettings.Block(true, "A"),
                        new ConsentSettings.Block(false, "first line"),
                        new ConsentSettings.Block(false, "second")),
                s.policyBlocks());
    }

    @Test
    void theHashesChangeWithVersionAndText() {
        assertNotEquals(Fakes.settings("1").policyHash(), Fakes.settings("2").policyHash());
        assertNotEquals(
                Fakes.settings("1").policyHash(),
                Fakes.settings("1", "other", true, true).policyHash());
        assertEquals(64, Fakes.settings("1").bannerHash().length());
    }

    @Test
    void badSettingsAreRefusedWithTheReason() {
        assertThrows(IllegalArgumentException.class, () -> Fakes.settings("a b"));
        assertThrows(IllegalArgumentException.class, () -> Fakes.settings("v~1"));
        assertThrows(
                IllegalArgumentException.class, () -> new ConsentSettings(Fakes.config("1", "", " ", true, true, 180)));
        assertThrows(
                IllegalArgumentException.class, () -> new ConsentSettings(Fakes.config("1", "", "b", true, true, 0)));
    }
}
