package io.github.usersession;

import java.io.FilterWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.github.usersession.internal.web.UserSessionInitializer;
import jakarta.enterprise.context.Destroyed;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Just enough of a servlet container to run our initializer and filter in a unit test: the in-container tests prove
 * the same rules again on a real server.
 */
final class FakeServletContainer {

    private final Map<String, String> contextParams;
    private Filter filter;
    private ServletContextListener listener;
    private ServletContext context;

    private FakeServletContainer(Map<String, String> contextParams) {
        this.contextParams = contextParams;
    }

    /** Deploys the library into a fake web application at /shop, as the container would. */
    static FakeServletContainer deploy(Map<String, String> contextParams) {
        FakeServletContainer container = new FakeServletContainer(contextParams);
        container.context = proxy(ServletContext.class, (p, method, args) -> switch (method.getName()) {
            case "getInitParameter" -> container.contextParams.get((String) args[0]);
            case "getContextPath" -> "/shop";
            case "addFilter" -> {
                container.filter = (Filter) args[1];
                yield proxy(FilterRegistration.Dynamic.class, (q, m, a) -> m.getName().equals("getName") ? "f" : null);
            }
            case "addListener" -> {
                container.listener = (ServletContextListener) args[0];
                yield null;
            }
            default -> null;
        });
        new UserSessionInitializer().onStartup(Collections.emptySet(), container.context);
        container.listener.contextInitialized(new ServletContextEvent(container.context));
        return container;
    }

    static FakeServletContainer deploy() {
        return deploy(Map.of());
    }

    void undeploy() {
        listener.contextDestroyed(new ServletContextEvent(context));
    }

    Exchange request(String... cookieHeaders) {
        return new Exchange(List.of(cookieHeaders));
    }

    /** One request and its response. */
    final class Exchange {
        final List<String> cookieHeaders;
        final Map<String, Object> attributes = new ConcurrentHashMap<>();
        final List<String> setCookies = new ArrayList<>();
        /** The response's headers but Set-Cookie, by name as the library sets them. */
        final Map<String, String> headers = new HashMap<>();
        /** The request's headers but Cookie, by name in any case. */
        final Map<String, String> requestHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        /** The authenticated user's name; the servlet may change it, as a login or logout would. */
        volatile String principal;
        String remoteAddress = "192.0.2.7";
        final StringWriter body = new StringWriter();
        boolean secure;
        boolean committed;
        /** Whether a failing request's headers are reset for the error page, as Undertow does. */
        boolean resetOnError;
        int status = 200;

        Exchange(List<String> cookieHeaders) {
            this.cookieHeaders = cookieHeaders;
        }

        Exchange secure() {
            secure = true;
            return this;
        }

        /** The request carries an authenticated user of that name. */
        Exchange as(String user) {
            principal = user;
            return this;
        }

        /** The request carries the header. */
        Exchange header(String name, String value) {
            requestHeaders.put(name, value);
            return this;
        }

        /** Runs the task as the servlet of this request, through the library's filter. */
        Exchange run(ThrowingRunnable task) throws Exception {
            return serve(response -> task.run());
        }

        /** Runs the servlet, which gets the response the filter passes on, through the library's filter. */
        Exchange serve(Servlet servlet) throws Exception {
            return handle((request, response) -> servlet.service(response));
        }

