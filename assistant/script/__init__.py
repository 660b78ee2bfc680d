"""The screenplay model, importers, exporters, pagination and stats. Knows nothing of models."""
