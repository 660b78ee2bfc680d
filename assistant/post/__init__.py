"""Post-production hooks: OpenTimelineIO timelines, ASC CDL looks, loudness, storyboards."""
