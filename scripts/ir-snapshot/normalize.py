#!/usr/bin/env python3
"""Makes a lowered module's text independent of the order in which its
constant globals were created: each `@__constant_*` global is renamed after
a hash of its definition and the definitions are listed sorted, ahead of
the rest. Any change in a constant's value, type or uses still shows.
The PTX compile time that gpu.binary records is dropped.

Usage: scripts/ir-snapshot/normalize.py FILE   (rewrites FILE)
"""

import hashlib
import re
import sys

GLOBAL = re.compile(r"^  (?:llvm\.mlir|memref)\.global (?:private )?constant "
                    r"@(__constant_\w+)")
SYMBOL = re.compile(r"@(__constant_\w+)")


def main():
    path = sys.argv[1]
    with open(path) as f:
        lines = f.read().split("\n")
    rename = {}
    for line in lines:
        m = GLOBAL.match(line)
        if m:
            body = line[:m.start(1)] + line[m.end(1):]
            digest = hashlib.sha1(body.encode()).hexdigest()[:16]
            rename[m.group(1)] = "__constant_" + digest
    def sub(line):
        return SYMBOL.sub(lambda m: "@" + rename.get(m.group(1), m.group(1)), line)
    globals_, rest = [], []
    for line in lines:
        line = re.sub(r"LLVMIRToISATimeInMs = [0-9]+ : i64, ", "", line)
        if "@__constant_" in line:
            line = sub(line)
        (globals_ if GLOBAL.match(line) else rest).append(line)
    with open(path, "w") as f:
        f.write("\n".join(sorted(globals_) + rest))
    return 0


if __name__ == "__main__":
    sys.exit(main())
