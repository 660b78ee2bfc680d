"""Helpers shared by the FDX tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assistant.script.fdx import FdxImporter
from assistant.script.model import Screenplay

FDX_FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "fdx"


def read_fixture(name: str) -> Screenplay:
    return FdxImporter().read((FDX_FIXTURES / name).read_bytes())


def comparable(screenplay: Screenplay) -> dict[str, Any]:
    """The screenplay without what FDX cannot carry: Fountain's forced flags, source lines."""

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in ("forced", "start_line")}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip(screenplay.model_dump(include={"title_page", "scenes"}))  # type: ignore[no-any-return]
