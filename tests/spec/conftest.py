"""Turns ``tests/spec/fountain/*.yaml`` into test items, one per case (as Jouvence does).

Each item parses the case's ``in`` with ``parse_fountain`` and compares the headings and elements,
title page and scene start lines with what the case expects (see ``fountain_cases.py``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant.script.fountain import parse_fountain
from tests.spec.fountain_cases import FountainCase, compare, load_cases


class FountainSpecMismatch(AssertionError):
    """The parse differs from what a YAML case expects."""


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    if file_path.suffix == ".yaml" and file_path.parent.name == "fountain":
        return FountainSpecFile.from_parent(parent, path=file_path)
    return None


class FountainSpecFile(pytest.File):
    def collect(self) -> Iterator[pytest.Item]:
        for case in load_cases(self.path):
            yield FountainSpecItem.from_parent(self, name=case.name, case=case)


class FountainSpecItem(pytest.Item):
    def __init__(self, *, case: FountainCase, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case

    def runtest(self) -> None:
        screenplay = parse_fountain(self.case.source)
        got, wanted = compare(screenplay, self.case)
        problems: list[str] = []
        if got != wanted:
            problems.append("elements:\n  got:  " + _show(got) + "\n  want: " + _show(wanted))
        if self.case.title_page is not None:
            title = [[field.key, field.value] for field in screenplay.title_page]
            if title != self.case.title_page:
                problems.append(f"title page:\n  got:  {title}\n  want: {self.case.title_page}")
        if self.case.start_lines is not None:
            lines = [scene.start_line for scene in screenplay.scenes]
            if lines != self.case.start_lines:
                problems.append(f"start lines: got {lines}, want {self.case.start_lines}")
        if problems:
            raise FountainSpecMismatch("\n".join(problems))

    def repr_failure(
        self,
        excinfo: pytest.ExceptionInfo[BaseException],
        style: Any = None,
    ) -> str:
        if isinstance(excinfo.value, FountainSpecMismatch):
            return f"{self.case.file}: {self.case.name}\nin:\n{self.case.source}\n{excinfo.value}"
        return str(super().repr_failure(excinfo, style))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"fountain spec: {self.case.file}: {self.case.name}"


def _show(items: list[Any]) -> str:
    return "\n        ".join(json.dumps(item, ensure_ascii=False) for item in items)
