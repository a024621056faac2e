package org.isms.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.isms.e2e.RunningStack.GATEWAY;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A browser's way in: /login → Keycloak's login form → back with a code → a session cookie that
 * authenticates API calls through the gateway → /logout ends it. Driven with a cookie-keeping HTTP
 * client that follows nothing by itself, so each step is checked.
 */
@ExtendWith(RunningStack.class)
class BrowserLoginE2ETest {
    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

    final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    /**
     * Cookies per host:port, kept by hand: Keycloak marks its cookies {@code Secure}, which Java's
     * CookieManager then never sends over the local stack's plain HTTP (a browser treats localhost as secure).
     */
    final Map<String, Map<String, String>> cookies = new HashMap<>();

    @Test
    void shouldLogInWithTheCodeFlowCallTheApiWithTheSessionAndLogOut() throws Exception {
        HttpResponse<String> start = get(GATEWAY + "/login");
        assertThat(start.statusCode()).as(start.body()).isEqualTo(302);
        String auth = location(start);
        assertThat(auth).startsWith(RunningStack.KEYCLOAK + "/realms/isms/protocol/openid-connect/auth");

        HttpResponse<String> page = get(auth);
        Matcher m = FORM_ACTION.matcher(page.body());
        assertThat(m.find()).as("Keycloak's login form").isTrue();
        String action = m.group(1).replace("&amp;", "&");
        HttpResponse<String> posted = send(HttpRequest.newBuilder(URI.create(action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=officer&password="
                        + URLEncoder.encode("isms-demo", StandardCharsets.UTF_8) + "&credentialId=")));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(302);
        String back = location(posted);
        assertThat(back).startsWith(GATEWAY);

        // back at the gateway: code exchanged, session cookie set, on to where the browser was going
        HttpResponse<String> r = get(back);
        for (int hops = 0; hops < 5 && (r.statusCode() == 302 || r.statusCode() == 303); hops++) {
            r = get(location(r));
        }
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("\"name\":\"officer\"").contains("\"tenant\":\"acme\"");

        // the session authenticates API calls that the gateway routes (the access token goes on)
        HttpResponse<String> risks = get(GATEWAY + "/api/risks?size=1");
        assertThat(risks.statusCode()).as(risks.body()).isEqualTo(200);
        assertThat(risks.headers().firstValue("Content-Security-Policy")).isEmpty(); // JSON, not a page

        HttpResponse<String> out = get(GATEWAY + "/logout");
        assertThat(out.statusCode()).isEqualTo(302);
        assertThat(location(out)).contains("/protocol/openid-connect/logout");
        HttpResponse<String> after = get(GATEWAY + "/api/risks?size=1");
        assertThat(after.statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> get(String url) throws Exception {
        URI uri = URI.create(url.startsWith("/") ? GATEWAY + url : url);
        return send(HttpRequest.newBuilder(uri).header("Accept", "text/html,application/json").GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        HttpRequest built = request.copy().build();
        String origin = built.uri().getHost() + ":" + built.uri().getPort();
        Map<String, String> jar = cookies.computeIfAbsent(origin, k -> new LinkedHashMap<>());
        if (!jar.isEmpty()) {
            request.header("Cookie", jar.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        HttpResponse<String> r = browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
        for (String set : r.headers().allValues("Set-Cookie")) {
            String pair = set.split(";", 2)[0];
            int eq = pair.indexOf('=');
            String name = pair.substring(0, eq).trim();
            String value = pair.substring(eq + 1).trim();
            boolean gone = value.isEmpty() || set.toLowerCase().contains("max-age=0");
            if (gone) {
                jar.remove(name);
            } else {
                jar.put(name, value);
            }
        }
        return r;
    }

    private static String location(HttpResponse<?> r) {
        return r.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location: " + r.statusCode()));
    }
}
