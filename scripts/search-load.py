#!/usr/bin/env python3
"""What the search page loads for some queries on a built site (the page's own algorithm, in Python).

    python3 scripts/search-load.py PUBLIC/   (for example a 20,000-entry bench site built into /tmp/b20k/)
"""
import json, os, sys
root=sys.argv[1]
meta=json.load(open(root+'search.json'))
def size(p): return os.path.getsize(root+p)
def shard(key):
    h=0
    for ch in key: h=(h*31+ord(ch))%1000003
    return h%meta['shards']
def keys(words):
    out=set()
    for w in words:
        if len(w)==1: out.add(w)
        for i in range(len(w)-1): out.add(w[i:i+2])
    return out
def run(q, page=20):
    words=q.lower().split(); loaded=size('search.json'); seen=set(); lists=[]
    for k in keys(words):
        h=shard(k)
        if h not in seen: seen.add(h); loaded+=size('search/keys-%d.json'%h)
        s=json.load(open(root+'search/keys-%d.json'%h)); n=0; out=[]
        for g in s.get(k,[]): n+=g; out.append(n)
        lists.append(set(out))
    cand=sorted(set.intersection(*lists)) if lists else []
    hits=0; blocks=set()
    for n in cand:
        if hits>=page: break
        b=n//meta['blockSize']
        recs=json.load(open(root+'search/records-%d.json'%b))
        if b not in blocks: blocks.add(b); loaded+=size('search/records-%d.json'%b)
        d=recs[n-b*meta['blockSize']]
        if all(w in (d['t']+' '+d['d']+' '+d.get('w','')).lower() for w in words): hits+=1
    return hits, len(cand), loaded
recs=json.load(open(root+'search/records-0.json'))+json.load(open(root+'search/records-71.json'))
qs=[recs[5]['t'], recs[70]['t'], recs[3].get('w',''), recs[90].get('w',''), '劳动模范', '王', '工会', recs[7]['d'].split(' · ')[0], '读书']
worst=0
for q in qs:
    h,c,l=run(q); worst=max(worst,l); print('%-24r shown %3d of about %5d, loaded %4.0f KB'%(q,h,c,l/1024))
tot=sum(os.path.getsize(root+'search/'+f) for f in os.listdir(root+'search'))
print('index %.1f MB in %d files; the most a query above loaded: %.0f KB'%(tot/1e6, len(os.listdir(root+'search'))+1, worst/1024))
