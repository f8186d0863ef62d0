"""OCDS 1.1 open data: the public register's texts as release and record packages (docs/open-data.md)."""
