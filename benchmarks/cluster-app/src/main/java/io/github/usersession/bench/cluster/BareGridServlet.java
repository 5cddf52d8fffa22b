package io.github.usersession.bench.cluster;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * {@code /bare/read} and {@code /bare/write}: the least that state kept only in Payara's Hazelcast costs a request, with
 * no session library at all, as a baseline for issue 10's floors. A write is one {@code IMap.set} of a record as large
 * as the library's for the profile bean, with a time to live (so with the map's synchronous backup); a read is one
 * {@code IMap.get}. The user's key and the version it last saw travel in cookies ({@code BARE}, {@code BAREV}). Not a
 * session store: no copy on the node, no compare-and-set, no merge of beans, no expiry, no push to the other node, no
 * serialization of a bean.
 */
@WebServlet({"/bare/read", "/bare/write"})
public class BareGridServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The library's record for the 1,077-byte profile bean: the bean and its 34-byte header. */
    static final int RECORD_BYTES = 1_111;

    private transient IMap<String, byte[]> map;

    @Override
    public void init() throws ServletException {
        HazelcastInstance hazelcast;
        try {
            hazelcast = (HazelcastInstance) new InitialContext().lookup("payara/Hazelcast");
        } catch (NamingException e) {
            throw new ServletException("no payara/Hazelcast", e);
        }
        // Made on a thread that inherits no thread-locals, as the library makes its maps: Payara then attaches no
        // application "tenant" to the map, which it would push around every operation (RESULTS.md section 7).
        AtomicReference<IMap<String, byte[]>> made = new AtomicReference<>();
        Thread maker = new Thread(null, () -> made.set(hazelcast.getMap("bench-bare")), "bare-map", 0, false);
        maker.start();
        try {
            maker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServletException(e);
        }
        map = made.get();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String key = cookie(request, "BARE");
        String seen = cookie(request, "BAREV");
        long version = seen == null ? 0 : Long.parseLong(seen);
        String answer;
        if (request.getServletPath().endsWith("/write")) {
            if (key == null) {
                key = UUID.randomUUID().toString();
                response.addCookie(new Cookie("BARE", key));
            }
            version++;
            byte[] record = new byte[RECORD_BYTES];
            ByteBuffer.wrap(record).putLong(version);
            map.set(key, record, 30, TimeUnit.MINUTES);
            response.addCookie(new Cookie("BAREV", Long.toString(version)));
            answer = "v=" + version + " ok=true\n";
        } else {
            byte[] record = key == null ? null : map.get(key);
            long stored = record == null ? -1 : ByteBuffer.wrap(record).getLong();
            answer = "v=" + stored + " ok=" + (stored == version) + "\n";
        }
        byte[] body = answer.getBytes(StandardCharsets.US_ASCII);
        response.setContentType("text/plain;charset=US-ASCII");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static String cookie(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (cookie.getName().equals(name)) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }
}
