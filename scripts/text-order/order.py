#!/usr/bin/env python3
"""Turns trace-text records into an lld symbol-ordering file (used by make-order.sh).

  order.py entries BINARY                 entry addresses of BINARY's functions, ascending
                                          (TRACE_TEXT_ENTRIES for TRACE_TEXT_MODE=functions)
  order.py symbols BINARY TRACE...        one symbol name a line, first executed first:
                                          the functions the traces name, in the traces' order
  order.py symbols --pages BINARY TRACE...  the same from page traces: every function that
                                          overlaps an executed page, by address within it

The symbols are read with `readelf -sW` (binutils): defined STT_FUNC symbols of .symtab that
lie in the executable LOAD segment. A name appears once; every name of an address (aliases)
is listed, which lld treats as the same section.

Only names that one function of the binary has are listed. lld gives a listed name's
priority to every symbol so named, local symbols of every object included, and compilers
emit local helpers under the same name in many objects (Swift's outlined copies `WOh`, merged
functions `Tm`, value witnesses of imported types): listing one would pull all their copies,
and the plain `.text` sections of all those objects, into the hot region. Measured on the
first profile: the 91 executed functions that only have such names all lie in input sections
that a uniquely named executed function already moves.
"""
import bisect
import re
import subprocess
import sys

PAGE = 4096


def text_segment(binary):
    out = subprocess.run(["readelf", "-lW", binary], check=True, capture_output=True, text=True).stdout
    for line in out.splitlines():
        f = line.split()
        if f and f[0] == "LOAD" and "E" in f[6:-1]:
            vaddr, memsz = int(f[2], 16), int(f[5], 16)
            return vaddr, vaddr + memsz
    sys.exit(f"order.py: {binary}: no executable LOAD segment")


def unique(funcs):
    """The names that one function (one address) has in funcs."""
    where = {}
    for addr, _, name in funcs:
        where.setdefault(name, set()).add(addr)
    return {name for name, addrs in where.items() if len(addrs) == 1}


def functions(binary):
    """[(address, size, name)] of the functions in the executable segment, by address."""
    lo, hi = text_segment(binary)
    out = subprocess.run(["readelf", "-sW", binary], check=True, capture_output=True, text=True).stdout
    table, result = None, []
    for line in out.splitlines():
        m = re.match(r"Symbol table '([^']+)'", line)
        if m:
            table = m.group(1)
            continue
        if table != ".symtab":
            continue
        f = line.split(None, 7)
        if len(f) < 8 or f[3] != "FUNC" or f[6] in ("UND", "ABS"):
            continue
        addr, size = int(f[1], 16), int(f[2], 0)
        if lo <= addr < hi:
            result.append((addr, size, f[7]))
    if not result:
        sys.exit(f"order.py: {binary}: no function symbols (is it stripped?)")
    result.sort()
    return result


def read_trace(path):
    with open(path) as f:
        return [int(line, 16) for line in f if line.strip()]


def main(argv):
    if len(argv) >= 2 and argv[0] == "entries":
        last = None
        for addr, _, _ in functions(argv[1]):
            if addr != last:
                print(f"{addr:x}")
                last = addr
        return
    if len(argv) >= 3 and argv[0] == "symbols":
        pages = argv[1] == "--pages"
        binary, traces = (argv[2], argv[3:]) if pages else (argv[1], argv[2:])
        funcs = functions(binary)
        starts = [a for a, _, _ in funcs]
        listable = unique(funcs)
        seen = set()

        def emit(name):
            if name in listable and name not in seen:
                seen.add(name)
                print(name)

        for trace in traces:
            for addr in read_trace(trace):
                if pages:
                    # every function that starts before the page's end and ends after its start
                    i = bisect.bisect_left(starts, addr)
                    j = i
                    while j > 0 and funcs[j - 1][0] + max(funcs[j - 1][1], 1) > addr:
                        j -= 1
                    k = bisect.bisect_left(starts, addr + PAGE)
                    for _, _, name in funcs[j:k]:
                        emit(name)
                else:
                    i = bisect.bisect_left(starts, addr)
                    while i < len(funcs) and funcs[i][0] == addr:
                        emit(funcs[i][2])
                        i += 1
        return
    sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
