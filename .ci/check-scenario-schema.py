#!/usr/bin/env python3
"""Validates every scenario in scenarios/ (subfolders included) against docs/scenario.schema.json
with Python's jsonschema (draft 2020-12): an independent check of the schema simctl generates.
Exit 0 when every file is valid, 1 otherwise (each error printed as FILE: PATH: message)."""
import pathlib
import sys

import jsonschema
import yaml

root = pathlib.Path(__file__).resolve().parent.parent
schema = yaml.safe_load((root / "docs" / "scenario.schema.json").read_text())
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
files = sorted((root / "scenarios").rglob("*.yaml"))
failures = 0
for path in files:
    document = yaml.safe_load(path.read_text())
    for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(part) for part in error.absolute_path) or "(top)"
        print(f"{path.relative_to(root)}: {where}: {error.message}")
        failures += 1
print(f"{len(files)} scenarios checked against docs/scenario.schema.json: {failures} errors")
sys.exit(1 if failures or not files else 0)
