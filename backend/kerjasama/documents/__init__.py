"""Document files: upload with type-by-bytes checks, SHA-256, scoped download, immutability."""
