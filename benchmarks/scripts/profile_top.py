#!/usr/bin/env python3
"""Where a profile's CPU samples go, as Markdown: samples by thread kind, by code (inclusive), the top frames by self
samples, and the top frames by inclusive samples (a frame counts once per sample it is anywhere in). Takes
async-profiler's collapsed stacks recorded with "threads" (PROFILE.collapsed, or .collapsed.xz: every thread that uses
CPU, GC and JIT included, sampled by CPU time) or a JFR recording (PROFILE.jfr, jdk.ExecutionSample: Java threads running Java code
only).

    profile_top.py [--top N] [--cpu-us US] PROFILE [MORE ...]   # several profiles are added up (both nodes of a run)

With --cpu-us (the run's server CPU per request, both nodes), shares are also shown as microseconds per request, and a
budget splits them into exclusive parts: each sample goes to the first part whose rule matches its stack or thread.
An allocation profile (async-profiler's "alloc" event) is shown as shares of its samples, which are drawn in
proportion to the bytes allocated. Either way, the library's own samples are listed by the library frame nearest the
leaf (issue 13: where the request path's time and bytes go).
"""
import collections
import json
import lzma
import os
import re
import subprocess
import sys

JFR = os.path.join(os.environ.get('JAVA_HOME', '/usr/lib/jvm/java-17-openjdk-amd64'), 'bin', 'jfr')


def samples(path):
    """(thread name, frames from the leaf down, weight) of each sample or stack."""
    if path.endswith(('.collapsed', '.collapsed.xz')):
        for line in (lzma.open(path, 'rt') if path.endswith('.xz') else open(path)):
            stack, _, count = line.rstrip('\n').rpartition(' ')
            if not stack:
                continue
            frames = stack.split(';')
            name = '?'
            if frames and frames[0].startswith('['):
                name = re.sub(r' tid=\d+\]$', '', frames[0][1:]).rstrip(']')
                frames = frames[1:]
            yield name, [f.replace('/', '.') for f in reversed(frames)], int(count)
        return
    text = subprocess.run([JFR, 'print', '--json', '--stack-depth', '128', '--events', 'jdk.ExecutionSample', path],
                          check=True, capture_output=True, text=True).stdout
    for event in json.loads(text)['recording']['events']:
        values = event['values']
        thread = values.get('sampledThread') or {}
        name = thread.get('javaName') or thread.get('osName') or '?'
        frames = []
        for frame in (values.get('stackTrace') or {}).get('frames', []):
            method = frame['method']
            frames.append(('%s.%s' % (method['type']['name'], method['name'])).replace('/', '.'))
        yield name, frames, 1


# Code whose samples are counted together, inclusive: a sample counts for a prefix when any frame of its stack starts
# with it.
PREFIXES = [
    'io.github.usersession.internal.web.UserSessionFilter.doFilter',
    'io.github.usersession.internal.SessionRegistry.find',
    'io.github.usersession.internal.Replication.key',
    'io.github.usersession.internal.Replication.save',
    'io.github.usersession.internal.Replication.sync',
    'io.github.usersession.internal.Replication.restore',
    'io.github.usersession.internal.store.BeanSerializer.serialize',
    'io.github.usersession.internal.store.BeanSerializer.deserialize',
    'io.github.usersession.internal.store.HazelcastSessionStore.get',
    'io.github.usersession.internal.store.HazelcastSessionStore.replace',
    'io.github.usersession.internal.store.SessionRecord',
    'io.github.usersession',
    'com.hazelcast',
    'java.io.ObjectOutputStream',
    'java.io.ObjectInputStream',
    'sun.security.provider',
    'org.jboss.weld',
    'org.glassfish.grizzly',
    'org.apache.catalina',
    'org.glassfish.web.ha',
    'fish.payara',
]


# The budget: (part, rule), the first matching rule takes the sample. A rule is a function of (thread kind, frames).
def _has(*prefixes):
    return lambda thread, frames: any(f.startswith(p) for f in frames for p in prefixes)


# Calls the library passes on for the application, which the container would serve just the same without it: the
# filter calling the servlet chain (under which the servlet and the container run), and the response and request
# wrappers handing a call to the container's object (getWriter, for one, costs Payara its charset parsing).
_PASSED_ON = ('org.apache.catalina.core.ApplicationFilterChain', 'jakarta.servlet.ServletResponseWrapper',
              'jakarta.servlet.ServletRequestWrapper')


def _library_frame(frames):
    """The library frame nearest the leaf when the sample is the library's own work, else None (see _PASSED_ON)."""
    for i, frame in enumerate(frames):  # leaf first
        if frame.startswith('io.github.usersession.') and not frame.startswith('io.github.usersession.bench.'):
            if i > 0 and frames[i - 1].startswith(_PASSED_ON):
                return None
            return frame
    return None


def _library_itself(thread, frames):
    return _library_frame(frames) is not None


def _thread(*prefixes):
    return lambda thread, frames: any(thread.startswith(p) for p in prefixes)


