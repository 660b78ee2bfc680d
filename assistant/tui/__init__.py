"""The Textual front end. Not built yet."""
