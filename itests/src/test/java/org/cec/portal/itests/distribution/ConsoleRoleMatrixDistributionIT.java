package org.cec.portal.itests.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, acceptance 1: every console page (Felix's own and the portal's plugins, as the admin's
 * menu lists them) × every role, and anonymous. A page answers 200 exactly where the role may open
 * it, 403 with a readable page elsewhere; anonymous requests go to the sign-in page; no page answers
 * 200 anonymously.
 */
class ConsoleRoleMatrixDistributionIT {

    private static final Pattern MENU_LINK = Pattern.compile("href=\"/system/console/([A-Za-z][A-Za-z0-9_.-]*)\"");

    /** The pages a role besides admin may open. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "staff", Set.of("requests", "contractors", "consent", "email", "privacy"),
            "analyst", Set.of("analytics"),
            "partner-manager", Set.of("bundles", "configMgr"));

    /** Pages every distribution has: the matrix is not allowed to shrink to nothing unnoticed. */
    private static final Set<String> EXPECTED = Set.of(
            "bundles",
            "configMgr",
            "components",
            "requests",
            "contractors",
            "consent",
            "email",
            "privacy",
            "analytics",
            "events",
            "staff",
            "audit");

    private static RunningPortal portal;
    private static final Map<String, String> TOKENS = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        portal = RunningPortal.start("role-matrix");
        TOKENS.put("admin", portal.adminAuthorization());
        for (String role : ALLOWED.keySet()) {
            String user = "m-" + role;
            HttpResponse<String> created = staffPost("action=create&username=" + user + "&roles=" + role);
            assertEquals(200, created.statusCode(), created.body());
            assertTrue(created.body().contains("id=\"new-password\""), created.body());
            HttpResponse<String> token = staffPost("action=create-token&username=" + user + "&label=matrix");
            Matcher m = Pattern.compile("id=\"new-token\">([^<]+)<").matcher(token.body());
            assertTrue(m.find(), token.body());
            TOKENS.put(role, "Bearer " + m.group(1).strip());
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (portal != null) {
            portal.close();
        }
    }

    private static HttpResponse<String> staffPost(String form) throws Exception {
        return portal.send(HttpRequest.newBuilder(portal.uri("/system/console/staff"))
                .header("Authorization", portal.adminAuthorization())
                .header("Origin", "http://127.0.0.1:" + portal.port)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private static HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(portal.uri(path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return portal.send(request);
    }

    /** The labels of the admin's console menu. */
    private static Set<String> labels() throws Exception {
        return labels("/system/console/bundles", TOKENS.get("admin"));
    }

    /** The labels of the console menu on {@code path} as the holder of {@code token} sees it. */
    private static Set<String> labels(String path, String token) throws Exception {
        HttpResponse<String> page = get(path, token);
        assertEquals(200, page.statusCode(), path);
        Set<String> labels = new TreeSet<>();
        Matcher m = MENU_LINK.matcher(page.body());
        while (m.find()) {
            String label = m.group(1);
            if (!label.equals("res") && !label.equals("logout") && !label.contains(".")) {
                labels.add(label);
            }
        }
        return labels;
    }

    @Test
    void everyPageAnswersEachRoleExactlyAsItsDeclarationSays() throws Exception {
        Set<String> labels = labels();
        assertTrue(labels.containsAll(EXPECTED), "the menu lists " + labels);
        List<String> wrong = new ArrayList<>();
        for (String label : labels) {
            String path = "/system/console/" + label;
            HttpResponse<String> anonymous = get(path, null);
            if (anonymous.statusCode() != 303
                    || !anonymous.headers().firstValue("Location").orElse("").startsWith("/system/sign-in")) {
                wrong.add("anonymous " + path + ": " + anonymous.statusCode());
            }
            for (Map.Entry<String, String> role : TOKENS.entrySet()) {
                boolean allowed = role.getKey().equals("admin")
                        || ALLOWED.get(role.getKey()).contains(label);
                HttpResponse<String> answer = get(path, role.getValue());
                int expected = allowed ? 200 : 403;
                if (answer.statusCode() != expected) {
                    wrong.add(role.getKey() + " " + path + ": " + answer.statusCode() + ", expected " + expected);
                } else if (!allowed && !answer.body().contains("id=\"forbidden\"")) {
                    wrong.add(role.getKey() + " " + path + ": 403 without the readable page");
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void aRoleWithoutTheConsoleRootIsSentToItsFirstPage() throws Exception {
        HttpResponse<String> root = get("/system/console/", TOKENS.get("analyst"));
        assertEquals(303, root.statusCode());
        assertEquals(
                "/system/console/analytics",
                root.headers().firstValue("Location").orElse(""));
    }

    @Test
    void aRevokedOrUnknownTokenIsRefused() throws Exception {
        HttpResponse<String> unknown = get("/system/console/bundles", "Bearer cec_nope_nope");
        assertEquals(401, unknown.statusCode());
    }

    @Test
    void healthShowsTheChecksMessagesToAnAdminsTokenOnly() throws Exception {
        Map<String, String> callers = new LinkedHashMap<>(TOKENS);
        callers.put("anonymous", null);
        callers.put("unknown token", "Bearer cec_nope_nope");
        for (Map.Entry<String, String> caller : callers.entrySet()) {
            HttpResponse<String> health = get("/health", caller.getValue());
            assertEquals(200, health.statusCode(), caller.getKey() + ": " + health.body());
            assertTrue(health.body().contains("\"name\":\"Database\""), caller.getKey() + ": " + health.body());
            boolean admin = caller.getKey().equals("admin");
            assertEquals(admin, health.body().contains("\"messages\""), caller.getKey() + ": " + health.body());
            assertEquals(admin, health.body().contains("jdbc:"), caller.getKey() + ": " + health.body());
        }
    }

    @Test
    void eachRolesMenuListsExactlyThePagesItMayOpen() throws Exception {
        Set<String> all = labels();
        for (Map.Entry<String, Set<String>> role : ALLOWED.entrySet()) {
            String first = role.getValue().iterator().next();
            Set<String> menu = labels("/system/console/" + first, TOKENS.get(role.getKey()));
            Set<String> expected = new TreeSet<>(role.getValue());
            expected.retainAll(all);
            assertEquals(expected, menu, role.getKey() + "'s menu");
        }
        assertTrue(
                labels("/system/console/requests", TOKENS.get("admin")).containsAll(EXPECTED), "the admin's is whole");
    }
}
