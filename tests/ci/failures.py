#!/usr/bin/env python3
"""Prints each failed or errored test of the last surefire run, one block per test, so the tail of a
failed `make test` (all a CI log may keep) names what failed and why."""
import glob
import sys
import xml.etree.ElementTree as ET

MESSAGE_LINES = 4  # enough for an assertion's text; the full trace stays in the report file

def main(folder):
    failed = 0
    for path in sorted(glob.glob(f"{folder}/TEST-*.xml")):
        try:
            suite = ET.parse(path).getroot()
        except ET.ParseError as error:
            print(f"FAILED? {path}: unreadable report ({error})")
            failed += 1
            continue
        for case in suite.iter("testcase"):
            for kind in ("failure", "error"):
                for problem in case.findall(kind):
                    failed += 1
                    name = f"{case.get('classname')}.{case.get('name')}"
                    text = (problem.get("message") or problem.text or "").strip().splitlines()
                    print(f"FAILED {name} ({kind}, {case.get('time')} s)")
                    for line in text[:MESSAGE_LINES]:
                        print(f"    {line[:300]}")
    if failed == 0:
        print(f"no failed test in {folder}: a forked JVM may have died (see its .dumpstream)")
    return failed

if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "tests/target/surefire-reports")
