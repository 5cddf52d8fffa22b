#!/usr/bin/env python3
"""Summarizes the raw outputs under benchmarks/results/ as Markdown: medians, ratios and the issue's targets."""
import glob
import json
import math
import os
import re
import statistics
import sys

results = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', 'results')


def read(name):
    path = os.path.join(results, name)
    return open(path).read() if os.path.exists(path) else None


def verdict(ok):
    return 'met' if ok else '**missed**'


out = []
machine = read('machine.txt')
if machine:
    out += ['## Machine', '', '```', machine.strip(), '```', '']
load = read('load.txt')
if load:
    out += ['Load average before each part (1, 5, 15 min):', '', '```', load.strip(), '```', '']

# 1. JMH
jmh = read('jmh.json')
if jmh:
    data = json.loads(jmh)
    rows = {}
    for entry in data:
        name = entry['benchmark'].rsplit('.', 1)[1]
        raw = entry['primaryMetric']['rawData']
        iterations = [v for fork in raw for v in fork]
        fork_means = [statistics.mean(fork) for fork in raw]
        alloc = entry.get('secondaryMetrics', {}).get('gc.alloc.rate.norm', {}).get('score')
        rows[name] = dict(median=statistics.median(iterations), forks=fork_means, n=len(iterations),
                          score=entry['primaryMetric']['score'], error=entry['primaryMetric']['scoreError'],
                          alloc=alloc)
    out += ['## 1. Proxied method call (JMH, Weld SE, ns/op, lower is better)', '',
            '| benchmark | median of all iterations | mean of each fork | JMH score ± error | B/op |',
            '|---|---|---|---|---|']
    for name in sorted(rows):
        r = rows[name]
        out.append('| %s | %.1f | %s | %.1f ± %.1f | %s |' % (
            name, r['median'], ', '.join('%.1f' % f for f in r['forks']), r['score'], r['error'],
            '%.0f' % r['alloc'] if r['alloc'] is not None else '-'))
    out += ['', '| comparison | @UserSession / @SessionScoped (time ratio, median) | target | |', '|---|---|---|---|']
    for prefix, target in [('call', 1.0), ('callNoRequest', 1.0), ('bindCall', None), ('newSession', None)]:
        us, ss = rows.get(prefix + '_userSession'), rows.get(prefix + '_sessionScoped')
        if us and ss:
            ratio = us['median'] / ss['median']
            out.append('| %s | %.2fx (%.1f / %.1f ns) | %s | %s |' % (
                prefix, ratio, us['median'], ss['median'], '<= %.1fx' % target if target else 'none',
                verdict(ratio <= target) if target else ''))
    out.append('')

