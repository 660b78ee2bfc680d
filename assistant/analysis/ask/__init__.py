"""Answering questions about a screenplay: retrieval, script tools, answers that cite their scenes.

``retrieval`` finds scenes; ``prompt_plan`` fits them into a prompt budget; ``service`` runs a
question end to end (the entry ``assistant.api.ask`` calls).
"""
