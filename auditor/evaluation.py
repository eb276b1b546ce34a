"""Agreement between the tool and a lawyer's labels on a set of contracts (``auditor evaluate``).

A set holds contracts (``contracts/`` with one label file each in ``labels/``) and may hold
excerpts (``cases/<ID>.yml``: short passages labelled for one control, in the format of
``tests/controls``), each audited alone for its control.

Three figures, per control and overall:
- agreement: share of statuses equal to the label;
- risk recall: share of the labels weak/fail/missing that the tool also flags (weak, fail,
  missing or review);
- false alarms: share of the labels pass/not_applicable that the tool flags weak, fail or missing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from auditor.errors import AuditorError

RISKS = {"weak", "fail", "missing"}
FINE = {"pass", "not_applicable"}


@dataclass
class Tally:
    compared: int = 0
    agreed: int = 0
    risks: int = 0
    risks_flagged: int = 0
    fine: int = 0
    false_alarms: int = 0
    disagreements: list[tuple[str, str, str]] = field(default_factory=list)  # (contract, label, tool)

    def add(self, contract: str, label: str, found: str) -> None:
        self.compared += 1
        self.agreed += label == found
        if label != found:
            self.disagreements.append((contract, label, found))
        if label in RISKS:
            self.risks += 1
            self.risks_flagged += found in RISKS | {"review"}
        if label in FINE:
            self.fine += 1
            self.false_alarms += found in RISKS

    @staticmethod
    def share(part: int, whole: int) -> float | None:
        return None if whole == 0 else part / whole

    @property
    def agreement(self) -> float | None:
        return self.share(self.agreed, self.compared)

    @property
    def recall(self) -> float | None:
        return self.share(self.risks_flagged, self.risks)

    @property
    def false_alarm_rate(self) -> float | None:
        return self.share(self.false_alarms, self.fine)


class LabelFileError(AuditorError):
    """A label or excerpt file that does not have the documented layout."""


def _load(path: Path) -> dict:
    try:
        content = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YAMLError) as error:
        problem = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise LabelFileError(f"{path}: not readable as YAML ({problem})") from error
    if not isinstance(content, dict):
        raise LabelFileError(f"{path}: expected a mapping at the top of the file")
    return content


def read_labels(directory: Path) -> dict[str, dict[str, str]]:
    """contract file name → control id → labelled status."""
    labels = {}
    for path in sorted((directory / "labels").glob("*.yaml")):
        content = _load(path)
        try:
            labels[content["contract"]] = {cid: entry["status"] for cid, entry in content["labels"].items()}
        except (KeyError, TypeError, AttributeError) as error:
            raise LabelFileError(f"{path}: expected `contract:` and `labels:` with a status per control") from error
    return labels


@dataclass(frozen=True)
class Excerpt:
    control_id: str
    name: str
    text: str
    label: str


def read_excerpts(directory: Path) -> list[Excerpt]:
    """The labelled excerpts of ``directory/cases/*.yml``, in file and case order."""
    excerpts = []
    for path in sorted((directory / "cases").glob("*.yml")):
        content = _load(path)
        try:
            for name, case in content["cases"].items():
                excerpts.append(Excerpt(content["control"], name, case["text"], case["expect"]))
        except (KeyError, TypeError, AttributeError) as error:
            raise LabelFileError(f"{path}: expected `control:` and `cases:` with a text and an expected status "
                                 "per case") from error
    return excerpts


def compare(labels: dict[str, dict[str, str]], found: dict[str, dict[str, str]]) -> tuple[Tally, dict[str, Tally]]:
    """Overall and per-control tallies of the tool's statuses against the labels."""
    overall, per_control = Tally(), {}
    for contract, expected in labels.items():
        for control_id, label in expected.items():
            status = found.get(contract, {}).get(control_id)
            if status is None:
                continue
            overall.add(contract, label, status)
            per_control.setdefault(control_id, Tally()).add(contract, label, status)
    return overall, per_control


def read_sections(directory: Path, contracts: set[str]) -> dict[str, list[str]]:
    """Section heading of ``directory/README.md`` → the labelled contracts its tables list.

    A set's README describes each batch (or round) under a heading, one table row per contract
    whose first cell is the file name in backticks; those rows are the batch."""
    readme = directory / "README.md"
    if not readme.is_file():
        return {}
    sections: dict[str, list[str]] = {}
    heading = None
    for line in readme.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            heading = line.lstrip("#").strip()
            continue
        cells = line.split("|")
        if heading and len(cells) > 2 and cells[0].strip() == "":
            name = cells[1].strip().strip("`")
            if name in contracts and cells[1].strip().startswith("`"):
                sections.setdefault(heading, [])
                if name not in sections[heading]:
                    sections[heading].append(name)
    return sections


def statuses_record(labels: dict[str, dict[str, str]], found: dict[str, dict[str, str]]) -> dict:
    """contract → control → {label, tool}: a run of ``auditor evaluate`` kept to compare a later run with."""
    return {contract: {control_id: {"label": label, "tool": found.get(contract, {}).get(control_id)}
                       for control_id, label in expected.items()}
            for contract, expected in labels.items()}


def read_statuses_record(path: Path) -> dict:
    """A record written by ``auditor evaluate --save``, checked for its layout."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise LabelFileError(f"{path}: not a record written by `auditor evaluate --save` ({error})") from error
    well_formed = isinstance(record, dict) and all(
        isinstance(controls, dict) and all(isinstance(entry, dict) and "label" in entry and "tool" in entry
                                           for entry in controls.values())
        for controls in record.values())
    if not well_formed:
        raise LabelFileError(f"{path}: not a record written by `auditor evaluate --save` "
                             "(expected contract → control → label and tool)")
    return record


@dataclass(frozen=True)
class Change:
    contract: str
    control_id: str
    label: str
    before: str | None
    after: str | None

    @property
    def kind(self) -> str:
        if self.after == self.label:
            return "fixed"
        if self.before == self.label:
            return "new"
        return "changed"


def changes_since(before: dict, after: dict) -> list[Change]:
    """The statuses that moved between two records of the same set (contracts in both, same label)."""
    moved = []
    for contract, controls in after.items():
        for control_id, now in controls.items():
            then = before.get(contract, {}).get(control_id)
            if then is None or then.get("label") != now["label"] or then.get("tool") == now["tool"]:
                continue
            moved.append(Change(contract, control_id, now["label"], then.get("tool"), now["tool"]))
    return moved
