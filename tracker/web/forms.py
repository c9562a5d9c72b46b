"""Form helpers shared by the areas: domain errors shown next to their field, date fields."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectChoice
from wtforms.widgets import TextInput

from tracker.domain.errors import DomainError

#: the office writes dates as dd/mm/yyyy; the browser's date picker sends yyyy-mm-dd
DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class VNDateField(DateField):
    """A date typed as dd/mm/yyyy (the ISO form is accepted too), with a translated message."""

    widget = TextInput()  # not type=date: browsers would show their own format, not dd/mm/yyyy

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("format", DATE_FORMATS)
        kwargs.setdefault("render_kw", {"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})
        super().__init__(label, validators, **kwargs)

    def _value(self):
        if self.raw_data:
            return " ".join(self.raw_data)
        return self.data.strftime("%d/%m/%Y") if isinstance(self.data, date) else ""

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        try:
            super().process_formdata([valuelist[0].strip()])
        except ValueError:
            self.data = None
            raise ValueError(_l("Write the date as dd/mm/yyyy.")) from None


def options(pairs) -> list[SelectChoice]:
    """Select options from (value, label) pairs."""
    return [SelectChoice(str(value), label) for value, label in pairs]


def show_domain_error(form: FlaskForm, error: DomainError, aliases: dict | None = None) -> None:
    """Put a domain error next to its field, or above the form when it names none."""
    name = (aliases or {}).get(error.field, error.field)
    field = form._fields.get(name) if name else None
    if field is not None:
        field.errors = [*list(field.errors or []), error.message]
    else:
        form.form_errors.append(error.message)


def unbound(form_class, **kwargs):
    """A form that ignores this request's data (another form on the page was posted)."""
    return form_class(formdata=None, **kwargs)
