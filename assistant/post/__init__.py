"""Hooks into post-production tools (OpenTimelineIO, CDL, loudness). Not built yet."""
