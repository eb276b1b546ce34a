"""The pre-signature gate: does an audit stop the signature? Decided here, once, for every renderer."""

from __future__ import annotations

from dataclasses import dataclass

from auditor.models import AuditReport, Finding

SEVERITY_RANK = {"low": 1, "medium": 2, "high": 3}
# A gate fails on what is certainly wrong: a clause against the client or a clause the client needs
# and does not have. ``weak`` and ``review`` need a person's judgement; ``--fail-statuses`` adds them.
DEFAULT_GATE_STATUSES = ("fail", "missing")
GATE_STATUSES = ("fail", "missing", "weak", "review")


@dataclass(frozen=True)
class GateVerdict:
    threshold: str  # "high", "medium" or "low": controls at or above it count
    statuses: tuple[str, ...]
    blocking: tuple[Finding, ...]  # the findings that stop the signature, worst severity first

    @property
    def passed(self) -> bool:
        return not self.blocking


def gate_verdict(report: AuditReport, threshold: str, statuses: tuple[str, ...] = DEFAULT_GATE_STATUSES) -> GateVerdict:
    """The findings at or above ``threshold`` whose status is one of ``statuses``."""
    if threshold not in SEVERITY_RANK:
        raise ValueError(f"unknown severity {threshold!r}")
    floor = SEVERITY_RANK[threshold]
    blocking = sorted(
        (f for f in report.findings if SEVERITY_RANK.get(f.severity, 0) >= floor and f.status in statuses),
        key=lambda f: -SEVERITY_RANK.get(f.severity, 0),
    )
    return GateVerdict(threshold, tuple(statuses), tuple(blocking))
