"""Checks credentials against 1EdTech's Open Badges 3.0 JSON Schema
(tests/fixtures/ob3), with the maintained `jsonschema` package from PyPI,
knowing nothing of intyg.

    python3 ob3_schema.py FILE.jwt|FILE.json...

A .jwt file is a VC-JWT: its payload is the credential (read, not verified:
signatures are did_jwt.py's). For each file prints `FILE: valid` or
`FILE: invalid: PATH: why` for every error; the exit code is the number of
invalid files.
"""

import base64
import json
import os
import sys

import jsonschema

SCHEMA = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "ob3", "ob_v3p0_achievementcredential_schema.json"
)


def credential(path):
    with open(path, encoding="utf-8") as f:
        text = f.read().strip()
    if path.endswith(".jwt"):
        payload = text.split(".")[1]
        return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    return json.loads(text)


def main():
    with open(SCHEMA, encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft201909Validator(schema, format_checker=jsonschema.Draft201909Validator.FORMAT_CHECKER)
    invalid = 0
    for path in sys.argv[1:]:
        errors = sorted(validator.iter_errors(credential(path)), key=lambda e: list(e.absolute_path))
        name = os.path.basename(path)
        if not errors:
            print("%s: valid" % name)
            continue
        invalid += 1
        for e in errors:
            where = "/".join(str(p) for p in e.absolute_path) or "(top)"
            print("%s: invalid: %s: %s" % (name, where, e.message))
    sys.exit(invalid)


if __name__ == "__main__":
    main()