        /** Runs the servlet, which gets the request and response the filter passes on, through the filter. */
        Exchange handle(RequestServlet servlet) throws Exception {
            HttpServletRequest request = proxy(HttpServletRequest.class, (p, method, args) -> switch (method
                    .getName()) {
                case "getHeaders" -> Collections.enumeration(
                        "Cookie".equalsIgnoreCase((String) args[0]) ? cookieHeaders : List.<String>of());
                case "getContextPath" -> "/shop";
                case "isSecure" -> secure;
                case "getHeader" -> requestHeaders.get((String) args[0]);
                case "getUserPrincipal" -> principal == null ? null : (java.security.Principal) () -> principal;
                case "login" -> {
                    principal = (String) args[0];
                    yield null;
                }
                case "authenticate" -> principal != null;
                case "logout" -> {
                    principal = null;
                    yield null;
                }
                case "getRemoteAddr" -> remoteAddress;
                case "getRequestURI" -> "/shop/cart";
                case "getAttribute" -> attributes.get((String) args[0]);
                case "setAttribute" -> attributes.put((String) args[0], args[1]);
                default -> defaultValue(method.getReturnType());
            });
            HttpServletResponse response = proxy(HttpServletResponse.class, (p, method, args) -> {
                switch (method.getName()) {
                    case "addHeader", "setHeader" -> {
                        if (committed) {
                            return null; // a committed response ignores headers, as real containers do
                        }
                        if ("Set-Cookie".equals(args[0])) {
                            if (method.getName().equals("setHeader")) {
                                setCookies.clear();
                            }
                            setCookies.add((String) args[1]);
                        } else {
                            headers.put((String) args[0], (String) args[1]);
                        }
                    }
                    case "setStatus" -> status = (Integer) args[0];
                    case "isCommitted" -> {
                        return committed;
                    }
                    case "getHeaders" -> {
                        return "Set-Cookie".equals(args[0]) ? List.copyOf(setCookies) : List.of();
                    }
                    case "getHeader" -> {
                        return headers.get((String) args[0]);
                    }
                    case "sendRedirect" -> {
                        status = 302;
                        headers.put("Location", (String) args[0]);
                        committed = true;
                    }
                    case "reset" -> {
                        setCookies.clear();
                        headers.clear();
                        body.getBuffer().setLength(0);
                    }
                    case "getWriter" -> {
                        // The body commits the response as soon as it reaches the container: a buffer of none.
                        return new PrintWriter(new FilterWriter(body) {
                            @Override
                            public void write(int c) {
                                committed = true;
                                body.write(c);
                            }

                            @Override
                            public void write(char[] chars, int offset, int length) {
                                committed = true;
                                body.write(chars, offset, length);
                            }

                            @Override
                            public void write(String text, int offset, int length) {
                                committed = true;
                                body.write(text, offset, length);
                            }
                        });
                    }
                    case "flushBuffer" -> committed = true;
                    default -> {
                        return defaultValue(method.getReturnType());
                    }
                }
                return null;
            });
            FilterChain chain = (req, res) -> {
                try {
                    servlet.service((HttpServletRequest) req, (HttpServletResponse) res);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new jakarta.servlet.ServletException(e);
                }
            };
            try {
                filter.doFilter(request, response, chain);
            } catch (Exception | Error e) {
                if (resetOnError && !committed) {
                    response.reset();
                    committed = true;
                }
                throw e;
            } finally {
                // The end of the request, as the server's CDI request listener announces it.
                CDI.current().getBeanManager().getEvent().select(ServletRequest.class, Destroyed.Literal.REQUEST)
                        .fire(request);
            }
            return this;
        }

        /** The session ID the response issued, or null. */
        String issuedId() {
            for (int i = setCookies.size() - 1; i >= 0; i--) {
                String cookie = setCookies.get(i);
                if (cookie.startsWith("USERSESSION=") && !cookie.contains("Max-Age=0")) {
                    return cookie.substring("USERSESSION=".length(), cookie.indexOf(';'));
                }
            }
            return null;
        }
    }

    /** A servlet body that may throw. */
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** A servlet body that uses the response. */
    interface Servlet {
        void service(HttpServletResponse response) throws Exception;
    }

    /** A servlet body that uses the request and the response. */
    interface RequestServlet {
        void service(HttpServletRequest request, HttpServletResponse response) throws Exception;
    }

    private static Object defaultValue(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class || type == long.class || type == short.class) {
            return type == long.class ? (Object) 0L : (Object) 0;
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(FakeServletContainer.class.getClassLoader(), new Class<?>[] {type},
                handler);
    }
}
