#!/usr/bin/env python3
# Usage: ACQUIS_PEERS_EXPORT=/tmp/perf-peers-export-<hash> scripts/two-cores.py target/release/acquis [pairs]
# Alternates one-core and two-core runs of the 1,000-file check; prints medians and the
# median of per-pair ratios (drift on this VM affects both halves of a pair alike).
import subprocess, sys, time, glob, os, statistics as st
B = sys.argv[1]; n = int(sys.argv[2]) if len(sys.argv) > 2 else 40
D = os.environ["ACQUIS_PEERS_EXPORT"]
files = sorted(glob.glob(D + "/assessments/d*.yaml"))
def run(cpus):
    try: os.remove("/tmp/y.json")
    except FileNotFoundError: pass
    cmd = ["taskset", "-c", cpus, B, "check", *files, "--rules", D + "/rules", "--format", "json", "-o", "/tmp/y.json"]
    t = time.perf_counter(); subprocess.run(cmd, stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL); return time.perf_counter() - t
for _ in range(3): run("0"); run("0,1")
one, two = [], []
for i in range(n):
    if i % 2: two.append(run("0,1")); one.append(run("0"))
    else: one.append(run("0")); two.append(run("0,1"))
ratios = [a / b for a, b in zip(one, two)]
print(f"one core median {st.median(one)*1000:.1f} ms (min {min(one)*1000:.1f}); two cores median {st.median(two)*1000:.1f} ms (min {min(two)*1000:.1f}); "
      f"ratio of medians {st.median(one)/st.median(two):.2f}, median of paired ratios {st.median(ratios):.2f}, of mins {min(one)/min(two):.2f}")
