"""Judgement in its purest form: each labelled sentence pair is two sources; a pair labelled
``contradiction`` should yield a conflict, any other label none. Prints conflict precision,
recall and F1 per file, and the false conflicts: the share of pairs not labelled
``contradiction`` that are reported as a conflict (on ``equate_rte_quant``, sentences from
news, this is the "NewsNLI false conflicts" figure)."""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from .. import check_texts
from . import DEFAULT_DATA

FILES = ("equate_stresstest_dev.jsonl", "equate_rte_quant.jsonl", "equate_awpnli.jsonl")


def score(path: Path, limit: int | None = None, show_errors: int = 0) -> dict:
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    if limit:
        rows = rows[:limit]
    tp = fp = fn = tn = 0
    errors = []
    t0 = time.perf_counter()
    for r in rows:
        report = check_texts({"a": r["premise"], "b": r["hypothesis"]})
        predicted = bool(report.conflicts)
        actual = r["label"] == "contradiction"
        if predicted and actual:
            tp += 1
        elif predicted:
            fp += 1
            errors.append(("FP", r, report))
        elif actual:
            fn += 1
            errors.append(("FN", r, report))
        else:
            tn += 1
    elapsed = time.perf_counter() - t0
    p = tp / (tp + fp) if tp + fp else 0.0
    rc = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * rc / (p + rc) if p + rc else 0.0
    false_conflicts = fp / (fp + tn) if fp + tn else 0.0
    for kind, r, report in errors[:show_errors]:
        print(f"{kind} [{r['label']}] {r['premise']!r}\n   vs {r['hypothesis']!r}")
        for f in report.conflicts:
            print(f"   conflict: {f.reason}")
    return {"file": path.name, "pairs": len(rows), "tp": tp, "fp": fp, "fn": fn, "tn": tn,
            "precision": p, "recall": rc, "f1": f1, "false_conflicts": false_conflicts,
            "pairs_per_s": len(rows) / elapsed if elapsed else 0}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--errors", type=int, default=0, help="print this many misjudged pairs")
    ap.add_argument("--limit", type=int)
    ap.add_argument("files", nargs="*", default=list(FILES))
    args = ap.parse_args(argv)
    print(f"{'pairs file':32} {'pairs':>6} {'P':>6} {'R':>6} {'F1':>6} {'false conflicts':>15} {'pairs/s':>8}")
    for name in args.files:
        path = args.data / "pairs" / name
        if not path.exists():
            print(f"{name:32} (missing: {path})")
            continue
        s = score(path, args.limit, args.errors)
        fc = f"{100 * s['false_conflicts']:.1f}% ({s['fp']}/{s['fp'] + s['tn']})"
        print(f"{s['file']:32} {s['pairs']:6d} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} {fc:>15} "
              f"{s['pairs_per_s']:8.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
