"""A <select> for thousands of options (every agency, every notice), rendered in one pass."""

from __future__ import annotations

from markupsafe import Markup, escape
from wtforms.widgets import Select


class LongSelect(Select):
    """The same HTML as WTForms' Select. Its render_option formats each option's attributes
    through html_params (~20 µs an option); with 3,000 options that was most of the /tasks
    page's time, so plain options are written directly here."""

    @classmethod
    def render_option(cls, choice, **kwargs):
        if kwargs or choice.render_kw or isinstance(choice.value, bool):
            return super().render_option(choice, **kwargs)
        selected = "selected " if choice.selected else ""
        label = escape(choice.label or choice.value)
        html = f'<option {selected}value="{escape(choice.value)}">{label}</option>'
        return Markup(html)  # noqa: S704 - the value and the label are escaped above
