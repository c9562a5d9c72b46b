"""The forms on an assignment's page: the agency's reports and the office's decisions.

Each form has its own prefix, so several can share a page without mixing their fields.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    IntegerField,
    MultipleFileField,
    RadioField,
    SelectMultipleField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from tracker.domain.work.evidence import ALLOWED
from tracker.web.forms import VNDateField, options

_REQUIRED = _l("This field is required.")
_ACCEPT = ",".join(f".{ext}" for ext in ALLOWED)


def _text(label, required=True):
    checks = [DataRequired(_REQUIRED)] if required else [Optional()]
    return TextAreaField(label, validators=[*checks, Length(max=5000)], render_kw={"rows": 3})


def _files():
    return MultipleFileField(_l("Evidence files (optional)"), render_kw={"accept": _ACCEPT})


class ProgressForm(FlaskForm):
    percent = IntegerField(
        _l("Progress (%)"),
        validators=[
            InputRequired(_l("Give a number from 0 to 100.")),
            NumberRange(0, 100, _l("Give a number from 0 to 100.")),
        ],
        render_kw={"min": 0, "max": 100, "inputmode": "numeric"},
    )
    note = _text(_l("What has been done"))
    files = _files()


class CompletionForm(FlaskForm):
    note = _text(_l("Result achieved"))
    files = _files()


class ExtensionForm(FlaskForm):
    requested_deadline = VNDateField(
        _l("New deadline requested"), validators=[DataRequired(_REQUIRED)]
    )
    reason = _text(_l("Reason"))


class DelegateForm(FlaskForm):
    agencies = SelectMultipleField(_l("Agencies below yours"), coerce=int, validators=[Optional()])
    deadline = VNDateField(_l("Deadline (empty: yours)"), validators=[Optional()])


class ConfirmForm(FlaskForm):
    note = _text(_l("Note (optional)"), required=False)


class ReturnForm(FlaskForm):
    reason = _text(_l("Reason for returning it"))


class DecideExtensionForm(FlaskForm):
    decision = RadioField(
        _l("Decision"),
        choices=options([("approve", _l("Approve")), ("reject", _l("Reject"))]),
        validators=[DataRequired(_l("Choose approve or reject."))],
    )
    new_deadline = VNDateField(
        _l("New deadline (empty: the date asked for)"), validators=[Optional()]
    )
    note = _text(_l("Note (required to reject)"), required=False)


class AssignmentDeadlineForm(FlaskForm):
    deadline = VNDateField(_l("New deadline"), validators=[Optional()])
    ongoing = BooleanField(_l("Ongoing duty (no deadline)"))
    reason = _text(_l("Reason"))

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if ok and not self.ongoing.data and not self.deadline.data:
            self.deadline.errors = [_l("Give a deadline, or mark the task as ongoing.")]
            return False
        return ok


class PauseForm(FlaskForm):
    reason = _text(_l("Reason for pausing it"))


class ResumeForm(FlaskForm):
    note = _text(_l("Note (optional)"), required=False)


class CancelForm(FlaskForm):
    reason = _text(_l("Reason for cancelling it"))


class ReopenForm(FlaskForm):
    reason = _text(_l("Reason for reopening it"))


#: the prefix of each form, which is also the name the page knows it by
FORMS = {
    "progress": ProgressForm,
    "completion": CompletionForm,
    "extension": ExtensionForm,
    "delegate": DelegateForm,
    "confirm": ConfirmForm,
    "return": ReturnForm,
    "decide": DecideExtensionForm,
    "deadline": AssignmentDeadlineForm,
    "pause": PauseForm,
    "resume": ResumeForm,
    "cancel": CancelForm,
    "reopen": ReopenForm,
}
