"""Casting search (FAISS vectors + SQLite profiles). Not built yet."""
