"""The change feed: an ordered, gap-free, resumable feed of changes for incremental sync."""
