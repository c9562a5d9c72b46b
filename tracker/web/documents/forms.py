"""The document (notice) form."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from tracker.domain.labels import KIND_LABELS
from tracker.web.forms import VNDateField
from tracker.web.labels import choices

_REQUIRED = _l("This field is required.")


class DocumentForm(FlaskForm):
    number = StringField(
        _l("Number"),
        validators=[DataRequired(_REQUIRED), Length(max=100)],
        render_kw={"placeholder": "75/TB-UBND"},
    )
    kind = SelectField(_l("Kind of document"), choices=choices(KIND_LABELS))
    issuer = StringField(_l("Issued by"), validators=[Optional(), Length(max=255)])
    issued_on = VNDateField(_l("Issued on"), validators=[Optional()])
    title = TextAreaField(
        _l("Title"), validators=[DataRequired(_REQUIRED), Length(max=2000)], render_kw={"rows": 2}
    )
    full_text = TextAreaField(
        _l("Full text"), validators=[Optional(), Length(max=200_000)], render_kw={"rows": 8}
    )

    def values(self) -> dict:
        """The typed values, as the domain takes them."""
        return {
            "number": self.number.data or "",
            "kind": self.kind.data,
            "issuer": self.issuer.data or "",
            "issued_on": self.issued_on.data,
            "title": self.title.data or "",
            "full_text": self.full_text.data or "",
        }
