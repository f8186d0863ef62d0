"""What a file is, judged by its bytes: never by its name or the content type the client claims.

An `.exe` renamed `.pdf` keeps its `MZ` header and is refused; a `.docx` or any other ZIP is refused
because it is not a workbook. The XLSX check reads only the ZIP's central directory (names and declared
sizes): nothing is decompressed, so a zip bomb costs nothing, and archives that claim absurd sizes or
entry counts are refused before any later reader (a spreadsheet import, the user's own office suite)
could choke on them.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Final

PDF: Final = "application/pdf"
PNG: Final = "image/png"
JPEG: Final = "image/jpeg"
XLSX: Final = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Extensions that fit each accepted type; the first is used when a download name needs one.
EXTENSIONS: Final[dict[str, tuple[str, ...]]] = {
    PDF: (".pdf",),
    PNG: (".png",),
    JPEG: (".jpg", ".jpeg", ".jpe", ".jfif"),
    XLSX: (".xlsx",),
}
ACCEPTED_DESCRIPTION: Final = "PDF, PNG, JPEG or XLSX"

_PDF_MAGIC = b"%PDF-"
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_JPEG_MAGIC = b"\xff\xd8\xff"
# A ZIP must *start* with a local file header: a self-extracting .exe carries its ZIP at the end and
# zipfile would happily open it from there.
_ZIP_MAGIC = b"PK\x03\x04"
HEAD_BYTES: Final = 8

_XLSX_REQUIRED = frozenset({"[Content_Types].xml", "xl/workbook.xml"})
# A real workbook has tens of entries and rarely more than a few hundred MB unpacked; its XML parts
# compress about 10:1. Deflate cannot pass ~1030:1, the ratio of a bomb's entries.
MAX_ZIP_ENTRIES: Final = 10_000
MAX_ZIP_UNPACKED_BYTES: Final = 1024 * 1024 * 1024
MAX_ZIP_RATIO: Final = 500  # declared unpacked size / stored size, for entries over 1 MB


def sniff(head: bytes, path: Path) -> str | None:
    """The content type of the file at `path` whose first bytes are `head`, or None when not accepted."""
    if head.startswith(_PDF_MAGIC):
        return PDF
    if head.startswith(_PNG_MAGIC):
        return PNG
    if head.startswith(_JPEG_MAGIC):
        return JPEG
    if head.startswith(_ZIP_MAGIC) and _is_xlsx(path):
        return XLSX
    return None


def _is_xlsx(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ZIP_ENTRIES:
                return False
            unpacked = 0
            for entry in entries:
                unpacked += entry.file_size
                stored = max(entry.compress_size, 1)
                if entry.file_size > 1024 * 1024 and entry.file_size / stored > MAX_ZIP_RATIO:
                    return False
            if unpacked > MAX_ZIP_UNPACKED_BYTES:
                return False
            return {e.filename for e in entries} >= _XLSX_REQUIRED
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return False
