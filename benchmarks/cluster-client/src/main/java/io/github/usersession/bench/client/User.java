package io.github.usersession.bench.client;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A simulated user: its own cookies, as a browser keeps them for 127.0.0.1 (cookies do not depend on the port, so one
 * jar serves both nodes), the node it last used, and the version of its bean it last saw, to tell stale answers.
 */
final class User {

    /** The cookies that name a session: a new value for one of them means the server started another session. */
    static final List<String> SESSION_COOKIES = List.of("USERSESSION", "JSESSIONID");

    final int id;
    /** The node that created its session; sticky traffic stays there. */
    final int home;
    /** The node of its last request; alternating traffic goes to the other one. */
    int last;
    /** The version of its bean the last answer showed. */
    long version = -1;
    private final Map<String, String> jar = new LinkedHashMap<>();
    /** Cookies this user keeps but never sends back (to show what happens without them). */
    private final Set<String> ignored = new HashSet<>();
    private String header = "";

    User(int id, int home) {
        this.id = id;
        this.home = home;
        this.last = home;
    }

    String cookieHeader() {
        return header;
    }

    String cookie(String name) {
        return jar.get(name);
    }

    /** From now on, never sends this cookie back. */
    void ignore(String name) {
        ignored.add(name);
        rebuild();
    }

    /** Takes the response's Set-Cookie headers; true when one of them replaced a session cookie the user had. */
    boolean take(List<String> setCookies) {
        boolean replaced = false;
        for (String setCookie : setCookies) {
            int semicolon = setCookie.indexOf(';');
            String pair = semicolon < 0 ? setCookie : setCookie.substring(0, semicolon);
            int equals = pair.indexOf('=');
            String name = pair.substring(0, equals).trim();
            String value = pair.substring(equals + 1).trim();
            String attributes = semicolon < 0 ? "" : setCookie.substring(semicolon).toLowerCase();
            if (value.isEmpty() || attributes.contains("max-age=0")) {
                jar.remove(name);
            } else {
                String previous = jar.put(name, value);
                replaced |= previous != null && !previous.equals(value) && SESSION_COOKIES.contains(name);
            }
        }
        if (!setCookies.isEmpty()) {
            rebuild();
        }
        return replaced;
    }

    private void rebuild() {
        StringBuilder text = new StringBuilder();
        jar.forEach((name, value) -> {
            if (!ignored.contains(name)) {
                text.append(text.length() == 0 ? "" : "; ").append(name).append('=').append(value);
            }
        });
        header = text.toString();
    }
}
