#!/usr/bin/env python3
"""Checks that a program built with HWBIND_SEPARATE_BINDINGS compiles the code of its
generated bindings once: of its object files, exactly one (the one that includes the services'
src.hpp) defines the members of `hwbind::detail::operation_code<...>`, and exactly one the
destructors of the services' generated structs; the others only refer to them.

    check_compiled_once.py NM SERVICES OBJECT...

SERVICES: the services whose structs' destructors are checked, comma-separated (coc,hss,swr).
Exits 1 and says which object breaks the rule.
"""

import re
import subprocess
import sys


def families(services):
    """{what: predicate on a demangled symbol name}."""
    destructor = re.compile(r"hwbind::(?:%s)::(\w+)::~\1\(\)" % "|".join(map(re.escape, services)))
    return {
        "operation_code members": lambda name: name.startswith("hwbind::detail::operation_code<"),
        "destructors of generated structs": lambda name: destructor.fullmatch(name) is not None,
    }


def symbols(nm, obj, is_member):
    """(defined, referred to but undefined) names of `obj` that `is_member` accepts."""
    listing = subprocess.run([nm, "-C", obj], check=True, capture_output=True, text=True).stdout
    defined, undefined = set(), set()
    for line in listing.splitlines():
        parts = line.split(maxsplit=2)
        if len(parts) == 2 and parts[0] == "U" and is_member(parts[1]):
            undefined.add(parts[1])
        elif len(parts) == 3 and is_member(parts[2]) and parts[1] not in ("U", "w", "v"):
            defined.add(parts[2])
    return defined, undefined


def check(what, found):
    """Failure messages for one family; `found` maps each object to (defined, undefined)."""
    defining = [obj for obj, (defined, _) in found.items() if defined]
    failures = []
    if len(defining) != 1:
        failures.append(f"{len(defining)} object files define {what}, not 1: {defining}")
    for obj, (defined, undefined) in found.items():
        if obj in defining:
            continue
        if not undefined:
            failures.append(f"{obj} refers to no {what}: the check would prove nothing")
        missing = undefined - (found[defining[0]][0] if len(defining) == 1 else set())
        if missing:
            failures.append(f"{obj} refers to {what} no object defines: {sorted(missing)[:3]}")
    return failures


def main(argv):
    # CMake passes $<TARGET_OBJECTS:...> as one argument, a ;-separated list.
    nm, services = argv[1], argv[2].split(",")
    objects = [obj for arg in argv[3:] for obj in arg.split(";") if obj]
    failures = []
    for what, is_member in families(services).items():
        failures += check(what, {obj: symbols(nm, obj, is_member) for obj in objects})
    for line in failures:
        print(line, file=sys.stderr)
    print("bindings' code compiled once" if not failures else f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