BUDGET = [
    ('Payara: tenant context pushed around each Hazelcast operation (PayaraHazelcastTenant)',
     _has('fish.payara.nucleus.hazelcast.PayaraHazelcastTenant')),
    ('Hazelcast: partition threads (the map operations, their responses and backups)',
     _thread('hz.*.partition-operation')),
    ('Hazelcast: network I/O threads', _thread('hz.*.IO.')),
    ('Hazelcast: response threads (waking the waiting caller)', _thread('hz.*.response')),
    ('Hazelcast: other threads (metrics, scheduled, cached)', _thread('hz.')),
    ('library: reading the record (HazelcastSessionStore.get, on the request thread)',
     _has('io.github.usersession.internal.store.HazelcastSessionStore.get')),
    ('library: writing the record (replace + setTtl, putIfAbsent)',
     _has('io.github.usersession.internal.store.HazelcastSessionStore.replace',
          'io.github.usersession.internal.store.HazelcastSessionStore.putIfAbsent')),
    ('library: deserializing beans another server changed',
     _has('io.github.usersession.internal.store.BeanSerializer.deserialize')),
    ('library: serializing the used beans and comparing (Replication.save, rest)',
     _has('io.github.usersession.internal.Replication.save')),
    ('library: store key, SHA-256 of the ID (Replication.key)', _has('io.github.usersession.internal.Replication.key')),
    ('library: everything else (binding, local lookup, cookie, response wrapper)', _library_itself),
    ('Payara session persistence: loading a session (ReplicationStore.load)',
     _has('org.glassfish.web.ha.session.management.ReplicationStore.load')),
    ('Payara session persistence: saving a session after the request (HASessionStoreValve.postInvoke)',
     _has('org.glassfish.web.ha.session.management.HASessionStoreValve.postInvoke')),
    ('Payara session persistence: the rest', _has('org.glassfish.web.ha')),
    ('HTTP and servlet: request threads, rest (Grizzly, Catalina, Weld, the servlet)', _thread('http-thread-pool')),
    ('HTTP: Grizzly selector threads', _thread('http-listener')),
    ('JVM: GC and JIT compiler threads', _thread('GC ', 'G1 ', 'C1 ', 'C2 ', 'C# ', 'VM ')),
    ('other threads', lambda thread, frames: True),
]


def thread_kind(name):
    """A thread's name with its numbers and the cluster's name taken out: one row per kind of thread."""
    name = re.sub(r'hz\.[^.]+\.', 'hz.*.', name)
    return re.sub(r'\d+', '#', name)


def main(argv):
    top = 25
    cpu_us = None
    while argv and argv[0].startswith('--'):
        if argv[0] == '--top':
            top = int(argv[1])
        elif argv[0] == '--cpu-us':
            cpu_us = float(argv[1])
        argv = argv[2:]
    budget = collections.Counter()
    threads = collections.Counter()
    self_counts = collections.Counter()
    inclusive = collections.Counter()
    prefixes = collections.Counter()
    library = collections.Counter()
    total = 0
    for path in argv:
        for name, frames, weight in samples(path):
            total += weight
            kind = thread_kind(name)
            threads[kind] += weight
            for part, rule in BUDGET:
                if rule(kind, frames):
                    budget[part] += weight
                    break
            if frames:
                self_counts[frames[0]] += weight
            own = _library_frame(frames)
            if own:
                library[own] += weight
            for frame in set(frames):
                inclusive[frame] += weight
            for prefix in PREFIXES:
                if any(frame.startswith(prefix) for frame in frames):
                    prefixes[prefix] += weight
    out = ['%d samples (%s)' % (total, ', '.join(os.path.basename(p) for p in argv)), '']
    if not total:
        print('\n'.join(out))
        return
    if cpu_us is not None:
        out += ['Server CPU per request in this run: %.1f us (both nodes). Budget: each sample in the first part whose '
                'rule matches.' % cpu_us, '', '| part | samples | share | us per request |', '|---|---|---|---|']
        for part, _ in BUDGET:
            if budget[part]:
                out.append('| %s | %d | %.1f%% | %.1f |' % (part, budget[part], 100.0 * budget[part] / total,
                                                         cpu_us * budget[part] / total))
        out.append('')
    def per_request(count):
        return ' | %.2f us' % (cpu_us * count / total) if cpu_us is not None else ''

    extra = ' | per request |' if cpu_us is not None else ' |'
    rule = '|---|---|---|---|' if cpu_us is not None else '|---|---|---|'
    out += ['| library frame nearest the leaf (the library\'s own work) | samples | share' + extra, rule]
    for frame, count in library.most_common(top):
        out.append('| `%s` | %d | %.1f%%%s |' % (frame, count, 100.0 * count / total, per_request(count)))
    out.append('| all of the library\'s own work | %d | %.1f%%%s |' % (
        sum(library.values()), 100.0 * sum(library.values()) / total, per_request(sum(library.values()))))
    out.append('')
    out += ['| thread kind | samples | share |', '|---|---|---|']
    for name, count in threads.most_common(12):
        out.append('| `%s` | %d | %.1f%% |' % (name, count, 100.0 * count / total))
    out += ['', '| code (inclusive: samples with any frame starting so) | samples | share |', '|---|---|---|']
    for prefix in PREFIXES:
        if prefixes[prefix]:
            out.append('| `%s` | %d | %.1f%% |' % (prefix, prefixes[prefix], 100.0 * prefixes[prefix] / total))
    out += ['', '| top frame (self) | samples | share' + extra, rule]
    for frame, count in self_counts.most_common(top):
        out.append('| `%s` | %d | %.1f%%%s |' % (frame, count, 100.0 * count / total, per_request(count)))
    out += ['', '| frame (inclusive: anywhere in the stack) | samples | share |', '|---|---|---|']
    shown = 0
    for frame, count in inclusive.most_common():
        # Frames under which nearly everything runs (a thread's run method) say nothing.
        if count > 0.97 * total:
            continue
        out.append('| `%s` | %d | %.1f%% |' % (frame, count, 100.0 * count / total))
        shown += 1
        if shown == top * 2:
            break
    print('\n'.join(out))


if __name__ == '__main__':
    main(sys.argv[1:])
