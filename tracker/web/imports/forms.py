"""Notice import forms: the text or file to read, and the review of what was read."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Length, Optional

from tracker.domain.labels import KIND_LABELS, LEVEL_LABELS, RECURRENCE_LABELS
from tracker.web.forms import VNDateField
from tracker.web.labels import choices

ACCEPTED_SUFFIXES = (".txt", ".docx", ".pdf")
#: a notice is a few pages; a paste this long is a mistake
MAX_PASTE_CHARS = 500_000


class ReadForm(FlaskForm):
    text = TextAreaField(
        _l("Paste the notice's text"),
        validators=[Optional(), Length(max=MAX_PASTE_CHARS)],
        render_kw={"rows": 14},
    )
    file = FileField(_l("…or upload the file (.txt, .docx, or a PDF with text)"))
    issued_on = VNDateField(_l("Date of the notice, if its text lacks it"), [Optional()])


class NewAgencyForm(Form):
    add = BooleanField(_l("Add as a new agency"))
    name = StringField(_l("Name"), validators=[Optional(), Length(max=255)])
    level = SelectField(_l("Level"), choices=choices(LEVEL_LABELS))
    email = StringField(
        _l("E-mail (without one it will not be notified)"),
        validators=[Optional(), Length(max=255)],
    )
    parent = SelectField(_l("Parent agency"), coerce=str, validate_choice=False)


class DirectiveForm(Form):
    text = TextAreaField(_l("Text"), validators=[Length(max=20_000)], render_kw={"rows": 5})
    lead = SelectMultipleField(_l("Lead agencies"), coerce=str, render_kw={"size": 6})
    support = SelectMultipleField(_l("Supporting agencies"), coerce=str, render_kw={"size": 6})
    deadline = VNDateField(_l("Deadline"), [Optional()])
    recurrence = SelectField(_l("Recurrence"), choices=choices(RECURRENCE_LABELS))
    ongoing = BooleanField(_l("Ongoing duty (no deadline)"))
    accept_early = BooleanField(_l("Keep this deadline although it is before the notice's date"))
    new_agencies = FieldList(FormField(NewAgencyForm))


class ReviewForm(FlaskForm):
    version = HiddenField()
    issuer = StringField(_l("Issuer"), validators=[Optional(), Length(max=255)])
    number = StringField(_l("Number"), validators=[Optional(), Length(max=100)])
    issued_on = VNDateField(_l("Date"), [Optional()])
    title = TextAreaField(_l("Title"), validators=[Optional(), Length(max=2000)])
    kind = SelectField(_l("Kind of document"), choices=choices(KIND_LABELS))
    directives = FieldList(FormField(DirectiveForm))
    allow_duplicate = BooleanField(
        _l("Import it again as a second notice, on purpose (the choice is recorded)")
    )
