"""Production breakdown: each scene's elements by category, script days, cast IDs (issue 17)."""

from assistant.analysis.breakdown.cast import cast_ids
from assistant.analysis.breakdown.model import CATEGORIES, SCHEMA_VERSION, BreakdownReport

__all__ = ["CATEGORIES", "SCHEMA_VERSION", "BreakdownReport", "cast_ids"]
