"""Old path of the strength report type, kept only because ``assistant/cli/score_commands.py``
(another owner's file) names it for type checking. Delete once it imports
``assistant.analysis.strength.scene_strength``.
"""

from assistant.analysis.strength.scene_strength import SceneStrengthReport as SceneStrengthReport
