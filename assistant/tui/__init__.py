"""The Textual front end (`slate open`): screens over `assistant.api`, sessions in SQLite."""
