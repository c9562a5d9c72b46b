"""The notice reader: reads a notice's text and proposes the directives it gives.

Pure domain code: no Flask, no database. Agencies come in as `AgencyRef`s.
"""

from .agencies import AgencyRef, Mention
from .evaluate import EvaluationReport, evaluate_batches, evaluate_corpus, format_batches
from .extract import NoticeFileError, extract_text
from .reading import read_notice
from .result import Flag, NoticeReading, ProposedDirective

__all__ = [
    "AgencyRef",
    "EvaluationReport",
    "Flag",
    "Mention",
    "NoticeFileError",
    "NoticeReading",
    "ProposedDirective",
    "evaluate_batches",
    "evaluate_corpus",
    "extract_text",
    "format_batches",
    "read_notice",
]
