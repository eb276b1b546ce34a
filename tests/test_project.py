"""The project's own promises: README's commands are what CI runs."""

from __future__ import annotations

import re

from conftest import ROOT


def readme_commands() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
    return [block.strip() for block in blocks[:2]]


def test_readme_opens_with_install_and_test_commands():
    install, tests = readme_commands()
    # The main job, on a bundled sample: the audit.
    assert "pip install -e '.[test]'" in install and "auditor audit samples/" in install
    sample = install.split("auditor audit ", 1)[1].split()[0]
    assert (ROOT / sample).is_file(), f"README runs {sample}, which is not in the repository"
    assert tests == ".venv/bin/python -m pytest"


def test_ci_runs_exactly_the_readme_test_command():
    _, tests = readme_commands()
    ci_lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    assert ci_lines[-1] == tests
