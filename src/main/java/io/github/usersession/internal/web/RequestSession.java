package io.github.usersession.internal.web;

import java.security.Principal;
import java.util.List;

import io.github.usersession.internal.SessionChannel;
import io.github.usersession.internal.SessionId;
import io.github.usersession.internal.SessionRegistry;
import io.github.usersession.internal.StoredSession;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * One request's side of its session: finds the session its cookie or header names, and makes every change of session
 * reach the client in this response, once, or not happen.
 */
// A change is written to the response at once. A server may drop it (Undertow ignores headers set inside an include,
// and resets them before its error page), so the header is checked, written again before the response commits and
// at each later dispatch, and a session that its client could never learn of is ended when the request is destroyed.
public final class RequestSession implements SessionChannel {

    /** Carries the changes of a request to its later dispatches (error, async) and to the end-of-request check. */
    private static final String ATTRIBUTE = RequestSession.class.getName();
    /** Set once the request's ID was rejected, so that a later dispatch does not report it again. */
    private static final String REJECTED = ATTRIBUTE + ".rejected";

    private final SessionRegistry registry;
    private final SessionIdTransports transports;
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    /** How the client learns of changes; chosen at the first change. */
    private SessionIdTransport reply;
    /** A session this request created or renewed, which its cookie does not name; null when there is none. */
    private StoredSession issued;
    /** The header value the client must get (Set-Cookie, or the API header's), or null when nothing changed. */
    private String header;
    private boolean created;
    private StoredSession renamedSession;
    /** The version of the shared record the client last saw, -1 until read: see {@link RecordVersionCookie}. */
    private long knownVersion = -1;

    private RequestSession(SessionRegistry registry, SessionIdTransports transports, HttpServletRequest request,
            HttpServletResponse response) {
        this.registry = registry;
        this.transports = transports;
        this.request = request;
        this.response = response;
    }

    /** The request's side for a dispatch, with the changes an earlier dispatch of the same request made. */
    static RequestSession open(SessionRegistry registry, SessionIdTransports transports, HttpServletRequest request,
            HttpServletResponse response) {
        RequestSession opened = new RequestSession(registry, transports, request, response);
        // No attribute is set unless the session changes: one attribute write less on most requests.
        if (request.getAttribute(ATTRIBUTE) instanceof RequestSession earlier && earlier.header != null) {
            opened.issued = earlier.issued;
            opened.header = earlier.header;
            opened.reply = earlier.reply;
            opened.created = earlier.created;
            request.setAttribute(ATTRIBUTE, opened);
            // An error page may have reset the headers of the failed dispatch.
            opened.deliver();
        }
        return opened;
    }

    @Override
    public StoredSession find() {
        if (issued != null) {
            return registry.enter(issued) ? issued : null;
        }
        if (header != null) {
            return null; // ended by an earlier dispatch of this request
        }
        List<SessionId> ids = transports.candidates(request);
        for (SessionId id : ids) {
            StoredSession found = registry.find(id, knownVersion());
            if (found != null) {
                return found;
            }
            if (renamedSession == null) {
                renamedSession = registry.renamedSession(id);
            }
        }
        if (!ids.isEmpty() && request.getAttribute(REJECTED) == null) {
            request.setAttribute(REJECTED, Boolean.TRUE);
            registry.rejectedIds().rejected(request.getRemoteAddr(), request.getRequestURI());
        }
        return null;
    }

    /**
     * The version cookie, or null when the store uses none or this request's client is answered in the API header:
     * only a client answered by cookie keeps it up to date, and an API client's would be stale.
     */
    private RecordVersionCookie versionCookie() {
        RecordVersionCookie versions = transports.versions();
        return versions != null && reply() instanceof SessionIdCookie ? versions : null;
    }

    private long knownVersion() {
        if (knownVersion < 0) {
            RecordVersionCookie versions = versionCookie();
            knownVersion = versions == null ? 0 : versions.version(request);
        }
        return knownVersion;
    }

    /** Tells a browser the version of the shared record it has now seen, unless it showed that one. */
    @Override
    public void served(StoredSession session) {
        RecordVersionCookie versions = versionCookie();
        if (versions == null || response.isCommitted()) {
            return;
        }
        long version = registry.version(session);
        if (version != 0 && version != knownVersion()) {
            versions.write(response, versions.setCookie(request, version));
            knownVersion = version;
        }
    }

    @Override
    public String principal() {
        Principal user = request.getUserPrincipal();
        return user == null ? null : user.getName();
    }

    @Override
    public boolean deliverable() {
        return !response.isCommitted();
    }

    @Override
    public StoredSession renamedSession() {
        return renamedSession;
    }

    @Override
    public void checkDeliverable(String change) {
        if (response.isCommitted()) {
            throw new IllegalStateException(change + " after the response has been committed: its cookie could not"
                    + " be sent. Use @UserSession beans, and renew the ID, before writing the response (a redirect"
                    + " or a flushed body commits it).");
        }
    }

    @Override
    public void issued(StoredSession session, boolean created) {
        this.created |= created;
        issued = session;
        changed(reply().issue(request, session.id()));
    }

    @Override
    public void ended() {
        issued = null;
        changed(reply().clear(request));
    }

    private void changed(String setCookie) {
        String previous = header;
        header = setCookie;
        request.setAttribute(ATTRIBUTE, this);
        if (!response.isCommitted()) {
            reply.write(response, previous, header);
        }
    }

    private SessionIdTransport reply() {
        if (reply == null) {
            reply = transports.replyTo(request);
        }
        return reply;
    }

    /** Writes the change again if the response lost it and is not committed yet. */
    void deliver() {
        if (header != null && !response.isCommitted() && !reply.sent(response, header)) {
            reply.write(response, null, header);
        }
    }

    /**
     * The end of the request, once every dispatch and error page is done: a session that this request created or
     * renewed, and whose cookie the response does not carry, can never be used by anyone again, so it ends now.
     */
    public static void requestDestroyed(ServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof RequestSession last && last.issued != null
                && last.issued.isLive() && !last.reply.sent(last.response, last.header)) {
            last.registry.endUndelivered(last.issued);
        }
    }
}
