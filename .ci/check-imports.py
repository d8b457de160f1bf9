#!/usr/bin/env python3
"""Fails when a target's `import`s and its dependencies in Package.swift disagree.

Every module a target's Swift files import must be declared as a dependency of that target (a
target by name, or a product of a package), and every declared dependency must be imported by
some file of the target. Modules of the toolchain (Foundation, Testing, Glibc...) need no
declaration; ALLOWED_TRANSITIVE lists the modules a package ships without exporting them as a
product. Reads `swift package dump-package`; no build needed.
"""
import json
import os
import re
import subprocess
import sys

TOOLCHAIN = {"Foundation", "FoundationEssentials", "Testing", "XCTest", "Glibc", "Darwin", "Dispatch", "Synchronization", "_Concurrency"}
# Yams's C scanner: imported by Sim's YAMLPrescan, reached through the Yams product.
ALLOWED_TRANSITIVE = {"Sim": {"CYaml"}}
IMPORT = re.compile(r"^\s*(?:@testable\s+|@_implementationOnly\s+|public\s+|internal\s+|package\s+)?import\s+(?:(?:struct|class|enum|protocol|func|var|typealias)\s+)?([A-Za-z_][A-Za-z0-9_]*)", re.M)


def main() -> int:
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    package = json.loads(subprocess.run(["swift", "package", "dump-package"], cwd=root, check=True, capture_output=True, text=True).stdout)
    problems = []
    for target in package["targets"]:
        if target["type"] not in ("regular", "executable", "test"):
            continue
        name = target["name"]
        path = target.get("path") or os.path.join("Tests" if target["type"] == "test" else "Sources", name)
        declared = set()
        for dependency in target.get("dependencies", []):
            for kind in ("byName", "target", "product"):
                if kind in dependency:
                    declared.add(dependency[kind][0])
        imported = set()
        for folder, _, files in os.walk(os.path.join(root, path)):
            for file in files:
                if file.endswith(".swift"):
                    with open(os.path.join(folder, file), encoding="utf-8") as handle:
                        imported.update(IMPORT.findall(handle.read()))
        imported -= TOOLCHAIN | ALLOWED_TRANSITIVE.get(name, set()) | {name}
        for module in sorted(imported - declared):
            problems.append(f"Package.swift: target {name} imports {module} but does not declare it")
        for module in sorted(declared - imported):
            problems.append(f"Package.swift: target {name} declares {module} but no file of it imports it")
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    print(f"check-imports: every target declares exactly what it imports ({len(package['targets'])} targets)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
