"""Draft comparison: which scenes moved, were added, removed, renumbered or changed between two
drafts, the line-level changes inside them, and the page and per-character deltas."""
