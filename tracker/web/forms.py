"""Form helpers shared by the areas: running a form's domain call (`saving`, `done`), domain
errors shown next to their field, date fields."""

from __future__ import annotations

from datetime import date

from flask import flash, redirect
from flask_wtf import FlaskForm
from wtforms import DateField, SelectChoice
from wtforms.widgets import TextInput

from tracker.domain.dates import parse_day
from tracker.domain.errors import DomainError, InvalidInput
from tracker.extensions import db

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
            self.data = parse_day(valuelist[0])
        except InvalidInput as error:
            self.data = None
            raise ValueError(error.message) from None


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


def saving(form: FlaskForm, aliases: dict | None = None) -> Saved:
    """Run the domain call inside `with` and keep its outcome: commit when it succeeds; on a
    DomainError roll back and show the message next to its field in `form` (or above it), and
    the outcome is false. `aliases` maps a domain field name to the form's.

        if form.validate_on_submit():
            with saving(form) as saved:
                task = tasks.create_task(current_actor(), request_now(), ...)
            if saved:
                return done(_("The task has been created."), url_for("tasks.show", ...))
        return render_template(...)
    """
    return Saved(form, aliases)


class Saved:
    """The outcome of `saving`: true once the domain call succeeded and was committed."""

    def __init__(self, form: FlaskForm, aliases: dict | None = None):
        self.form, self.aliases, self.ok = form, aliases, False
        self.error: DomainError | None = None  #: the refusal, when there was one

    def __enter__(self) -> Saved:
        return self

    def __exit__(self, kind, error, _traceback) -> bool:
        if error is None:
            db.session.commit()
            self.ok = True
            return False
        if isinstance(error, DomainError):
            db.session.rollback()
            show_domain_error(self.form, error, self.aliases)
            self.error = error
            return True  # the page shows the form again with the message
        return False

    def __bool__(self) -> bool:
        return self.ok


def done(message: str, url: str):
    """Say that it worked, and go on to `url`."""
    flash(message, "success")
    return redirect(url)
