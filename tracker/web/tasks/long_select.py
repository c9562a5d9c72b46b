"""A <select> for thousands of options (every agency, every notice), rendered in one pass."""

from __future__ import annotations

from markupsafe import Markup
from wtforms import SelectChoice, SelectMultipleField
from wtforms.widgets import Select, html_params


def _escape(text: str) -> str:
    """markupsafe.escape's replacements, as a plain str (its Markup costs ~1 µs an option)."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("'", "&#39;")
        .replace('"', "&#34;")
    )


class LongSelect(Select):
    """The same HTML as WTForms' Select, written straight from the field's choices.

    WTForms normalises the choices twice, then builds a Choice and a Markup and calls
    html_params for every option: with 3,000 options, about a third of the /tasks page's time.
    Plain choices (SelectChoice without render_kw, (value, label) pairs or bare strings; str or
    int values and labels) are written here in one pass; anything else (groups, several values
    selected, bools, lazy labels) is left to WTForms' Select.
    """

    def __call__(self, field, **kwargs):
        options = self._plain_options(field)
        if options is None:
            return super().__call__(field, **kwargs)
        # the <select> tag itself, exactly as Select.__call__ writes it
        kwargs.setdefault("id", field.id)
        if self.multiple:
            kwargs["multiple"] = True
        flags = getattr(field, "flags", {})
        for k in dir(flags):
            if k in self.validation_attrs and k not in kwargs:
                kwargs[k] = getattr(flags, k)
        select_params = html_params(name=field.name, **kwargs)
        return Markup(f"<select {select_params}>{options}</select>")  # noqa: S704 - escaped

    def _plain_options(self, field) -> str | None:
        """The escaped <option> tags, or None when WTForms should draw the field itself."""
        if isinstance(field, SelectMultipleField) or field.has_groups():
            return None
        choices = field.choices or ()
        if type(choices) not in (list, tuple):  # a dict has groups; a generator reads once
            return None
        pairs = []
        for choice in choices:
            if type(choice) is SelectChoice and not choice.render_kw:
                value, label = choice.value, choice.label
            elif type(choice) is tuple and len(choice) == 2:
                value, label = choice
            elif type(choice) is str:
                value = label = choice
            else:
                return None
            label = label or value
            # str or int only: WTForms writes bools its own way, and escape() would trust a
            # Markup or lazy text
            if type(value) not in (str, int) or type(label) not in (str, int):
                return None
            pairs.append((value, label))
        coerce, data = field.coerce, field.data
        tags = []
        for value, label in pairs:
            text = str(value)
            chosen = text == data if coerce is str else coerce(value) == data
            selected = "selected " if chosen else ""
            tags.append(f'<option {selected}value="{_escape(text)}">{_escape(str(label))}</option>')
        return "".join(tags)
