#!/usr/bin/env python3
"""Turns trace-text records into an lld symbol-ordering file (used by make-order.sh).

  order.py entries BINARY                 entry addresses of BINARY's functions, ascending
                                          (TRACE_TEXT_ENTRIES for TRACE_TEXT_MODE=functions)
  order.py symbols BINARY TRACE...        one symbol name a line, first executed first:
                                          the functions the traces name, in the traces' order
  order.py symbols --pages BINARY TRACE...  the same from page traces: every function that
                                          overlaps an executed page, by address within it
  order.py symbols [--pages] --map MAP BINARY TRACE...
                                          the same, knowing the input sections from MAP,
                                          lld's -Map of BINARY's link (see below)

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

That holds when such helpers share their object's plain `.text` section (swiftc's default:
only functions it must keep get a section of their own). Built with `-Xfrontend
-function-sections`, each is alone in its section and would stay behind; with --map, an
executed function without a name of its own is represented by another uniquely named
function of its input section, or else listed under its shared name when every function so
named lies in an input section that moves anyway or in a small one (at most SMALL bytes),
which then costs only those copies.
"""
import bisect
import re
import subprocess
import sys

PAGE = 4096
SMALL = 4096


def text_sections(mapfile):
    """[(address, size)] of the input sections of .text in an lld -Map file, by address."""
    result, inside = [], False
    with open(mapfile) as f:
        for line in f:
            # VMA LMA Size Align, then the output section (one space), an input section
            # (9 spaces) or a symbol (17 spaces)
            m = re.match(r"\s*([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)\s+\d+ (.*)$", line.rstrip("\n"))
            if not m:
                continue
            what = m.group(3)
            if not what.startswith(" "):
                inside = what == ".text"
            elif inside and what.startswith(" " * 8) and not what.startswith(" " * 9):
                result.append((int(m.group(1), 16), int(m.group(2), 16)))
    if not result:
        sys.exit(f"order.py: {mapfile}: no .text input sections (not an lld -Map file?)")
    result.sort()
    return result


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


def executed(funcs, starts, traces, pages):
    """Indices into funcs of the functions the traces executed, first executed first."""
    for trace in traces:
        for addr in read_trace(trace):
            if pages:
                # every function that starts before the page's end and ends after its start
                j = bisect.bisect_left(starts, addr)
                while j > 0 and funcs[j - 1][0] + max(funcs[j - 1][1], 1) > addr:
                    j -= 1
                yield from range(j, bisect.bisect_left(starts, addr + PAGE))
            else:
                i = bisect.bisect_left(starts, addr)
                while i < len(funcs) and funcs[i][0] == addr:
                    yield i
                    i += 1


def symbols(binary, traces, pages, mapfile):
    funcs = functions(binary)
    starts = [a for a, _, _ in funcs]
    listable = unique(funcs)
    sections = text_sections(mapfile) if mapfile else []
    section_starts = [a for a, _ in sections]

    def section_of(addr):
        k = bisect.bisect_right(section_starts, addr) - 1
        return k if k >= 0 and addr < sections[k][0] + sections[k][1] else None

    copies = {}  # shared name -> the sections of its functions (with --map)
    if mapfile:
        for addr, _, name in funcs:
            if name not in listable:
                copies.setdefault(name, set()).add(section_of(addr))

    run = list(executed(funcs, starts, traces, pages))
    hot = {section_of(funcs[i][0]) for i in run} if mapfile else set()
    seen, placed, result = set(), set(), []
    for i in run:
        addr, _, name = funcs[i]
        if name in listable:
            if name not in seen:
                seen.add(name)
                result.append(name)
            placed.add(section_of(addr) if mapfile else None)
            continue
        if not mapfile:
            continue
        k = section_of(addr)
        if k in placed or k is None:
            continue
        # Represent the section by another uniquely named function in it ...
        lo, hi = sections[k][0], sections[k][0] + sections[k][1]
        j = bisect.bisect_left(starts, lo)
        while j < len(funcs) and funcs[j][0] < hi and funcs[j][2] not in listable:
            j += 1
        if j < len(funcs) and funcs[j][0] < hi:
            chosen = funcs[j][2]
        # ... or by the shared name, if every copy is in a section that moves anyway or in a
        # small one.
        elif all(c is not None and (c in hot or sections[c][1] <= SMALL) for c in copies[name]):
            chosen = name
        else:
            continue
        placed.add(k)
        if chosen not in seen:
            seen.add(chosen)
            result.append(chosen)
    return result


def main(argv):
    if len(argv) >= 2 and argv[0] == "entries":
        last = None
        for addr, _, _ in functions(argv[1]):
            if addr != last:
                print(f"{addr:x}")
                last = addr
        return
    if len(argv) >= 3 and argv[0] == "symbols":
        args = argv[1:]
        pages = mapfile = None
        while args and args[0].startswith("--"):
            if args[0] == "--pages":
                pages, args = True, args[1:]
            elif args[0] == "--map" and len(args) > 1:
                mapfile, args = args[1], args[2:]
            else:
                sys.exit(__doc__)
        if len(args) < 2:
            sys.exit(__doc__)
        for name in symbols(args[0], args[1:], pages, mapfile):
            print(name)
        return
    sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
