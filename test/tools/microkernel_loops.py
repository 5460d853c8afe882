#!/usr/bin/env python3
"""Summarises the innermost FMA loops of an x86 assembly file from llc.

    microkernel_loops.py FILE.s [--min-fmas N]

Prints one line per innermost loop (llc marks its header "This Inner Loop
Header") with at least N vector FMAs: its label, the FMA count, the vector
register kind and how many spills and reloads (llc's "Spill"/"Reload"
comments) it holds, then a total line. A GEMM micro-kernel whose
accumulators do not fit the register file spills and reloads them on every
K step; the lit tests FileCheck these lines per target CPU.
"""

import argparse
import re
import sys


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("asm")
    parser.add_argument("--min-fmas", type=int, default=8)
    args = parser.parse_args()

    blocks = []
    current = None
    with open(args.asm) as f:
        for line in f:
            label = re.match(r"^(\.LBB\S+):", line) or re.match(r"^# (%bb\.\d+):", line)
            if label:
                current = {"label": label.group(1), "inner": False, "fmas": 0,
                           "spills": 0, "regs": set()}
                blocks.append(current)
            if current is None:
                continue
            if "Inner Loop Header" in line:
                current["inner"] = True
            code = line.split("#")[0]
            fma = re.search(r"\bvfmadd\d+ps\s.*%([xyz])mm", code)
            if fma:
                current["fmas"] += 1
                current["regs"].add(fma.group(1) + "mm")
            if "Spill" in line or "Reload" in line:
                current["spills"] += 1

    loops = [b for b in blocks if b["inner"] and b["fmas"] >= args.min_fmas]
    for b in loops:
        print(f"loop {b['label']}: {b['fmas']} FMAs on {','.join(sorted(b['regs']))}, "
              f"{b['spills']} spills/reloads")
    print(f"{len(loops)} micro-kernel loops, {sum(b['spills'] for b in loops)} spills/reloads")
    return 0 if loops else 1


if __name__ == "__main__":
    sys.exit(main())
