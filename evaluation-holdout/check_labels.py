#!/usr/bin/env python3
"""Check the held-out evaluation labels (this folder) and print their distribution.

The checks are those of evaluation/check_labels.py, run on this folder, except that a control
may have only passes or only risks across the set: a held-out batch is measured as it came.
Usage: python3 check_labels.py [--table]
"""
import importlib.util
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
spec = importlib.util.spec_from_file_location("check_labels", HERE.parent / "evaluation" / "check_labels.py")
checker = importlib.util.module_from_spec(spec)
spec.loader.exec_module(checker)

if __name__ == "__main__":
    sys.exit(checker.main(sys.argv, HERE, coverage=False))
