"""Casting search: actor profiles, FAISS vectors and SQLite rows under the same ids."""
