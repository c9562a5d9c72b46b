"""LongSelect, the /tasks filter's agency and notice lists: WTForms' HTML, drawn faster."""

from __future__ import annotations

import pytest
from markupsafe import Markup
from wtforms import Form, SelectChoice, SelectField, SelectMultipleField
from wtforms.validators import DataRequired, Optional
from wtforms.widgets import Select

from tracker.web.forms import options
from tracker.web.tasks.long_select import LongSelect

TRICKY = [
    ("", "—"),
    ("1", 'Sở "A" & <B>'),
    ("2", "UBND xã Đông's <script>alert(1)</script>"),
    ("3", ""),  # an empty label shows the value
    ("4", "a &amp; b"),  # already-escaped text is escaped again, not trusted
    ('5"><b', "value with quotes"),
    ("22", "UBND xã 22"),
    ("22", "the same value twice"),
]


def pair(*, coerce=str, widget_kw=None, field=SelectField, **field_kw):
    """A form with the same field drawn by WTForms' Select (usual) and by LongSelect (fast)."""
    widget_kw = widget_kw or {}

    class Pair(Form):
        usual = field(coerce=coerce, widget=Select(**widget_kw), **field_kw)
        fast = field(coerce=coerce, widget=LongSelect(**widget_kw), **field_kw)

    return Pair


def drawn(form_class, choices, *, data=None, formdata=None, **kwargs):
    """Both fields' HTML, the usual one renamed to compare, and the fast field."""
    form = form_class(formdata=formdata, data={"usual": data, "fast": data})
    # set afterwards, as the /tasks view does (passing tuples to SelectField() warns)
    form.usual.choices = choices
    form.fast.choices = choices
    usual = str(form.usual(**kwargs)).replace('name="usual"', 'name="fast"')
    usual = usual.replace('id="usual"', 'id="fast"')
    return usual, str(form.fast(**kwargs)), form.fast


def fast_path(field) -> bool:
    return LongSelect()._plain_options(field) is not None


PLAIN_CASES = {
    "options() helper": options(TRICKY),
    "(value, label) pairs": TRICKY,
    "bare strings": ["a", "b & c", "22", ""],
    "numeric values": [(1, "one"), (22, "twenty-two"), (3, ""), (0, "zero")],
    "numeric labels": [("1", 1), ("2", 0), ("3", 33)],
    "options() from ints": options([("", "—"), (1, "one"), (22, "<22>")]),
    "no choices": [],
    "tuple of choices": tuple(options(TRICKY)),
    "a NUL in a label": [("1", "a\0b"), ("2", "c & d"), ("3\0", "e")],
}


@pytest.mark.parametrize("choices", PLAIN_CASES.values(), ids=PLAIN_CASES.keys())
@pytest.mark.parametrize("data", [None, "", "1", "22", "3", "a", "b & c", '5"><b', "missing"])
def test_plain_choices_are_drawn_as_wtforms_draws_them(choices, data):
    usual, fast, field = drawn(pair(), choices, data=data)
    assert fast_path(field)
    assert fast == usual


@pytest.mark.parametrize("data", [None, 22, 0, 5])
def test_an_int_coerce_compares_the_coerced_values(data):
    choices = [(0, "zero"), (22, "twenty-two"), ("5", "five")]
    usual, fast, field = drawn(pair(coerce=int), choices, data=data)
    assert fast_path(field)
    assert fast == usual
    if data is not None:
        assert f'selected value="{data}"' in fast


def test_the_selected_option_comes_from_the_submitted_form():
    from werkzeug.datastructures import MultiDict

    usual, fast, _ = drawn(pair(), TRICKY, formdata=MultiDict({"usual": "2", "fast": "2"}))
    assert fast == usual
    assert fast.count("selected") == 1
    assert '<option selected value="2">' in fast


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"id": "agency-filter"},
        {"class_": "form-select wide", "data_role": "filter", "aria_label": 'Cơ quan "A"'},
        {"required": False, "disabled": True, "size": 12},
        {"onchange": "this.form.submit()", "title": "<&>"},
    ],
)
def test_the_select_tag_keeps_its_attributes(kwargs):
    usual, fast, field = drawn(pair(), TRICKY, data="1", **kwargs)
    assert fast_path(field)
    assert fast == usual


