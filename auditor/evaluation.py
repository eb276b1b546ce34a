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
