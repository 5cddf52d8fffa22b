package io.github.usersession.internal.store;

import java.io.File;
import java.io.FileNotFoundException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import com.hazelcast.config.Config;
import com.hazelcast.config.PartitionGroupConfig;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import com.hazelcast.query.Predicates;
import io.github.usersession.spi.RecordMap;
import io.github.usersession.spi.SessionStore;
import io.github.usersession.spi.StoreContext;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The session store on Hazelcast: one map of records per application, with a time to live per record. On Payara it
 * uses the server's embedded instance; elsewhere it starts a member of the application's bundled Hazelcast from the
 * application's own Hazelcast configuration.
 */
// Only map operations that every member can run on plain byte arrays and Strings: no entry processor, whose class a
// member would have to load, and which Payara's serializer reads only with the class loader of the application that
// wrote it.
public final class HazelcastSessionStore implements SessionStore {

    /** The map's name; {@code usersession} followed by the context path by default, such as {@code usersession/shop}. */
    public static final String MAP = "usersession.hazelcast.map";
    /** A Hazelcast configuration file (XML or YAML), by path or class-path resource, where no server provides one. */
    public static final String CONFIG = "usersession.hazelcast.config";

    private static final Logger LOG = Logger.getLogger(HazelcastSessionStore.class.getName());
    private static final String PAYARA_JNDI = "payara/Hazelcast";

    private HazelcastInstance hazelcast;
    private boolean started;
    private final HazelcastRecords sessions = new HazelcastRecords();
    private final HazelcastRecords principals = new HazelcastRecords();
    private IMap<String, String> forwards;
    private HazelcastRemovals removals;
    private DefaultTimeToLive defaultTimeToLive;
    /** The listeners' registrations: removed when the application stops, so that they neither leak nor confirm. */
    private final List<UUID> listeners = new ArrayList<>();

    @Override
    public void start(StoreContext context) {
        try {
            connect(context);
        } catch (RuntimeException | Error e) {
            stop(); // no listener of an application that failed to start stays on a server's Hazelcast
            throw e;
        }
    }

    private void connect(StoreContext context) {
        hazelcast = embedded();
        if (hazelcast == null) {
            hazelcast = Hazelcast.newHazelcastInstance(configuration(context));
            started = true;
        }
        String name = context.setting(MAP).orElse("usersession" + (context.contextPath().isEmpty() ? "/"
                : context.contextPath()));
        // Made where no tenant of the application is attached to them: see Untenanted.
        IMap<String, byte[]> records = Untenanted.make(() -> hazelcast.getMap(name));
        sessions.connect(records);
        principals.connect(Untenanted.make(() -> hazelcast.getMap(name + ".principals")));
        forwards = Untenanted.make(() -> hazelcast.getMap(name + ".renewed"));
        // Only the owner of a record's partition hears of its expiry: one member in the cluster destroys it.
        listeners.add(records.addLocalEntryListener((EntryExpiredListener<String, byte[]>) event -> {
            if (!DefaultTimeToLive.isProbe(event.getKey())) {
                context.expired(event.getKey(), valueOf(event));
            }
        }, Predicates.alwaysTrue(), true));
        removals = new HazelcastRemovals(hazelcast, Untenanted.make(() -> hazelcast.getMap(name + ".servers")),
                Untenanted.make(() -> hazelcast.getMap(name + ".seen")));
        // Every member hears of every removal and expiry: each drops its local copy, and confirms a removal.
        listeners.add(records.addEntryListener(new Gone(context, removals), false));
        // Every member hears of every write, with the record: a copy this server holds keeps up with the others'.
        listeners.add(records.addEntryListener((EntryUpdatedListener<String, byte[]>) event -> {
            if (!DefaultTimeToLive.isProbe(event.getKey())) {
                context.changed(event.getKey(), event.getValue());
            }
        }, true));
        removals.join();
        // Its probe records reach the listeners above, which ignore them.
        defaultTimeToLive = new DefaultTimeToLive(hazelcast, name, records, sessions, context.idleTimeToLive());
        defaultTimeToLive.start();
        warnWithoutBackup(name);
    }

    private static HazelcastInstance embedded() {
        try {
            return new InitialContext().lookup(PAYARA_JNDI) instanceof HazelcastInstance instance
                    && instance.getLifecycleService().isRunning() ? instance : null;
        } catch (NamingException | RuntimeException notPayara) {
            return null;
        }
    }

