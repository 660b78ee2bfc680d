"""What only trains or evaluates the shipped scene-strength model: the TRIPOD loader, silver labels,
datasets, the training loop and the gold evaluation.

The installed product never imports this package (an import-linter contract); it runs under
``scripts/train_scene_model.py`` and ``scripts/eval_scene_model.py`` and needs the ``train`` extra
(scikit-learn).
"""
