package io.github.usersession;

/**
 * Fired, synchronously and once per request, when a request presents a well-formed session ID that names no live
 * session: unknown (forged or guessed), expired, ended, or replaced by a renewal. Observe it to detect ID guessing,
 * for example by counting events per {@link #remoteAddress()}:
 * <pre>{@code
 * void rejected(@Observes SessionIdRejectedEvent event) { guesses.count(event.remoteAddress()); }
 * }</pre>
 * The ID is looked up, and so can be rejected, when the request uses a {@link UserSession} bean or the session, or
 * carries an authenticated user; a request that does neither learns nothing about the ID it sent and fires nothing.
 * The event never carries the rejected ID, not even in {@link #toString()}. An observer that throws is logged; the
 * request goes on. Immutable and thread-safe.
 */
public final class SessionIdRejectedEvent {

    private final String remoteAddress;
    private final String requestUri;

    /**
     * Creates the event.
     *
     * @param remoteAddress the client's address as the server sees it ({@code ServletRequest.getRemoteAddr()})
     * @param requestUri the request's path ({@code HttpServletRequest.getRequestURI()}), without the query string
     */
    public SessionIdRejectedEvent(String remoteAddress, String requestUri) {
        this.remoteAddress = remoteAddress;
        this.requestUri = requestUri;
    }

    /** The client's address as the server sees it; behind a proxy, the proxy's unless the server is told otherwise. */
    public String remoteAddress() {
        return remoteAddress;
    }

    /** The path the request asked for, without the query string. */
    public String requestUri() {
        return requestUri;
    }

    @Override
    public String toString() {
        return "SessionIdRejectedEvent[remoteAddress=" + remoteAddress + ", requestUri=" + requestUri + "]";
    }
}
