"""The per-notice report: "Báo cáo kết quả thực hiện Thông báo số …", on screen and as files."""

from __future__ import annotations

from flask import abort, render_template
from flask_babel import gettext as _
from flask_login import login_required

from tracker.domain.labels import ASSIGNMENT_ROLE_LABELS, STATE_LABELS, TIME_STATUS_LABELS
from tracker.domain.reports import exports
from tracker.domain.reports.figures import Scope
from tracker.domain.reports.tables import NoticeRow, notice_rows
from tracker.extensions import db
from tracker.models import Document
from tracker.web.access import current_actor
from tracker.web.clock import policy, request_now
from tracker.web.reports.blueprint import bp
from tracker.web.reports.downloads import download


def _report(document_id: int) -> tuple[Document, Scope, list[NoticeRow]]:
    document = db.get_or_404(Document, document_id)
    scope = Scope.for_actor(current_actor(), request_now(), policy(), document_id=document.id)
    rows = notice_rows(scope)
    if not rows and scope.agency_ids is not None:
        abort(404)  # an officer sees only notices with work for their agencies
    return document, scope, rows


def status_label(row: NoticeRow) -> str:
    """The official status, or the work state when outside the classification."""
    return str(TIME_STATUS_LABELS[row.status] if row.status else STATE_LABELS[row.state])


def _heading(document: Document, scope: Scope) -> list[str]:
    return [
        _("Report on the implementation of Notice No. %(number)s", number=document.number),
        document.title,
        _("As of %(day)s", day=exports.plain_text(scope.today)),
    ]


def _table(rows: list[NoticeRow], *, share: bool = False) -> tuple[list[str], list[list]]:
    """Headers and rows; the progress as a share (0.4) for a percent cell when `share`."""
    headers = [
        _("No."), _("Directive text"), _("Agency"), _("Role"), _("Deadline"), _("Status"),
        _("Completed on"), _("Progress") if share else _("Progress (percent)"), _("Latest report"),
    ]  # fmt: skip
    body = [
        [
            row.ordinal,
            row.task_title,
            row.agency_name,
            str(ASSIGNMENT_ROLE_LABELS[row.role]),
            row.deadline,
            status_label(row),
            row.completed_on,
            row.progress / 100 if share else row.progress,
            row.latest_note or "",
        ]
        for row in rows
    ]
    return headers, body


@bp.get("/reports/notices/<int:document_id>")
@login_required
def notice(document_id: int):
    document, scope, rows = _report(document_id)
    return render_template(
        "reports/notice.html",
        document=document,
        rows=rows,
        today=scope.today,
        heading=_heading(document, scope),
        status_label=status_label,
        role_labels=ASSIGNMENT_ROLE_LABELS,
    )


@bp.get("/reports/notices/<int:document_id>.xlsx")
@login_required
def notice_xlsx(document_id: int):
    document, scope, rows = _report(document_id)
    headers, body = _table(rows, share=True)
    data = exports.xlsx_bytes(
        _("Report"),
        headers,
        body,
        heading=_heading(document, scope),
        widths=(6, 50, 28, 12, 12, 22, 12, 10, 60),
        percent_columns=(7,),
    )
    return download(data, f"bao-cao-{document.number}.xlsx", exports.XLSX_TYPE)


@bp.get("/reports/notices/<int:document_id>.docx")
@login_required
def notice_docx(document_id: int):
    document, scope, rows = _report(document_id)
    headers, body = _table(rows)
    data = exports.docx_bytes(
        _heading(document, scope), headers, body, widths_cm=(1, 6, 4, 2, 2.2, 3, 2.2, 1.6, 6)
    )
    return download(data, f"bao-cao-{document.number}.docx", exports.DOCX_TYPE)
