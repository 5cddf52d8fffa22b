package io.github.usersession.it.app.delivery;

import java.io.IOException;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Records what each dispatch of a request that carries a {@code probe} parameter saw: its type, and on the way out
 * the status, whether the response was committed, our Set-Cookie headers as the response still shows them, and the
 * exception if one went through. The tests print it, so that a run shows what each server does with a cookie that
 * the library adds in an include, before an exception, or before an error page.
 */
// Mapped to every dispatcher type, and so inside the library's own filter, which is installed before the
// application's filters.
@WebFilter(urlPatterns = "/*", dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.FORWARD,
        DispatcherType.INCLUDE, DispatcherType.ERROR, DispatcherType.ASYNC})
public class ProbeFilter implements Filter {

    /** Later dispatches of a request may not see its query string, so the first one keeps the probe here. */
    private static final String PROBE = ProbeFilter.class.getName();

    @Inject
    Recorder recorder;

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Object probe = request.getAttribute(PROBE);
        if (probe == null && request.getDispatcherType() == DispatcherType.REQUEST) {
            probe = request.getParameter("probe");
            if (probe != null) {
                request.setAttribute(PROBE, probe);
            }
        }
        if (probe == null) {
            chain.doFilter(request, response);
            return;
        }
        String dispatch = "probe " + probe + " " + request.getDispatcherType();
        recorder.record(dispatch + " in");
        String thrown = "none";
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            thrown = e.getClass().getName();
            throw e;
        } finally {
            HttpServletResponse http = (HttpServletResponse) response;
            recorder.record(dispatch + " out status=" + http.getStatus() + " committed=" + http.isCommitted()
                    + " thrown=" + thrown + " set-cookie=" + ours(http));
        }
    }

    /** Records a note under the request's probe, when it has one. */
    static void note(ServletRequest request, Recorder recorder, String note) {
        Object probe = request.getAttribute(PROBE);
        if (probe != null) {
            recorder.record("probe " + probe + " " + note);
        }
    }

    /** The library's Set-Cookie headers that the response shows at this point. */
    static List<String> ours(HttpServletResponse response) {
        return response.getHeaders("Set-Cookie").stream().filter(cookie -> cookie.startsWith("USERSESSION"))
                .toList();
    }
}