def test_the_fields_flags_and_render_kw_and_multiple_are_written_too():
    form_class = pair(
        validators=[DataRequired()],
        render_kw={"class": "big", "size": 5},
        widget_kw={"multiple": True},
    )
    usual, fast, field = drawn(form_class, TRICKY, data="22")
    assert fast_path(field)
    assert fast == usual
    assert "multiple" in fast
    assert "required" in fast

    usual, fast, _ = drawn(pair(validators=[Optional()]), TRICKY)
    assert fast == usual


UNUSUAL_CASES = {
    "option groups": [SelectChoice("1", "one", optgroup="Tỉnh"), SelectChoice("2", "two")],
    "render_kw on a choice": [SelectChoice("1", "one", render_kw={"disabled": True})],
    "three-item tuples": [("1", "one", {"data_x": "y"})],
    "boolean values": [(True, "yes"), (False, "")],
    "a Markup value": [(Markup('a"b'), "one")],
    "a Markup label": [("1", Markup("<b>one</b>"))],
    "a dict of groups": {"Tỉnh": [("1", "one")], "Huyện": [("2", "two & three")]},
    "a shorthand dict": {"1": "one", "2": "<two>"},
}


@pytest.mark.parametrize("choices", UNUSUAL_CASES.values(), ids=UNUSUAL_CASES.keys())
def test_unusual_choices_are_left_to_wtforms(choices):
    usual, fast, field = drawn(pair(), choices, data="1")
    assert not fast_path(field)
    assert fast == usual


def test_lazy_labels_are_left_to_wtforms(app):
    from flask_babel import lazy_gettext

    choices = [SelectChoice("", lazy_gettext("Any")), SelectChoice("1", "one")]
    usual, fast, field = drawn(pair(), choices)
    assert not fast_path(field)
    assert fast == usual


def test_a_multiple_select_field_is_left_to_wtforms():
    usual, fast, field = drawn(pair(field=SelectMultipleField), TRICKY, data=["1", "22"])
    assert not fast_path(field)
    assert fast == usual


def test_choices_given_as_a_callable_are_drawn_too():
    def agencies():
        return options([("", "—"), (1, "Sở <A>")])

    class One(Form):
        usual = SelectField(choices=agencies, widget=Select())
        fast = SelectField(choices=agencies, widget=LongSelect())

    form = One(data={"usual": "1", "fast": "1"})
    assert str(form.fast()).replace("fast", "usual") == str(form.usual())


def test_user_text_cannot_break_out_of_the_option():
    choices = options([("1", "</option></select><script>alert(1)</script>"), ('"><x', "&")])
    _, fast, _ = drawn(pair(), choices)
    assert "<script>" not in fast
    assert "</select>" not in fast[: -len("</select>")]
    assert '"><x' not in fast
    assert fast.count("<option") == 2


def test_the_task_filter_form_draws_its_long_lists_as_wtforms_would(app):
    from flask import request

    from tracker.web.tasks.forms import TaskFilterForm

    agencies = [("", "—"), *((i, f"UBND xã số {i} & <{i}>") for i in range(1, 2001))]
    notices = [("", "—"), *((i, f"{i}/TB-UBND") for i in range(1, 1001))]
    with app.test_request_context("/tasks?agency=1234&document=77"):
        form = TaskFilterForm(request.args, meta={"csrf": False})
        form.agency.choices = options(agencies)
        form.document.choices = options(notices)
        for field in (form.agency, form.document):
            assert fast_path(field)
            fast = str(field(class_="form-select"))
            assert fast == str(Select()(field, **{"class": "form-select"}))
        assert '<option selected value="1234">' in str(form.agency())
        assert '<option selected value="77">' in str(form.document())
