"""Analyses that join the script model and the model backends: retrieval, scene strength, beats."""
