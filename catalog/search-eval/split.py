#!/usr/bin/env python3
"""Split rule for the search eval set (see README.md).

Within each kind, cases are sorted by sha256(query) and dealt alternately to
tune / holdout (tune first). Existing assignments are never moved.

  python3 split.py --check            verify tune.json/holdout.json (schema, slugs, duplicates)
  python3 split.py --init ALL.json    split a complete set from scratch (used once, for v1)
  python3 split.py --add NEW.json     split a batch of new cases with the same rule and
                                      append them; per kind, the batch's first case goes to
                                      whichever file has fewer cases of that kind
"""
import hashlib, json, os, sys, collections

HERE = os.path.dirname(os.path.abspath(__file__))
TUNE, HOLD = os.path.join(HERE, 'tune.json'), os.path.join(HERE, 'holdout.json')
CATALOG = os.path.join(HERE, '..', 'dist', 'catalog.json')
KINDS = ['plain', 'app_named', 'synonym', 'vague', 'non_english', 'typo', 'agent']


def h(q):
    return hashlib.sha256(q.encode('utf-8')).hexdigest()


def load(p):
    return json.load(open(p, encoding='utf-8')) if os.path.exists(p) else []


def dump(p, cases):
    with open(p, 'w', encoding='utf-8') as f:
        f.write('[\n' + ',\n'.join(json.dumps(c, ensure_ascii=False) for c in cases) + '\n]\n')


def deal(cases, tune_first):
    tune, hold = [], []
    by_kind = collections.defaultdict(list)
    for c in cases:
        by_kind[c['kind']].append(c)
    for kind in KINDS:
        group = sorted(by_kind.pop(kind, []), key=lambda c: h(c['query']))
        first = tune_first(kind)
        for i, c in enumerate(group):
            (tune if (i % 2 == 0) == first else hold).append(c)
    assert not by_kind, f'unknown kinds: {list(by_kind)}'
    return tune, hold


def check(cases):
    cat = json.load(open(CATALOG, encoding='utf-8'))
    slug2tk = {t['slug']: tk['slug'] for tk in cat for t in tk['tools']}
    errs, seen = [], set()
    for c in cases:
        if set(c) != {'query', 'expected', 'kind', 'toolkit'}: errs.append(f'bad keys: {c}')
        if c['kind'] not in KINDS: errs.append(f'bad kind: {c}')
        if not c['expected']: errs.append(f'no expected: {c}')
        for s in c['expected']:
            if s not in slug2tk: errs.append(f'unknown slug {s}: {c["query"]}')
        if c['expected'] and slug2tk.get(c['expected'][0]) != c['toolkit']:
            errs.append(f'toolkit is not that of the first expected slug: {c["query"]}')
        k = ' '.join(c['query'].lower().split())
        if k in seen: errs.append(f'duplicate query: {c["query"]}')
        seen.add(k)
    return errs


def report(tune, hold):
    for name, cs in (('tune', tune), ('holdout', hold)):
        print(name, len(cs), dict(collections.Counter(c['kind'] for c in cs)))


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else '--check'
    tune, hold = load(TUNE), load(HOLD)
    if mode == '--init':
        cases = json.load(open(sys.argv[2], encoding='utf-8'))
        tune, hold = deal(cases, lambda kind: True)
    elif mode == '--add':
        new = json.load(open(sys.argv[2], encoding='utf-8'))
        nt = collections.Counter(c['kind'] for c in tune)
        nh = collections.Counter(c['kind'] for c in hold)
        t2, h2 = deal(new, lambda kind: nt[kind] <= nh[kind])
        tune, hold = tune + t2, hold + h2
    elif mode != '--check':
        sys.exit(__doc__)
    errs = check(tune + hold)
    if errs:
        print('\n'.join(errs))
        sys.exit(1)
    if mode != '--check':
        dump(TUNE, tune)
        dump(HOLD, hold)
    report(tune, hold)


if __name__ == '__main__':
    main()
