#!/usr/bin/env python3
"""Checks that a program built with HWBIND_SEPARATE_BINDINGS compiles each operation's code
once: of its object files, exactly one defines `hwbind::detail::operation_code<...>` members
(the one that includes the services' src.hpp), and the others only refer to them.

    check_compiled_once.py NM OBJECT...     exit 1 and say which object breaks the rule
"""

import subprocess
import sys

SYMBOL = "hwbind::detail::operation_code<"


def operation_code_symbols(nm, obj):
    """(defined, referred to but undefined) operation_code member names of `obj`."""
    listing = subprocess.run([nm, "-C", obj], check=True, capture_output=True, text=True).stdout
    defined, undefined = set(), set()
    for line in listing.splitlines():
        parts = line.split(maxsplit=2)
        if len(parts) == 2 and parts[0] == "U" and parts[1].startswith(SYMBOL):
            undefined.add(parts[1])
        elif len(parts) == 3 and parts[2].startswith(SYMBOL) and parts[1] not in ("U", "w", "v"):
            defined.add(parts[2])
    return defined, undefined


def main(argv):
    # CMake passes $<TARGET_OBJECTS:...> as one argument, a ;-separated list.
    nm, objects = argv[1], [obj for arg in argv[2:] for obj in arg.split(";") if obj]
    found = {obj: operation_code_symbols(nm, obj) for obj in objects}
    defining = [obj for obj, (defined, _) in found.items() if defined]
    failures = []
    if len(defining) != 1:
        failures.append(f"{len(defining)} object files define operation_code members, not 1: {defining}")
    for obj, (defined, undefined) in found.items():
        if obj in defining:
            continue
        if not undefined:
            failures.append(f"{obj} refers to no operation_code member: the check would prove nothing")
        missing = undefined - (found[defining[0]][0] if len(defining) == 1 else set())
        if missing:
            failures.append(f"{obj} refers to operation_code members no object defines: {sorted(missing)[:3]}")
    for line in failures:
        print(line, file=sys.stderr)
    print("operation code compiled once" if not failures else f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
