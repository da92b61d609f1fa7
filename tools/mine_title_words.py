"""Mine position words from CLUENER's ``position`` labels for ``resources/title_words.tsv``.

Prints the labels that occur at least ``--min-count`` times in the training file, are written in
Chinese characters only (two to six), do not end in 者 (an agent of an act, 投资者, 作者: no
post), and are not listed yet, as rows with the category
``mined``.  Run once; the rows are appended to the resource by hand after a read-through::

    python tools/mine_title_words.py ../shared/corpora/cluener/original/train.json
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

RESOURCE = Path(__file__).resolve().parents[1] / "src/cnews_ie/resources/title_words.tsv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("train", type=Path)
    parser.add_argument("--min-count", type=int, default=3)
    args = parser.parse_args()
    counts: Counter[str] = Counter()
    with args.train.open(encoding="utf-8") as f:
        for line in f:
            for label, spans in json.loads(line)["label"].get("position", {}).items():
                counts[label] += len(spans)
    listed = {
        line.split("\t")[0]
        for line in RESOURCE.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    }
    for label, n in counts.most_common():
        if (
            n >= args.min_count
            and label not in listed
            and re.fullmatch("[\u4e00-\u9fff]{2,6}", label)
            and not label.endswith("者")
        ):
            print(f"{label}\tmined")


if __name__ == "__main__":
    main()
