#!/usr/bin/env python3
"""Check the evaluation labels and print their distribution.

Checks: one label file per contract and one contract per label file; all 36 controls present,
nothing else; valid statuses; ``clause`` null for missing/not_applicable and set for
weak/fail/review; a ``why`` on every label; every control has at least one non-pass label and
one pass or not_applicable label across the set.

Usage: python3 check_labels.py [--table]   (uses PyYAML when installed, else a small reader for
the one-line-per-control layout the label files use)
"""
import collections
import pathlib
import re
import sys

try:
    import yaml
except ImportError:  # pragma: no cover
    yaml = None

LINE = re.compile(
    r'^  (?P<id>[A-Z]+-\d\d): \{status: (?P<status>\w+), clause: (?:null|"(?P<clause>[^"]*)"), '
    r'why: "(?P<why>[^"]*)"\}$'
)


def load(text):
    if yaml is not None:
        return yaml.safe_load(text)
    data = {"labels": {}}
    for line in text.splitlines():
        if line.startswith("contract: "):
            data["contract"] = line.split(": ", 1)[1].strip()
        elif line.startswith("  "):
            m = LINE.match(line)
            if not m:
                raise ValueError(f"cannot read label line: {line}")
            data["labels"][m["id"]] = {"status": m["status"], "clause": m["clause"], "why": m["why"]}
    return data

HERE = pathlib.Path(__file__).resolve().parent
CONTROLS = (
    [f"TERM-{i:02d}" for i in range(1, 6)]
    + [f"REV-{i:02d}" for i in range(1, 10)]
    + [f"HDS-{i:02d}" for i in range(1, 7)]
    + [f"BKP-{i:02d}" for i in range(1, 8)]
    + [f"LIAB-{i:02d}" for i in range(1, 10)]
)
STATUSES = ("pass", "weak", "fail", "missing", "not_applicable", "review")


def main(argv, root=None, coverage=True):
    """``root``: the labelled set to check (this folder by default; evaluation-holdout/ reuses it).
    ``coverage``: require every control to have a pass and a non-pass label somewhere in the set
    (a tuning set needs both sides of each control; a held-out batch is measured as it came)."""
    root = pathlib.Path(root) if root else HERE
    errors = []
    contracts = {p.stem: p.name for p in (root / "contracts").iterdir() if p.is_file()}
    labels = {}
    for path in sorted((root / "labels").glob("*.yaml")):
        data = load(path.read_text(encoding="utf-8"))
        if data.get("contract") != contracts.get(path.stem):
            errors.append(f"{path.name}: contract {data.get('contract')!r} does not match a file in contracts/")
        got = data.get("labels") or {}
        if list(got) != CONTROLS:
            missing = set(CONTROLS) - set(got)
            extra = set(got) - set(CONTROLS)
            if missing or extra:
                errors.append(f"{path.name}: missing {sorted(missing)} extra {sorted(extra)}")
            else:
                errors.append(f"{path.name}: controls not in catalogue order")
        for cid, lab in got.items():
            st = lab.get("status")
            if st not in STATUSES:
                errors.append(f"{path.name} {cid}: bad status {st!r}")
            if st in ("missing", "not_applicable") and lab.get("clause") is not None:
                errors.append(f"{path.name} {cid}: {st} with a clause")
            if st in ("weak", "fail", "review") and not lab.get("clause"):
                errors.append(f"{path.name} {cid}: {st} without a clause")
            if not lab.get("why"):
                errors.append(f"{path.name} {cid}: no why")
        labels[path.stem] = got
    for stem in contracts:
        if stem not in labels:
            errors.append(f"no labels for contracts/{contracts[stem]}")

    per_control = {c: collections.Counter(l[c]["status"] for l in labels.values()) for c in CONTROLS}
    for c, cnt in per_control.items() if coverage else ():
        if not (cnt["pass"] + cnt["not_applicable"]):
            errors.append(f"{c}: no pass/not_applicable label in the set")
        if not sum(cnt[s] for s in ("weak", "fail", "missing", "review")):
            errors.append(f"{c}: no non-pass label in the set")

    total = collections.Counter(lab["status"] for l in labels.values() for lab in l.values())
    print(f"{len(labels)} contracts, {sum(total.values())} labels")
    print("  ".join(f"{s}={total[s]}" for s in STATUSES))
    if "--table" in argv:
        print()
        print("control   " + " ".join(f"{s[:4]:>5}" for s in STATUSES))
        for c in CONTROLS:
            print(f"{c:9} " + " ".join(f"{per_control[c][s]:>5}" for s in STATUSES))
        print()
        for stem, l in sorted(labels.items()):
            cnt = collections.Counter(v["status"] for v in l.values())
            print(f"{stem:50} " + " ".join(f"{s[:4]}={cnt[s]}" for s in STATUSES))
    for e in errors:
        print("ERROR", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
