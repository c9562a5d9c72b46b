"""The compiled translations: .mo files are build output (not in git), so a fresh clone
installed the plain way compiles them at start, once, when missing or older than the .po."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "translations"


def compile_catalogues(source: Path = TRANSLATIONS_DIR, target: Path | None = None) -> Path:
    """Compile every stale catalogue of `source` into `target` (default: beside the .po);
    returns the folder holding the .mo files. Written to a temporary file, then renamed, so
    workers starting together never read half a file."""
    target = target or source
    for po_path in source.glob("*/LC_MESSAGES/messages.po"):
        mo_path = target / po_path.relative_to(source).with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        mo_path.parent.mkdir(parents=True, exist_ok=True)
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file)
        handle, temporary = tempfile.mkstemp(dir=mo_path.parent, suffix=".mo.tmp")
        with os.fdopen(handle, "wb") as mo_file:
            write_mo(mo_file, catalog)
        os.replace(temporary, mo_path)
    return target


def ensure_catalogues(app) -> None:
    """Compile beside the sources; when the code is read-only, under the instance folder."""
    try:
        compile_catalogues()
    except OSError:
        folder = compile_catalogues(target=Path(app.instance_path) / "translations")
        app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(folder)
