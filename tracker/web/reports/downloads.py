"""Sending a generated file as a download with a safe, readable name."""

from __future__ import annotations

import re
import unicodedata

from flask import Response


def ascii_name(text: str) -> str:
    """A file name without accents or separators: "75/TB-UBND" → "75-TB-UBND"."""
    plain = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    plain = plain.encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9._-]+", "-", plain).strip("-") or "report"


def download(data: bytes, filename: str, mimetype: str) -> Response:
    """`data` as an attachment called `filename`."""
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{ascii_name(filename)}"'
    response.headers["Cache-Control"] = "no-store"
    return response
