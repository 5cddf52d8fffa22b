package io.github.usersession.bench.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.EntryView;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.LocalMapStats;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * {@code GET /grid-stats}: what this member of Payara's Hazelcast holds, as {@code key=value} lines: the cluster's
 * size and safety, the local statistics of the library's map ({@code usersession} + the context path, or the
 * {@code map} parameter) and of every other map, one entry's sizes, and the serialized size of the profile bean (an
 * {@link ObjectOutputStream} of a {@link UserProfile} changed once, as the library serializes a bean).
 */
@WebServlet("/grid-stats")
public class GridStatsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HazelcastInstance hazelcast;
        try {
            hazelcast = (HazelcastInstance) new InitialContext().lookup("payara/Hazelcast");
        } catch (NamingException e) {
            throw new IOException("no payara/Hazelcast", e);
        }
        String name = request.getParameter("map") != null ? request.getParameter("map")
                : "usersession" + request.getContextPath();
        StringBuilder out = new StringBuilder();
        out.append("member=").append(hazelcast.getCluster().getLocalMember().getAddress()).append('\n');
        out.append("members=").append(hazelcast.getCluster().getMembers().size()).append('\n');
        out.append("clusterSafe=").append(hazelcast.getPartitionService().isClusterSafe()).append('\n');
        out.append("localMemberSafe=").append(hazelcast.getPartitionService().isLocalMemberSafe()).append('\n');
        out.append("map=").append(name).append('\n');
        out.append("backupCount=").append(hazelcast.getConfig().getMapConfig(name).getBackupCount()).append('\n');
        out.append("inMemoryFormat=").append(hazelcast.getConfig().getMapConfig(name).getInMemoryFormat())
                .append('\n');
        IMap<Object, Object> map = hazelcast.getMap(name);
        stats(out, "", map.getLocalMapStats());
        Iterator<Object> local = map.localKeySet().iterator();
        if (local.hasNext()) {
            Object key = local.next();
            EntryView<Object, Object> entry = map.getEntryView(key);
            out.append("sampleKeyChars=").append(key.toString().length()).append('\n');
            out.append("sampleRecordBytes=").append(((byte[]) entry.getValue()).length).append('\n');
            out.append("sampleEntryCost=").append(entry.getCost()).append('\n');
        }
        UserProfile profile = new UserProfile();
        profile.change();
        out.append("serializedBeanBytes=").append(serializedSize(profile)).append('\n');
        for (DistributedObject object : hazelcast.getDistributedObjects()) {
            if (object instanceof IMap<?, ?> other && !other.getName().equals(name)) {
                stats(out, "other." + other.getName() + ".", other.getLocalMapStats());
            }
        }
        byte[] body = out.toString().getBytes(StandardCharsets.UTF_8);
        response.setContentType("text/plain;charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static void stats(StringBuilder out, String prefix, LocalMapStats stats) {
        out.append(prefix).append("ownedEntryCount=").append(stats.getOwnedEntryCount()).append('\n');
        out.append(prefix).append("ownedEntryMemoryCost=").append(stats.getOwnedEntryMemoryCost()).append('\n');
        out.append(prefix).append("backupEntryCount=").append(stats.getBackupEntryCount()).append('\n');
        out.append(prefix).append("backupEntryMemoryCost=").append(stats.getBackupEntryMemoryCost()).append('\n');
        out.append(prefix).append("heapCost=").append(stats.getHeapCost()).append('\n');
    }

    private static int serializedSize(Object instance) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (ObjectOutputStream stream = new ObjectOutputStream(buffer)) {
            stream.writeObject(instance);
        }
        return buffer.size();
    }
}
