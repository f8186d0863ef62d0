"""Exports of lists that belong to several domains: obligations and monitoring reports (the agreement
list's export is in agreements/). Each domain's `export.py` holds its query and its columns."""
