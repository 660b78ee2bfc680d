"""Shot lists: a deterministic planner a director would recognise, with an optional LLM pass.

``planner.plan_shots`` is the entry (``api.shot_list`` calls it); ``model`` holds the result
types that ``slate shots --json`` prints (docs/shots.md).
"""
