#!/usr/bin/env python3
# Usage: ACQUIS_PEERS_EXPORT=/tmp/perf-peers-export-<hash> scripts/core-ceiling.py target/release/acquis [runs]
# The machine's own ceiling for this workload: the 1,000-file check on one core alone, then
# two such checks at once, one per core (nothing shared but the machine). Two cores can
# give at most 2 x alone / together.
import subprocess, sys, time, glob, os, statistics as st
B = sys.argv[1]; n = int(sys.argv[2]) if len(sys.argv) > 2 else 30
D = os.environ["ACQUIS_PEERS_EXPORT"]
files = sorted(glob.glob(D + "/assessments/d*.yaml"))
def cmd(cpu, out):
    return ["taskset", "-c", cpu, B, "check", *files, "--rules", D + "/rules", "--format", "json", "-o", out]
def clean():
    for f in ("/tmp/c0.json", "/tmp/c1.json"):
        try: os.remove(f)
        except FileNotFoundError: pass
alone, together = [], []
for i in range(n + 3):
    clean(); t = time.perf_counter(); subprocess.run(cmd("0", "/tmp/c0.json"), stderr=subprocess.DEVNULL); a = time.perf_counter() - t
    clean(); t = time.perf_counter()
    p = [subprocess.Popen(cmd(c, f"/tmp/c{c}.json"), stderr=subprocess.DEVNULL) for c in "01"]
    ends = []
    for q in p: q.wait(); ends.append(time.perf_counter() - t)
    if i >= 3: alone.append(a); together.append(max(ends))
print(f"alone median {st.median(alone)*1000:.1f} ms; two at once (slowest) median {st.median(together)*1000:.1f} ms; "
      f"ceiling 2 x alone / together = {2*st.median(alone)/st.median(together):.2f} (paired median {st.median([2*a/b for a,b in zip(alone,together)]):.2f})")