# 2. HTTP
def median_ci(values, confidence=0.95):
    """Distribution-free confidence interval of the median (the sign test's): the k-th smallest and the k-th largest
    value, k the largest whose coverage is at least `confidence`. Returns (low, high, coverage), or None when there
    are too few values for that coverage (fewer than 6)."""
    ordered = sorted(values)
    n = len(ordered)
    best = None
    for k in range(1, n // 2 + 1):
        coverage = 1 - 2 * sum(math.comb(n, i) for i in range(k)) / 2 ** n
        if coverage < confidence:
            break
        best = (ordered[k - 1], ordered[n - k], coverage)
    return best


def decide(values, target):
    """met when the whole confidence interval of the median is at or above the target, missed when it is wholly
    below it, otherwise undecided: every value counts, none is dropped."""
    ci = median_ci(values)
    if ci is None:
        return 'undecided (too few rounds for a 95% interval)'
    if ci[0] >= target:
        return 'met'
    if ci[1] < target:
        return '**missed**'
    return 'undecided'


def round_key(path):
    match = re.match(r'round-(\d+)-(\w+)\.txt$', os.path.basename(path))
    return int(match.group(1)), match.group(2)


rounds = sorted(glob.glob(os.path.join(results, 'http', 'round-*-*.txt')), key=round_key)
if rounds:
    per = {}
    cpu = {}
    errors = {}
    by_round = {}   # round -> endpoint -> dict(rps, p99, cpu, started)
    for path in rounds:
        number, endpoint = round_key(path)
        text = open(path).read()
        rps = float(re.search(r'Requests/sec:\s+([\d.]+)', text).group(1))
        p99 = re.search(r'^\s+99%\s+([\d.]+)(us|ms|s)\s*$', text, re.M)
        p99ms = float(p99.group(1)) * {'us': 0.001, 'ms': 1, 's': 1000}[p99.group(2)]
        per.setdefault(endpoint, []).append((rps, p99ms))
        cpu_match = re.search(r'Server CPU per request: ([\d.]+) us', text)
        if cpu_match:
            cpu.setdefault(endpoint, []).append(float(cpu_match.group(1)))
        started = re.search(r'^Started at: ([\d.]+)', text, re.M)
        others = re.search(r'^Machine during the run: .*others ([\d.]+)', text, re.M)
        wrk_match = re.search(r'^wrk CPU per request: ([\d.]+) us', text, re.M)
        by_round.setdefault(number, {})[endpoint] = dict(
            rps=rps, p99=p99ms, cpu=float(cpu_match.group(1)) if cpu_match else None,
            wrk=float(wrk_match.group(1)) if wrk_match else None,
            started=float(started.group(1)) if started else None, others=float(others.group(1)) if others else None)
        bad = re.search(r'Non-2xx or 3xx responses: (\d+)', text)
        sock = re.search(r'Socket errors: (.*)', text)
        if bad or sock:
            errors.setdefault(endpoint, []).append((bad.group(0) if bad else '') + ' ' + (sock.group(0) if sock else ''))
    out += ['## 2. HTTP throughput (wrk, Payara Micro, loopback)', '',
            '| endpoint | req/s each round | median req/s | p99 each round (ms) | median p99 (ms) |',
            '|---|---|---|---|---|']
    med = {}
    for endpoint in [e for e in ['us', 'ss', 'none', 'nonec'] if e in per]:
        if endpoint in per:
            rps = [r for r, _ in per[endpoint]]
            p99 = [p for _, p in per[endpoint]]
            med[endpoint] = (statistics.median(rps), statistics.median(p99))
            out.append('| /%s | %s | %.0f | %s | %.2f |' % (endpoint, ', '.join('%.0f' % r for r in rps),
                                                          med[endpoint][0], ', '.join('%.2f' % p for p in p99),
                                                          med[endpoint][1]))
    out.append('')
    if 'us' in med and 'ss' in med and 'none' in med:
        r1 = med['us'][0] / med['ss'][0]
        r2 = med['us'][0] / med['none'][0]
        out += ['| ratio of median req/s | value | target | |', '|---|---|---|---|',
                '| /us ÷ /ss | %.3f | >= 1.0 | %s |' % (r1, verdict(r1 >= 1.0)),
                '| /us ÷ /none | %.3f | >= 0.95 | %s |' % (r2, verdict(r2 >= 0.95)),
                '| p99 /us ÷ /ss | %.2f | (reported) | |' % (med['us'][1] / med['ss'][1]),
                '| p99 /us ÷ /none | %.2f | (reported) | |' % (med['us'][1] / med['none'][1]), '']
    if cpu:
        out += ['Server CPU time per request (the server process\'s user + system time during the round ÷ requests',
                'served), a second view of the same rounds:', '',
                '| endpoint | us/request each round | median |', '|---|---|---|']
        cmed = {}
        for endpoint in ['us', 'ss', 'none']:
            if endpoint in cpu:
                cmed[endpoint] = statistics.median(cpu[endpoint])
                out.append('| /%s | %s | %.1f |' % (endpoint, ', '.join('%.1f' % c for c in cpu[endpoint]),
                                                   cmed[endpoint]))
        if len(cmed) == 3:
            out += ['', 'Throughput implied by CPU per request: /us ÷ /ss = %.3f, /us ÷ /none = %.3f' % (
                cmed['ss'] / cmed['us'], cmed['none'] / cmed['us']),
                    'CPU per request, ratio of medians: /us ÷ /ss = %.3f, /us ÷ /none = %.3f (/us costs %+.1f us '
                    'per request more than /none)' % (cmed['us'] / cmed['ss'], cmed['us'] / cmed['none'],
                                                       cmed['us'] - cmed['none']), '']

    # Paired rounds: a round's three runs are adjacent in time, so the machine's other load, which moves from one
    # round to the next, affects them alike; the ratio within each round removes most of it. Every complete round
    # counts; none is dropped or picked.
    complete = [n for n in sorted(by_round) if all(e in by_round[n] for e in ('us', 'ss', 'none'))]
    if complete:
        out += ['### Paired rounds: ratios within each round', '',
                'Each round runs the three endpoints back to back (order rotating from round to round), so the ratio',
                'within a round compares runs seconds apart instead of medians taken over the whole part. All %d '
                'complete rounds count%s.' % (len(complete), '' if len(complete) == len(by_round) else
                                             ' (%d incomplete round(s) left out: a run file is missing)'
                                             % (len(by_round) - len(complete))), '',
                '"span" is the time from the start of the round\'s first run to the start of its last; "others" the',
                'CPU the rest of the machine used meanwhile (cores, least and most of the three runs), which shows the',
                'disturbed rounds (they are counted all the same).', '',
                '| round | order | span (s) | others (cores) | req/s /us | /ss | /none | /us ÷ /ss | /us ÷ /none '
                '| CPU us/req /us | /ss | /none | CPU /us ÷ /none |',
                '|---|---|---|---|---|---|---|---|---|---|---|---|---|']
        paired = {'us/ss': [], 'us/none': [], 'cpu none/us': [], 'cpu ss/us': [], 'cpu us/none': [],
                  'p99 us/ss': [], 'p99 us/none': []}
        for n in complete:
            r = by_round[n]
            starts = [r[e]['started'] for e in ('us', 'ss', 'none')]
            if None in starts:
                order, span = '-', '-'
            else:
                order = ' '.join(e for _, e in sorted((r[e]['started'], e) for e in ('us', 'ss', 'none')))
                span = '%.0f' % (max(starts) - min(starts))
            us_ss = r['us']['rps'] / r['ss']['rps']
            us_none = r['us']['rps'] / r['none']['rps']
            paired['us/ss'].append(us_ss)
            paired['us/none'].append(us_none)
            paired['p99 us/ss'].append(r['us']['p99'] / r['ss']['p99'])
            paired['p99 us/none'].append(r['us']['p99'] / r['none']['p99'])
            cpus = [r[e]['cpu'] for e in ('us', 'ss', 'none')]
            if None not in cpus and 0 not in cpus:
                paired['cpu none/us'].append(cpus[2] / cpus[0])
                paired['cpu ss/us'].append(cpus[1] / cpus[0])
                paired['cpu us/none'].append(cpus[0] / cpus[2])
            others = [r[e]['others'] for e in ('us', 'ss', 'none') if r[e]['others'] is not None]
            out.append('| %d | %s | %s | %s | %.0f | %.0f | %.0f | %.3f | %.3f | %s | %s |' % (
                n, order, span, '%.2f to %.2f' % (min(others), max(others)) if others else '-', r['us']['rps'], r['ss']['rps'], r['none']['rps'], us_ss, us_none,
                ' | '.join('%.1f' % c if c is not None else '-' for c in cpus),
                '%.3f' % (cpus[0] / cpus[2]) if None not in cpus and cpus[2] else '-'))
        out += ['', 'Per-round ratios over all %d rounds. The interval is the distribution-free 95%% confidence '
                'interval of' % len(complete),
                'the median (sign test: the k-th smallest and k-th largest of the rounds); the verdict is "met" when '
                'the whole',
                'interval is at or above the target, "missed" when it is wholly below, otherwise "undecided".', '',
                '| per-round ratio | median | min | max | 95% interval of the median | rounds >= target | target '
                '| verdict |',
                '|---|---|---|---|---|---|---|---|']

        def paired_row(label, values, target):
            if not values:
                return
            ci = median_ci(values)
            out.append('| %s | %.3f | %.3f | %.3f | %s | %s | %s | %s |' % (
                label, statistics.median(values), min(values), max(values),
                '%.3f to %.3f (%.1f%%)' % (ci[0], ci[1], 100 * ci[2]) if ci else '- (too few rounds)',
                '%d of %d' % (sum(v >= target for v in values), len(values)) if target else '',
                '>= %.2f' % target if target else '(reported)', decide(values, target) if target else ''))

        paired_row('req/s /us ÷ /ss', paired['us/ss'], 1.0)
        paired_row('req/s /us ÷ /none', paired['us/none'], 0.95)
        paired_row('CPU-implied throughput /us ÷ /ss (CPU /ss ÷ CPU /us)', paired['cpu ss/us'], 1.0)
        paired_row('CPU-implied throughput /us ÷ /none (CPU /none ÷ CPU /us)', paired['cpu none/us'], 0.95)
        paired_row('CPU per request /us ÷ /none', paired['cpu us/none'], None)
        paired_row('p99 /us ÷ /ss', paired['p99 us/ss'], None)
        paired_row('p99 /us ÷ /none', paired['p99 us/none'], None)
        out.append('')

        # The reference endpoint "nonec" (/none with a foreign cookie of the same length): splits /us's extra cost
        # into what carrying a cookie costs any application and what the session costs on top.
        with_cookie = [n for n in complete if 'nonec' in by_round[n]]
        if with_cookie:
            def ratios(a, b, key):
                return [by_round[n][a][key] / by_round[n][b][key] for n in with_cookie
                        if by_round[n][a][key] and by_round[n][b][key]]
            out += ['Reference: /nonec is /none with a cookie of the same length under another name (%d rounds):'
                    % len(with_cookie), '',
                    '| per-round ratio | median | min | max | 95% interval of the median |', '|---|---|---|---|---|']
            for label, values in [
                    ('req/s /nonec ÷ /none (the cost of carrying a cookie)', ratios('nonec', 'none', 'rps')),
                    ('req/s /us ÷ /nonec (the session, beyond the cookie)', ratios('us', 'nonec', 'rps')),
                    ('CPU per request /nonec ÷ /none', ratios('nonec', 'none', 'cpu')),
                    ('CPU per request /us ÷ /nonec', ratios('us', 'nonec', 'cpu'))]:
                if values:
                    ci = median_ci(values)
                    out.append('| %s | %.3f | %.3f | %.3f | %s |' % (
                        label, statistics.median(values), min(values), max(values),
                        '%.3f to %.3f (%.1f%%)' % (ci[0], ci[1], 100 * ci[2]) if ci else '- (too few rounds)'))
            out.append('')
            # wrk runs on the same two cores: CPU it spends per request is taken from the server. Differences within
            # each round, in us per request, tell how much of /nonec's lower req/s is wrk's and how much the server's.
            if all(by_round[n][e]['wrk'] is not None for n in with_cookie for e in ('nonec', 'none', 'us')):
                out += ['CPU per request of wrk and of the server, differences within each round (us per request):',
                        '', '| per-round figure | median | min | max | 95% interval of the median |',
                        '|---|---|---|---|---|']
                for endpoint in ('us', 'ss', 'none', 'nonec'):
                    values = [by_round[n][endpoint]['wrk'] for n in with_cookie if endpoint in by_round[n]]
                    if values:
                        ci = median_ci(values)
                        out.append('| wrk CPU per request, /%s | %.2f | %.2f | %.2f | %s |' % (
                            endpoint, statistics.median(values), min(values), max(values),
                            '%.2f to %.2f' % (ci[0], ci[1]) if ci else '-'))
                for label, a, b, key in [('wrk', 'nonec', 'none', 'wrk'), ('server', 'nonec', 'none', 'cpu'),
                                         ('wrk', 'us', 'nonec', 'wrk'), ('server', 'us', 'nonec', 'cpu')]:
                    values = [by_round[n][a][key] - by_round[n][b][key] for n in with_cookie]
                    ci = median_ci(values)
                    out.append('| %s CPU per request, /%s - /%s | %.2f | %.2f | %.2f | %s |' % (
                        label, a, b, statistics.median(values), min(values), max(values),
                        '%.2f to %.2f' % (ci[0], ci[1]) if ci else '-'))
                # Each difference as a share of /none's whole CPU per request (server + wrk): with the two cores the
                # limit, these are the parts of the req/s gap that wrk's and the server's extra work explain.
                for label, key in [('wrk', 'wrk'), ('server', 'cpu')]:
                    values = [(by_round[n]['nonec'][key] - by_round[n]['none'][key])
                              / (by_round[n]['none']['cpu'] + by_round[n]['none']['wrk']) for n in with_cookie]
                    ci = median_ci(values)
                    out.append('| %s CPU per request, (/nonec - /none) ÷ (server + wrk of /none) | %.3f | %.3f | %.3f '
                               '| %s |' % (label, statistics.median(values), min(values), max(values),
                                           '%.3f to %.3f' % (ci[0], ci[1]) if ci else '-'))
                for label, a, b in [('server + wrk CPU per request /nonec ÷ /none', 'nonec', 'none'),
                                    ('server + wrk CPU per request /us ÷ /nonec', 'us', 'nonec')]:
                    values = [(by_round[n][a]['cpu'] + by_round[n][a]['wrk'])
                              / (by_round[n][b]['cpu'] + by_round[n][b]['wrk']) for n in with_cookie]
                    ci = median_ci(values)
                    out.append('| %s | %.3f | %.3f | %.3f | %s |' % (
                        label, statistics.median(values), min(values), max(values),
                        '%.3f to %.3f' % (ci[0], ci[1]) if ci else '-'))
                out.append('')
            # Issue 13's floor on what the session itself costs the server, beyond carrying a cookie.
            session = ratios('us', 'nonec', 'cpu')
            ci = median_ci(session) if session else None
            if ci:
                median = statistics.median(session)
                out += ['Issue 13: CPU per request /us ÷ /nonec <= 1.02: median %.3f, %s; the whole interval at or '
                        'below 1.02: %s.' % (median, verdict(median <= 1.02),
                                             'yes' if ci[1] <= 1.02 else 'no (up to %.3f)' % ci[1]), '']
    out.append('Errors reported by wrk: %s' % (errors if errors else 'none'))
    out.append('')

# 3. Memory
memory = read('memory.txt')
if memory:
    values = dict(re.findall(r'^(\S+?)=(\S+)$', memory, re.M))
    beyond = float(values['userSession.retainedBeyondBeanPerSession'])
    out += ['## 3. Memory per idle session (1,000,000 sessions, one 16-byte bean each)', '',
            '| figure | @UserSession | Weld @SessionScoped, bound context (reference) |', '|---|---|---|']
    for key in ['histogramBytesPerSession', 'usedHeapBytesPerSession', 'beanBytesPerSession',
                'retainedBeyondBeanPerSession']:
        out.append('| %s | %s | %s |' % (key, values.get('userSession.' + key), values.get('sessionScoped.' + key)))
    out += ['', 'Target: retained beyond the bean <= 512 B/session: %.1f B, %s' % (beyond, verdict(beyond <= 512)),
            '']

# 4. Reaper
reaper_runs = sorted(glob.glob(os.path.join(results, 'reaper-[0-9].txt')))
if reaper_runs:
    none_due, expiring, during_max, during_p99, before_p99, in_use = [], [], [], [], [], []
    for path in reaper_runs:
        text = open(path).read()
        none_due.append(float(re.search(r'noneDue\.pass\.count=\d+ median=([\d.]+)us', text).group(1)))
        expiring.append(float(re.search(r'expiring\.passMillis=([\d.]+)', text).group(1)))
        during = re.search(r'expiring\.find\.during\.lookups=\d+ .*?p99=([\d.]+)us .*?max=([\d.]+)us', text)
        before = re.search(r'expiring\.find\.before\.lookups=\d+ .*?p99=([\d.]+)us', text)
        during_p99.append(float(during.group(1)))
        during_max.append(float(during.group(2)))
        before_p99.append(float(before.group(1)))
        in_use.append(float(re.search(r'inUse\.pass\.count=\d+ median=([\d.]+)us', text).group(1)))
    m_none = statistics.median(none_due)
    m_exp = statistics.median(expiring)
    out += ['## 4. Expiry (reaper)', '', '| figure | each run | median | target | |', '|---|---|---|---|---|',
            '| one pass, 1,000,000 live, none due (median of 20,000 passes), us | %s | %.3f | < 1000 us | %s |' % (
                ', '.join('%.3f' % v for v in none_due), m_none, verdict(m_none < 1000)),
            '| one pass ending 100,000 sessions at once, ms | %s | %.1f | < 1000 ms | %s |' % (
                ', '.join('%.1f' % v for v in expiring), m_exp, verdict(m_exp < 1000)),
            '| find(id) p99 during that pass, us | %s | %.2f | not blocked | |' % (
                ', '.join('%.2f' % v for v in during_p99), statistics.median(during_p99)),
            '| find(id) p99 in the second before it, us | %s | %.2f | | |' % (
                ', '.join('%.2f' % v for v in before_p99), statistics.median(before_p99)),
            '| find(id) max during that pass, us | %s | %.1f | | |' % (
                ', '.join('%.1f' % v for v in during_max), statistics.median(during_max)),
            '| one pass, 900,000 live in use, ~900 refiled (median of 600 passes), us | %s | %.1f | | |' % (
                ', '.join('%.1f' % v for v in in_use), statistics.median(in_use)),
            '']

print('\n'.join(out))
