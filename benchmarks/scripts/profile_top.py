#!/usr/bin/env python3
"""Where a profile's CPU samples go, as Markdown: samples by thread kind, by code (inclusive), the top frames by self
samples, and the top frames by inclusive samples (a frame counts once per sample it is anywhere in). Takes
async-profiler's collapsed stacks recorded with "threads" (PROFILE.collapsed: every thread that uses CPU, GC and JIT
included, sampled by CPU time) or a JFR recording (PROFILE.jfr, jdk.ExecutionSample: Java threads running Java code
only).

    profile_top.py [--top N] PROFILE [MORE ...]     # several profiles are added up (both nodes of one run)
"""
import collections
import json
import os
import re
import subprocess
import sys

JFR = os.path.join(os.environ.get('JAVA_HOME', '/usr/lib/jvm/java-17-openjdk-amd64'), 'bin', 'jfr')


def samples(path):
    """(thread name, frames from the leaf down, weight) of each sample or stack."""
    if path.endswith('.collapsed'):
        for line in open(path):
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


def thread_kind(name):
    """A thread's name with its numbers and the cluster's name taken out: one row per kind of thread."""
    name = re.sub(r'hz\.[^.]+\.', 'hz.*.', name)
    return re.sub(r'\d+', '#', name)


def main(argv):
    top = 25
    if argv and argv[0] == '--top':
        top, argv = int(argv[1]), argv[2:]
    threads = collections.Counter()
    self_counts = collections.Counter()
    inclusive = collections.Counter()
    prefixes = collections.Counter()
    total = 0
    for path in argv:
        for name, frames, weight in samples(path):
            total += weight
            threads[thread_kind(name)] += weight
            if frames:
                self_counts[frames[0]] += weight
            for frame in set(frames):
                inclusive[frame] += weight
            for prefix in PREFIXES:
                if any(frame.startswith(prefix) for frame in frames):
                    prefixes[prefix] += weight
    out = ['%d samples (%s)' % (total, ', '.join(os.path.basename(p) for p in argv)), '']
    if not total:
        print('\n'.join(out))
        return
    out += ['| thread kind | samples | share |', '|---|---|---|']
    for name, count in threads.most_common(12):
        out.append('| `%s` | %d | %.1f%% |' % (name, count, 100.0 * count / total))
    out += ['', '| code (inclusive: samples with any frame starting so) | samples | share |', '|---|---|---|']
    for prefix in PREFIXES:
        if prefixes[prefix]:
            out.append('| `%s` | %d | %.1f%% |' % (prefix, prefixes[prefix], 100.0 * prefixes[prefix] / total))
    out += ['', '| top frame (self) | samples | share |', '|---|---|---|']
    for frame, count in self_counts.most_common(top):
        out.append('| `%s` | %d | %.1f%% |' % (frame, count, 100.0 * count / total))
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
