"""Spreadsheet import of existing (legacy) agreements: the XLSX template, the reader and the import."""
