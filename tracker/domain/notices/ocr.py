"""Reading scanned PDFs: Tesseract's Vietnamese model on the page images (Debian packages
tesseract-ocr and tesseract-ocr-vie, through pytesseract)."""

from __future__ import annotations

import re
import shutil
import time

#: Scans are usually 200-300 dpi; smaller images are enlarged so letters have some 30 px.
_MIN_WIDTH = 1600


#: A list marker as OCR often reads it: "1:", "`2,", "3;" at a line's start stand for "1.".
_MARKER = re.compile(r"^[`'‘’\"|.,]*\s*(\d{1,2}|[a-zđ])\s*[:,;]\s+(?=\S)", re.MULTILINE)
#: Specks read as punctuation inside words: "thiết.bị", "vi.phạm".
_SPECK = re.compile(r"(?<=[^\W\d_])\.(?=[^\W\d_]{2})")


_GAP = re.compile(r"(?<=\w)[ \t]*\n[ \t]*\n[ \t]*(?=(?P<next>\w))")


class OcrUnavailable(Exception):
    """Tesseract, or its Vietnamese model, is not installed."""


def ocr_pages(pages, command: str, deadline: float) -> list[str]:
    """The text of each page's images, read with Tesseract in Vietnamese, until the deadline."""
    pytesseract = _tesseract(command)
    texts: list[str] = []
    for page in pages:
        parts = []
        for image in page.images:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            parts.append(
                pytesseract.image_to_string(
                    _prepared(image.image), lang="vie", timeout=max(1, int(remaining))
                )
            )
        texts.append(cleaned("\n".join(parts)))
    return texts


def cleaned(text: str) -> str:
    """Undo OCR's usual slips that change the layout: list markers, specks in words, and a
    blank line inside a sentence (the next line goes on in lower case)."""
    text = _GAP.sub(lambda m: "\n" if m.group("next").islower() else m.group(), text)
    return _SPECK.sub(" ", _MARKER.sub(r"\1. ", text))


def _tesseract(command: str):
    try:
        import pytesseract
    except ImportError as error:  # pragma: no cover - pinned in requirements.txt
        raise OcrUnavailable("pytesseract is not installed") from error
    if shutil.which(command) is None:
        raise OcrUnavailable(f"{command} is not installed")
    pytesseract.pytesseract.tesseract_cmd = command
    if "vie" not in pytesseract.get_languages(config=""):
        raise OcrUnavailable("Tesseract's Vietnamese model (tesseract-ocr-vie) is not installed")
    return pytesseract


def _prepared(image):
    """Grey levels, and enough pixels for Tesseract's model."""
    image = image.convert("L")
    if image.width < _MIN_WIDTH:
        scale = _MIN_WIDTH / image.width
        image = image.resize((_MIN_WIDTH, int(image.height * scale)))
    return image
