"""Task forms: create and edit, assign, change the deadline, and the list's filters."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from tracker.domain.labels import (
    ASSIGNMENT_ROLE_LABELS,
    LEVEL_PLURAL_LABELS,
    PRIORITY_LABELS,
    RECURRENCE_LABELS,
    TIME_STATUS_LABELS,
)
from tracker.domain.states import AgencyLevel
from tracker.web.forms import VNDateField
from tracker.web.labels import choices
from tracker.web.tasks.long_select import LongSelect

_REQUIRED = _l("This field is required.")


class DeadlineMixin:
    def check_deadline(self) -> bool:
        """A deadline, or "ongoing": one of the two, not both."""
        if self.ongoing.data and self.deadline.data:
            self.deadline.errors = [_l("An ongoing task has no deadline: clear one of the two.")]
            return False
        if not self.ongoing.data and not self.deadline.data and not self.deadline.errors:
            self.deadline.errors = [_l("Give a deadline, or mark the task as ongoing.")]
            return False
        return True


class TaskForm(DeadlineMixin, FlaskForm):
    title = StringField(
        _l("Title"),
        validators=[Optional(), Length(max=500)],
    )
    text = TextAreaField(
        _l("Directive text"),
        validators=[DataRequired(_REQUIRED), Length(max=20_000)],
        render_kw={"rows": 6},
    )
    deadline = VNDateField(_l("Deadline"), validators=[Optional()])
    ongoing = BooleanField(_l("Ongoing duty (no deadline)"))
    recurrence = SelectField(_l("Recurrence"), choices=choices(RECURRENCE_LABELS))
    priority = SelectField(_l("Priority"), choices=choices(PRIORITY_LABELS))

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        return self.check_deadline() and ok


class TaskEditForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(_REQUIRED), Length(max=500)])
    text = TextAreaField(
        _l("Directive text"),
        validators=[DataRequired(_REQUIRED), Length(max=20_000)],
        render_kw={"rows": 6},
    )
    recurrence = SelectField(_l("Recurrence"), choices=choices(RECURRENCE_LABELS))
    priority = SelectField(_l("Priority"), choices=choices(PRIORITY_LABELS))


class AssignForm(FlaskForm):
    role = SelectField(_l("Role"), choices=choices(ASSIGNMENT_ROLE_LABELS))
    agencies = SelectMultipleField(
        _l("Agencies"), coerce=int, validators=[Optional()], render_kw={"size": 12}
    )
    level = SelectField(
        _l("Or a whole level"),
        choices=[SelectChoice("", "—"), *choices(LEVEL_PLURAL_LABELS)],
        validators=[Optional()],
    )
    deadline = VNDateField(_l("Deadline (empty: the task's)"), validators=[Optional()])

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if ok and not self.agencies.data and not self.level.data:
            self.agencies.errors = [_l("Choose at least one agency, or a whole level.")]
            return False
        return ok

    def chosen_level(self) -> AgencyLevel | None:
        return AgencyLevel(self.level.data) if self.level.data else None


class TaskDeadlineForm(DeadlineMixin, FlaskForm):
    deadline = VNDateField(_l("New deadline"), validators=[Optional()])
    ongoing = BooleanField(_l("Ongoing duty (no deadline)"))
    reason = TextAreaField(
        _l("Reason"),
        validators=[DataRequired(_REQUIRED), Length(max=2000)],
        render_kw={"rows": 3},
    )

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        return self.check_deadline() and ok


class TaskFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a search changes nothing

    q = StringField(_l("Search"), validators=[Optional(), Length(max=200)])
    status = SelectField(
        _l("Status"),
        choices=[SelectChoice("", _l("Any")), *choices(TIME_STATUS_LABELS)],
        validators=[Optional()],
    )
    agency = SelectField(_l("Agency"), coerce=str, validators=[Optional()], widget=LongSelect())
    document = SelectField(_l("Document"), coerce=str, validators=[Optional()], widget=LongSelect())
    role = SelectField(
        _l("Role"),
        choices=[SelectChoice("", _l("Any")), *choices(ASSIGNMENT_ROLE_LABELS)],
        validators=[Optional()],
    )
    deadline_from = VNDateField(_l("Deadline from"), validators=[Optional()])
    deadline_to = VNDateField(_l("Deadline to"), validators=[Optional()])
    page = IntegerField(validators=[Optional()])
