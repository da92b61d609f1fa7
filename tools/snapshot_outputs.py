"""Dump every record ``extract`` gives on the seed pages and on every text of
``../shared/facts/*.jsonl`` as JSON Lines, so that two checkouts can be compared.

    python tools/snapshot_outputs.py OUT.jsonl [--ner default|none]
    diff <(python tools/snapshot_outputs.py /dev/stdout) before.jsonl

A refactor that "changes no output" gives byte-identical files.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from decimal import Decimal
from enum import Enum
from pathlib import Path

import cnews_ie

ROOT = Path(__file__).resolve().parent.parent
FACTS = ROOT.parent / "shared" / "facts"


def _plain(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def texts() -> list[tuple[str, str]]:
    out = [(p.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    for path in sorted(FACTS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            out.append((f"{path.name}:{record['id']}", record["text"]))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--ner", default="default")
    args = parser.parse_args(argv)
    ner = None if args.ner == "none" else args.ner
    with open(args.out, "w", encoding="utf-8") as handle:
        for name, text in texts():
            doc = cnews_ie.extract(text, ner=ner)
            # every field of the Document but the caller's text, in field order
            record = {k: v for k, v in _plain(doc).items() if k != "text"}  # type: ignore[union-attr]
            handle.write(json.dumps({"name": name, **record}, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
