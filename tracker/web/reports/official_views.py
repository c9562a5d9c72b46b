"""The official reports (NĐ 30/2020): one notice's báo cáo tình hình thực hiện, and the
office's báo cáo sơ kết for a week, month or quarter; as DOCX and PDF."""

from __future__ import annotations

from flask import current_app, render_template, request
from flask_babel import force_locale
from flask_login import login_required

from tracker.domain.clock import zone
from tracker.domain.errors import InvalidInput
from tracker.domain.labels import ASSIGNMENT_ROLE_LABELS, STATE_LABELS, TIME_STATUS_LABELS
from tracker.domain.reports import exports, official, official_content, official_docx, official_pdf
from tracker.domain.reports.figures import Scope
from tracker.domain.reports.periods import default_period, parse_period, period_choices
from tracker.web.access import current_actor, visible_document_or_404
from tracker.web.clock import policy, request_now
from tracker.web.reports.blueprint import bp
from tracker.web.reports.downloads import download

PDF_TYPE = "application/pdf"


def letterhead() -> official.Letterhead:
    """The issuing body and signer, from the settings."""
    config = current_app.config
    return official.Letterhead(
        parent_body=config["REPORT_PARENT_BODY"],
        issuing_body=config["REPORT_ISSUING_BODY"],
        symbol=config["REPORT_SYMBOL"],
        place=config["REPORT_PLACE"],
        signer_title=config["REPORT_SIGNER_TITLE"],
        signer_name=config["REPORT_SIGNER_NAME"],
    )


def document_names() -> official.Names:
    """Statuses, roles and states as a Vietnamese document names them, whatever the
    language of the page the report is asked from."""
    with force_locale("vi"):
        return official.Names(
            statuses={key: str(label) for key, label in TIME_STATUS_LABELS.items()},
            roles={key: str(label) for key, label in ASSIGNMENT_ROLE_LABELS.items()},
            states={key: str(label) for key, label in STATE_LABELS.items()},
        )


def _file(report: official.OfficialReport, name: str, kind: str):
    if kind == "pdf":
        return download(official_pdf.pdf_bytes(report), f"{name}.pdf", PDF_TYPE)
    return download(official_docx.docx_bytes(report), f"{name}.docx", exports.DOCX_TYPE)


@bp.get("/reports/notices/<int:document_id>/official.<any(docx, pdf):kind>")
@login_required
def notice_official(document_id: int, kind: str):
    document = visible_document_or_404(document_id)
    scope = Scope.for_actor(current_actor(), request_now(), policy(), document_id=document.id)
    tz = zone(current_app.config["TIMEZONE"])
    report = official_content.notice_report(scope, document, letterhead(), document_names(), tz)
    return _file(report, f"bao-cao-thuc-hien-{document.number}", kind)


def _period(today):
    """The period asked for, or the current month and the error when the value is bad."""
    value = request.args.get("period")
    if not value:
        return default_period(today), None
    try:
        return parse_period(value), None
    except InvalidInput as error:
        return default_period(today), str(error.message)


def _period_page(today, chosen, error, status=200):
    page = render_template(
        "reports/period.html", chosen=chosen, error=error, choices=period_choices(today)
    )
    return page, status


@bp.get("/reports/period")
@login_required
def period():
    today = policy().today(request_now())
    return _period_page(today, *_period(today))


@bp.get("/reports/period.<any(docx, pdf):kind>")
@login_required
def period_official(kind: str):
    scope = Scope.for_actor(current_actor(), request_now(), policy())
    chosen, error = _period(scope.today)
    if error:  # the page again, with the message and the choices
        return _period_page(scope.today, chosen, error, status=400)
    tz = zone(current_app.config["TIMEZONE"])
    report = official_content.period_report(scope, chosen, letterhead(), document_names(), tz)
    return _file(report, f"bao-cao-so-ket-{chosen.value}", kind)
