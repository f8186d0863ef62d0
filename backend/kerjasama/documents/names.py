"""File names: the uploaded name is kept as a label only, and the download name is built from it safely."""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePath
from urllib.parse import quote

from kerjasama.documents.filetypes import EXTENSIONS

MAX_FILENAME_CHARS = 200
FALLBACK_STEM = "dokumen"
# Kept conservative: quotes, backslashes, % and ; confuse naive header parsers.
_UNSAFE_ASCII = re.compile(r"[^A-Za-z0-9 ._()\-+,\[\]]")


def sanitise(raw: str | None) -> str:
    """The uploaded name reduced to a label: no directories, no control or direction-override
    characters (which can make `gpj.exe` read as `exe.jpg`), NFC, at most MAX_FILENAME_CHARS."""
    name = (raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = unicodedata.normalize("NFC", name.encode("utf-8", "ignore").decode("utf-8"))
    # Cc: control characters including NUL; Cf: format characters such as U+202E RIGHT-TO-LEFT OVERRIDE.
    name = "".join(ch for ch in name if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co"))
    name = " ".join(name.split()).strip(" .")
    if not name:
        return FALLBACK_STEM
    if len(name) > MAX_FILENAME_CHARS:
        suffix = PurePath(name).suffix
        suffix = suffix if 1 < len(suffix) <= 10 else ""
        name = name[: MAX_FILENAME_CHARS - len(suffix)].rstrip(" .") + suffix
    return name


def download_name(original: str, content_type: str) -> str:
    """The stored label with an extension that fits the real type, so the user's system opens it right."""
    extensions = EXTENSIONS.get(content_type, ())
    if not extensions or PurePath(original).suffix.lower() in extensions:
        return original
    return original + extensions[0]


def content_disposition(filename: str) -> str:
    """`attachment` with an ASCII fallback and the exact UTF-8 name (RFC 6266, RFC 5987 / 8187)."""
    path = PurePath(filename)
    stem = _ascii(path.stem) or FALLBACK_STEM
    suffix = _ascii(path.suffix.lstrip("."))
    fallback = f"{stem}.{suffix}" if suffix else stem
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join(_UNSAFE_ASCII.sub("_", folded).split()).strip(" ._")
