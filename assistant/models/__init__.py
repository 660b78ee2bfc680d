"""Model backends: text generation and embeddings, behind small interfaces, loaded lazily."""
