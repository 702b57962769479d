package org.cec.portal.platform.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptTest {

    @Test
    void splitsAtSemicolonsOutsideQuotesCommentsAndDollarBodies() {
        String script = "-- a comment; not a statement\n"
                + "CREATE TABLE a (x VARCHAR(10) DEFAULT 'a;b');\n"
                + "/* block; comment */ INSERT INTO a VALUES ('it''s;');\n"
                + "CREATE FUNCTION f() RETURNS INT AS $$ SELECT 1; $$ LANGUAGE SQL;\n"
                + "CREATE FUNCTION g() RETURNS INT AS $body$ SELECT 2; $body$ LANGUAGE SQL\n";
        List<String> statements = SqlScript.statements(script);
        assertEquals(4, statements.size(), statements.toString());
        assertEquals("CREATE TABLE a (x VARCHAR(10) DEFAULT 'a;b')", statements.get(0));
        assertEquals("INSERT INTO a VALUES ('it''s;')", statements.get(1));
        assertEquals("CREATE FUNCTION f() RETURNS INT AS $$ SELECT 1; $$ LANGUAGE SQL", statements.get(2));
    }

    @Test
    void emptyScriptHasNoStatements() {
        assertEquals(List.of(), SqlScript.statements(" -- nothing\n;\n"));
    }
}
