package io.github.usersession.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.usersession.internal.SessionId;
import io.github.usersession.internal.UserSessionConfig;
import org.junit.jupiter.api.Test;

class SessionIdCookieTest {

    static final String ID = "A".repeat(42) + "E";

    final SessionIdCookie cookie = new SessionIdCookie(UserSessionConfig.from(Map.<String, String>of()::get));

    List<String> candidates(String header) {
        List<SessionId> ids = new ArrayList<>();
        cookie.collect(header, ids);
        return ids.stream().map(SessionId::encoded).toList();
    }

    @Test
    void onlyWellFormedValuesOfOurNameAreCandidates() {
        assertEquals(List.of(ID, ID), candidates("a=b; USERSESSION=" + ID + ";USERSESSION = " + ID
                + " ; USERSESSIONX=" + ID + "; X_USERSESSION=" + ID + "; USERSESSION=" + ID + "B"));
    }

    @Test
    void aFloodOfOurCookiesYieldsAFewCandidatesOnly() {
        String flood = ("USERSESSION=" + ID + "; ").repeat(10_000);
        assertEquals(8, candidates(flood).size());
    }
}
