"""The Textual front end (`slate open`): screens over api.py, sessions in SQLite."""
