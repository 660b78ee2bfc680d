"""Old path of the LLM pass's result type, kept only because ``assistant/cli/score_commands.py``
(another owner's file) names it for type checking. Delete once it imports
``assistant.analysis.strength.tp_rerank``.
"""

from assistant.analysis.strength.tp_rerank import RerankResult as RerankResult