    private static Config configuration(StoreContext context) {
        ClassLoader loader = context.classLoader();
        String setting = context.setting(CONFIG).orElse(null);
        Config config;
        try {
            if (setting != null && new File(setting).isFile()) {
                config = Config.loadFromFile(new File(setting));
            } else if (setting != null && loader.getResource(setting) != null) {
                config = Config.loadFromClasspath(loader, setting);
            } else if (setting != null) {
                throw new IllegalArgumentException(CONFIG + ": '" + setting + "' is not a Hazelcast configuration file"
                        + " or class-path resource");
            } else if (loader.getResource("hazelcast.xml") != null) {
                config = Config.loadFromClasspath(loader, "hazelcast.xml");
            } else if (loader.getResource("hazelcast.yaml") != null) {
                config = Config.loadFromClasspath(loader, "hazelcast.yaml");
            } else {
                // Hazelcast's default joins by multicast on every interface: never that without the user's word.
                throw new IllegalArgumentException("usersession.store: 'hazelcast' found no Hazelcast: the server"
                        + " provides none, and the application has no hazelcast.xml or hazelcast.yaml in"
                        + " WEB-INF/classes, and no " + CONFIG + " naming one");
            }
        } catch (FileNotFoundException e) {
            throw new IllegalArgumentException(CONFIG + ": '" + setting + "' cannot be read", e);
        }
        config.setClassLoader(loader);
        return config;
    }

    private void warnWithoutBackup(String name) {
        int backups = hazelcast.getConfig().findMapConfig(name).getBackupCount();
        PartitionGroupConfig groups = hazelcast.getConfig().getPartitionGroupConfig();
        long hosts = hazelcast.getCluster().getMembers().stream()
                .map(member -> member.getAddress().getHost()).distinct().count();
        boolean hostAware = groups.isEnabled()
                && groups.getGroupType() == PartitionGroupConfig.MemberGroupType.HOST_AWARE;
        if (backups == 0) {
            LOG.warning(() -> "The Hazelcast map " + name + " keeps no backup (backup-count 0): a server that dies"
                    + " loses the sessions whose records it owned");
        } else if (hostAware && hosts == 1) {
            LOG.warning(() -> "The Hazelcast map " + name + " keeps no usable backup: partition groups are host-aware"
                    + " and every member runs on one host, so a member that dies loses the sessions whose records it"
                    + " owned. On Payara Micro, start each instance with --nohostaware to keep backups on one host.");
        }
    }

    private static byte[] valueOf(EntryEvent<String, byte[]> event) {
        return event.getOldValue() != null ? event.getOldValue() : event.getValue();
    }

    @Override
    public void stop() {
        if (defaultTimeToLive != null) {
            defaultTimeToLive.stop();
        }
        if (hazelcast != null && hazelcast.getLifecycleService().isRunning()) {
            if (removals != null) {
                removals.leave();
            }
            listeners.forEach(sessions.map()::removeEntryListener);
        }
        if (started) {
            hazelcast.shutdown();
        }
    }

    @Override
    public boolean putIfAbsent(String key, byte[] record, Duration timeToLive) {
        return sessions.putIfAbsent(key, record, timeToLive);
    }

    @Override
    public byte[] get(String key) {
        return sessions.get(key);
    }

    @Override
    public boolean replace(String key, byte[] expected, byte[] record, Duration timeToLive) {
        return sessions.replace(key, expected, record, timeToLive);
    }

    /** Returns once every other server of the application has dropped its copy, or a wait of 2 s has passed. */
    @Override
    public byte[] remove(String key) {
        return removals.remove(sessions.map(), key);
    }

    /** True: every write reaches every member as an event, and {@link #remove} waits for every member's drop. */
    @Override
    public boolean reportsEveryChange() {
        return true;
    }

    /** Map {@code <map>.principals}: a record per user listing the keys of their sessions. */
    @Override
    public RecordMap principalRecords() {
        return principals;
    }

    @Override
    public void forward(String oldKey, String newKey, Duration timeToLive) {
        forwards.set(oldKey, newKey, timeToLive.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public String forwardedTo(String oldKey) {
        return forwards.get(oldKey);
    }

    @Override
    public int size() {
        return sessions.map().size();
    }

    /** Tells the library on every member that a record is gone. */
    private static final class Gone implements EntryRemovedListener<String, byte[]>,
            EntryExpiredListener<String, byte[]>, EntryEvictedListener<String, byte[]> {
        private final StoreContext context;
        private final HazelcastRemovals removals;

        Gone(StoreContext context, HazelcastRemovals removals) {
            this.context = context;
            this.removals = removals;
        }

        @Override
        public void entryRemoved(EntryEvent<String, byte[]> event) {
            gone(event.getKey(), true);
        }

        @Override
        public void entryExpired(EntryEvent<String, byte[]> event) {
            gone(event.getKey(), false);
        }

        /** A map configured to evict (a size limit) loses records before their deadline: copies must not outlive them. */
        @Override
        public void entryEvicted(EntryEvent<String, byte[]> event) {
            gone(event.getKey(), false);
        }

        /** Only a removal is waited for by its remover, which this server's note lets go on. */
        private void gone(String key, boolean confirm) {
            if (!DefaultTimeToLive.isProbe(key)) {
                context.gone(key);
                if (confirm) {
                    removals.seen(key);
                }
            }
        }
    }
}
