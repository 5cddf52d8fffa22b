#!/usr/bin/env python3
"""Summarizes the scale-out benchmark's raw outputs (results/cluster/, written by scripts/cluster.sh) as Markdown:
each run's medians, the per-round ratios of server CPU per request with a distribution-free 95% interval of their
median, issue 10's floors, the grid's bytes per session and the kill -9 times.

    summarize_cluster.py [results/cluster]
"""
import glob
import math
import os
import re
import statistics
import sys

results = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', 'results', 'cluster')
CONFIGS = ['mem-stick-read', 'mem-stick-write', 'hz-stick-read', 'hz-stick-write', 'ss-stick-read',
           'ss-stick-write', 'hz-alt-read', 'hz-alt-write', 'ss-alt-read', 'ss-alt-write', 'bare-alt-read',
           'bare-alt-write']


def median_ci(values, confidence=0.95):
    """The sign test's interval of the median, as in summarize.py: the k-th smallest and k-th largest value, k the
    largest whose coverage is at least `confidence`; None with fewer than 6 values."""
    ordered = sorted(values)
    n = len(ordered)
    best = None
    for k in range(1, n // 2 + 1):
        coverage = 1 - 2 * sum(math.comb(n, i) for i in range(k)) / 2 ** n
        if coverage < confidence:
            break
        best = (ordered[k - 1], ordered[n - k], coverage)
    return best


def decide_at_most(values, ceiling):
    """For a cost ratio with a ceiling: met when the whole interval of the median is at or below it, missed when the
    whole interval is above it, otherwise undecided. Every round counts."""
    ci = median_ci(values)
    if ci is None:
        return 'undecided (too few rounds)'
    if ci[1] <= ceiling:
        return 'met'
    if ci[0] > ceiling:
        return '**missed**'
    return 'undecided'


def read_keys(path):
    values = {}
    for line in open(path):
        if '=' in line:
            key, value = line.rstrip('\n').split('=', 1)
            values[key] = value
    return values


def number(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


out = []
machine = os.path.join(results, 'machine.txt')
if os.path.exists(machine):
    out += ['## Machine and library', '', '```', open(machine).read().strip(), '```', '']

# Throughput
runs = {}
for path in glob.glob(os.path.join(results, 'throughput', 'round-*-*.txt')):
    match = re.match(r'round-(\d+)-(.+)\.txt$', os.path.basename(path))
    runs.setdefault(int(match.group(1)), {})[match.group(2)] = read_keys(path)
if runs:
    rounds = sorted(runs)
    setup = os.path.join(results, 'throughput', 'setup.txt')
    if os.path.exists(setup):
        out += ['## Throughput set-up', '', '```', open(setup).read().strip(), '```', '']
    out += ['## Each run over %d rounds (medians; the sums of problems over all rounds)' % len(rounds), '',
            '| run | req/s | server CPU us/request | p50 ms | p99 ms | client cores | others cores (min, median, '
            'max) | errors | stale | lost | corrupt |',
            '|---|---|---|---|---|---|---|---|---|---|---|']
    med = {}
    for config in CONFIGS:
        rows = [runs[r][config] for r in rounds if config in runs[r]]
        if not rows:
            continue

        def m(key):
            values = [number(row.get(key)) for row in rows if number(row.get(key)) is not None]
            return statistics.median(values) if values else float('nan')
        others = sorted(number(row['others_cores']) for row in rows)
        med[config] = dict(rps=m('rps'), cpu=m('cpu_us_per_request'))
        out.append('| %s | %.0f | %.1f | %.2f | %.2f | %.2f | %.2f, %.2f, %.2f | %d | %d | %d | %d |' % (
            config, m('rps'), m('cpu_us_per_request'), m('latency_p50_ms'), m('latency_p99_ms'), m('client_cores'),
            others[0], statistics.median(others), others[-1],
            sum(int(row['errors']) for row in rows), sum(int(row['stale']) for row in rows),
            sum(int(row['lost']) for row in rows), sum(int(row['corrupt']) for row in rows)))
    out.append('')

    def ratios(a, b, key):
        values = []
        for r in rounds:
            if a in runs[r] and b in runs[r]:
                x, y = number(runs[r][a].get(key)), number(runs[r][b].get(key))
                if x and y:
                    values.append(x / y)
        return values

    def row(label, values, ceiling=None, ceiling_text=''):
        if not values:
            return
        ci = median_ci(values)
        out.append('| %s | %.3f | %.3f to %.3f | %s | %s | %s |' % (
            label, statistics.median(values), min(values), max(values),
            '%.3f to %.3f (%.1f%%)' % (ci[0], ci[1], 100 * ci[2]) if ci else '- (too few rounds)',
            ceiling_text or '(reported)', decide_at_most(values, ceiling) if ceiling is not None else ''))

    out += ['## Floors: per-round ratios of server CPU per request (both nodes; lower is cheaper)', '',
            'Each round runs the twelve configurations back to back (order rotating); the ratio within a round compares',
            'runs seconds apart. The interval is the distribution-free 95% interval of the median (sign test); a',
            'ceiling is met when the whole interval is at or below it, missed when the whole interval is above it.',
            '',
            '| ratio of server CPU per request | median | min to max | 95% interval of the median | floor | verdict |',
            '|---|---|---|---|---|---|']
    row('one node\'s traffic, read: hz-stick ÷ mem-stick', ratios('hz-stick-read', 'mem-stick-read',
                                                                   'cpu_us_per_request'), 1.1, '<= 1.1')
    row('alternating, read: hz-alt ÷ ss-alt (Payara)', ratios('hz-alt-read', 'ss-alt-read', 'cpu_us_per_request'),
        1 / 3, '<= 1/3 (0.333)')
    row('alternating, write: hz-alt ÷ ss-alt (Payara)', ratios('hz-alt-write', 'ss-alt-write',
                                                                'cpu_us_per_request'), 1 / 3, '<= 1/3 (0.333)')
    row('one node\'s traffic, write: hz-stick ÷ mem-stick', ratios('hz-stick-write', 'mem-stick-write',
                                                                    'cpu_us_per_request'))
    row('one node\'s traffic, read: hz-stick ÷ ss-stick (Payara)', ratios('hz-stick-read', 'ss-stick-read',
                                                                           'cpu_us_per_request'))
    row('one node\'s traffic, write: hz-stick ÷ ss-stick (Payara)', ratios('hz-stick-write', 'ss-stick-write',
                                                                            'cpu_us_per_request'))
    row('alternating, read: bare ÷ ss-alt (one IMap.get, no library)', ratios('bare-alt-read', 'ss-alt-read',
                                                                             'cpu_us_per_request'))
    row('alternating, write: bare ÷ ss-alt (one IMap.set, no library)', ratios('bare-alt-write', 'ss-alt-write',
                                                                              'cpu_us_per_request'))
    row('alternating, read: hz-alt ÷ bare (the library over the bare map)', ratios('hz-alt-read', 'bare-alt-read',
                                                                                   'cpu_us_per_request'))
    row('alternating, write: hz-alt ÷ bare', ratios('hz-alt-write', 'bare-alt-write', 'cpu_us_per_request'))
    row('read: hz-alt ÷ hz-stick (what alternating costs)', ratios('hz-alt-read', 'hz-stick-read',
                                                                    'cpu_us_per_request'))
    row('write: hz-alt ÷ hz-stick', ratios('hz-alt-write', 'hz-stick-write', 'cpu_us_per_request'))
    row('read: ss-alt ÷ ss-stick (Payara)', ratios('ss-alt-read', 'ss-stick-read', 'cpu_us_per_request'))
    row('write: ss-alt ÷ ss-stick (Payara)', ratios('ss-alt-write', 'ss-stick-write', 'cpu_us_per_request'))
    out += ['', '## The same pairs in req/s (per-round ratios; higher is faster)', '',
            '| ratio of req/s | median | min to max | 95% interval of the median | | |', '|---|---|---|---|---|---|']
    for a, b in [('hz-stick-read', 'mem-stick-read'), ('hz-alt-read', 'ss-alt-read'),
                 ('hz-alt-write', 'ss-alt-write'), ('hz-stick-write', 'mem-stick-write'),
                 ('hz-stick-read', 'ss-stick-read'), ('hz-stick-write', 'ss-stick-write')]:
        row('%s ÷ %s' % (a, b), ratios(a, b, 'rps'))
    out += ['', '## Per-round differences of server CPU per request (us)', '',
            '| difference | median | min to max | 95% interval of the median |', '|---|---|---|---|']
    for a, b in [('hz-stick-read', 'mem-stick-read'), ('hz-stick-write', 'mem-stick-write'),
                 ('ss-alt-read', 'hz-alt-read'), ('ss-alt-write', 'hz-alt-write'),
                 ('hz-alt-write', 'bare-alt-write'), ('hz-alt-read', 'bare-alt-read')]:
        values = [number(runs[r][a]['cpu_us_per_request']) - number(runs[r][b]['cpu_us_per_request'])
                  for r in rounds if a in runs[r] and b in runs[r]]
        ci = median_ci(values)
        out.append('| %s − %s | %.1f | %.1f to %.1f | %s |' % (
            a, b, statistics.median(values), min(values), max(values),
            '%.1f to %.1f' % ci[:2] if ci else '-'))
    out.append('')

load = os.path.join(results, 'throughput', 'load.txt')
if os.path.exists(load):
    lines = open(load).read().strip().splitlines()
    others = [float(x) for x in re.findall(r'others ([\d.]+) cores', '\n'.join(lines))]
    waited = [int(x) for x in re.findall(r'after waiting (\d+) s', '\n'.join(lines))]
    out += ['## Other load before each round', '',
            '%d rounds; the rest of the machine used %.2f to %.2f cores (median %.2f) in the second before a round, '
            'after waiting %d s in all (at most %d s before one round). Every line is in `throughput/load.txt`.'
            % (len(lines), min(others), max(others), statistics.median(others), sum(waited), max(waited)), '']

# Grid
grid = os.path.join(results, 'grid.txt')
if os.path.exists(grid):
    g = read_keys(grid)
    sessions = int(g['sessions'])
    bean = int(g['serialized_bean_bytes'])
    owned = float(g['owned_bytes_per_session'])
    out += ['## Grid bytes per idle session', '',
            '| figure | value |', '|---|---|',
            '| idle sessions made (user i on node i %% 2, one write each) | %d |' % sessions,
            '| owned entries added, both members | %s |' % g['owned_entries_added'],
            '| owned entry memory cost per session (both members, after − before) | **%.1f B** |' % owned,
            '| backup entry memory cost per session (reported apart) | %s B |' % g['backup_bytes_per_session'],
            '| serialized bean (ObjectOutputStream of the bean, changed once) | %d B |' % bean,
            '| one record (the library\'s bytes for that session) | %s B |' % g.get('after.node0.sampleRecordBytes'),
            '| one entry\'s cost (Hazelcast EntryView.getCost) | %s B |' % g.get('after.node0.sampleEntryCost'),
            '| store key | %s characters |' % g.get('after.node0.sampleKeyChars'),
            '| floor: serialized bean + 200 B | %d B |' % (bean + 200),
            '| verdict | %s (%+.1f B) |' % ('met' if owned <= bean + 200 else '**missed**', owned - bean - 200), '']

# Kill
kills = sorted(glob.glob(os.path.join(results, 'kill-*.txt')))
if kills:
    out += ['## kill -9: time until the survivor has served every session with its full state', '',
            '| run | killed | sessions | all served after the kill (ms) | first (ms) | median (ms) | failed attempts '
            '| same pass on the healthy cluster (ms) |', '|---|---|---|---|---|---|---|---|']
    times = []
    for path in kills:
        k = read_keys(path)
        out.append('| %s | %s | %s | **%s** | %s | %s | %s | %s |' % (
            k['run'], k['victim'], k['kill_served'], k['kill_all_served_ms'], k.get('kill_first_served_ms'),
            k.get('kill_median_served_ms'), k['kill_failures'], k['healthy_all_served_ms']))
        t = number(k['kill_all_served_ms'])
        times.append(t if t is not None else float('inf'))
    out += ['', 'Floor <= 5000 ms: %s (worst run %.1f ms)' % ('met' if max(times) <= 5000 else '**missed**',
                                                              max(times)), '']

print('\n'.join(out))
