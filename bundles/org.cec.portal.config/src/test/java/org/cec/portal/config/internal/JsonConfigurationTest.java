package org.cec.portal.config.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Hashtable;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonConfigurationTest {

    private static final JsonConfiguration CONFIG = new JsonConfiguration(jakarta.json.spi.JsonProvider.provider());

    @Test
    void untypedValuesKeepTheirJsonType() {
        Hashtable<String, Object> p = CONFIG.parse(
                "test.cfg.json",
                """
                {
                  // the database of production
                  "url": "jdbc:postgresql://db/cec",
                  "poolSize": 10,
                  "ratio": 0.5,
                  "enabled": true,
                  "hosts": ["a", "b"],
                  /* ignored */ "nothing": null
                }""");
        assertEquals("jdbc:postgresql://db/cec", p.get("url"));
        assertEquals(10L, p.get("poolSize"));
        assertEquals(0.5, p.get("ratio"));
        assertEquals(Boolean.TRUE, p.get("enabled"));
        assertArrayEquals(new String[] {"a", "b"}, (String[]) p.get("hosts"));
        assertFalse(p.containsKey("nothing"));
    }

    @Test
    void typeHintsConvert() {
        Hashtable<String, Object> p = CONFIG.parse(
                "test.cfg.json",
                "{\"port:Integer\": 8080, \"ids:Long[]\": [1, 2], \"names:Collection<String>\": [\"x\"], \"on:Boolean\": \"true\"}");
        assertEquals(8080, p.get("port"));
        assertArrayEquals(new Long[] {1L, 2L}, (Long[]) p.get("ids"));
        assertEquals(List.of("x"), p.get("names"));
        assertEquals(Boolean.TRUE, p.get("on"));
    }

    @Test
    void invalidFilesAreRefusedWithThePlace() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> CONFIG.parse("test.cfg.json", "{\n \"a\": tru }"));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CONFIG.parse("test.cfg.json", "[1]"));
        assertThrows(IllegalArgumentException.class, () -> CONFIG.parse("test.cfg.json", "{\"a\": 1, \"a\": 2}"));
        assertThrows(
                IllegalArgumentException.class, () -> CONFIG.parse("test.cfg.json", "{\"port:Integer\": 99999999999}"));
        assertThrows(IllegalArgumentException.class, () -> CONFIG.parse("test.cfg.json", "{\"x:Nope\": 1}"));
        assertThrows(IllegalArgumentException.class, () -> CONFIG.parse("test.cfg.json", "{\"a\": 1} extra"));
        assertThrows(IllegalArgumentException.class, () -> CONFIG.parse("test.cfg.json", "{\"a\": \"unterminated}"));
        assertThrows(IllegalArgumentException.class, () -> CONFIG.parse("test.cfg.json", ""));
        assertThrows(IllegalArgumentException.class, () -> CONFIG.parse("test.cfg.json", "{\"a\": \"\\u-001\"}"));
    }

    @Test
    void fileNamesGiveThePidOrTheFactoryPidAndName() {
        assertArrayEquals(
                new String[] {"org.cec.portal.platform.database", null},
                JsonConfigInstaller.pidOf("org.cec.portal.platform.database.cfg.json"));
        assertArrayEquals(
                new String[] {"org.example.sink", "main"}, JsonConfigInstaller.pidOf("org.example.sink~main.cfg.json"));
    }
}
