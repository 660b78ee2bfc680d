"""Scene strength: each scene's chance of being one of the five turning points, with reasons.

``scene_strength.score_screenplay`` is the entry ``slate score`` runs; ``tp_rerank`` is the optional
LLM pass over its shortlists. What trains or evaluates the shipped weights lives in
``assistant.training``, which nothing here imports.
"""
