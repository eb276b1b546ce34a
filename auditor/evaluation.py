"""Agreement between the tool and a lawyer's labels on a set of contracts (``auditor evaluate``).

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


def read_labels(directory: Path) -> dict[str, dict[str, str]]:
    """contract file name → control id → labelled status."""
    labels = {}
    for path in sorted((directory / "labels").glob("*.yaml")):
        content = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
        labels[content["contract"]] = {cid: entry["status"] for cid, entry in content["labels"].items()}
    return labels


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
