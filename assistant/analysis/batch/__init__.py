"""Batch analysis of script libraries (``slate analyze``): discovery, the per-script analysis as
a list of named parts, reports (JSON, Markdown, HTML with charts), the resumable manifest and the
local / Dask engines. Progress reaches a front end through an ``on_progress`` callback."""
