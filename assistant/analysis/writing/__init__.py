"""Drafting with a model: rewrite a scene, continue after one, punch up a character's lines, each
as a suggestion the writer sees as a diff and applies (with a backup) or not."""
