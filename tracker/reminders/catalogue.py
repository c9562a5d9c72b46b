"""One language's translations, bound once for building many mails.

Flask-Babel's `gettext` finds the current locale and its catalogue on every call (several
context-local lookups); a sweep that builds a thousand digests made tens of thousands of
such calls. A Catalogue takes the translations once per language and application, and hands
the templates a `_()` that behaves exactly like Flask-Babel's (Jinja's "newstyle" gettext:
the translated text is trusted markup, the variables are escaped in HTML).
"""

from __future__ import annotations

from flask import current_app
from flask_babel import force_locale, get_translations
from jinja2 import pass_context
from markupsafe import Markup

from tracker.domain.labels import STATE_LABELS, TIME_STATUS_LABELS

_EXTENSION_KEY = "tracker.reminders.catalogues"


class Catalogue:
    """The translations and the status and state labels of one language."""

    def __init__(self, locale: str):
        with force_locale(locale):
            self.translations = get_translations()
            #: TimeStatus -> label, WorkState -> label, in this language
            self.status_labels = {key: str(value) for key, value in TIME_STATUS_LABELS.items()}
            self.state_labels = {key: str(value) for key, value in STATE_LABELS.items()}
        self.locale = locale
        self.jinja_gettext = _newstyle(self.translations.ugettext)

    def gettext(self, msgid: str, **variables) -> str:
        """Like flask_babel.gettext in this language."""
        text = self.translations.ugettext(msgid)
        return text % variables if variables else text


def _newstyle(ugettext):
    """Jinja's newstyle gettext (jinja2.ext) over a fixed catalogue."""

    @pass_context
    def gettext(context, msgid: str, **variables) -> str:
        text = ugettext(msgid)
        if context.eval_ctx.autoescape:
            # the catalogue's own text is trusted markup, as in Jinja's i18n extension
            text = Markup(text)  # noqa: S704
        return text % variables

    return gettext


def catalogue(locale: str) -> Catalogue:
    """The application's Catalogue for `locale` (made once, like Flask-Babel's own cache)."""
    cache = current_app.extensions.setdefault(_EXTENSION_KEY, {})
    found = cache.get(locale)
    if found is None:
        found = cache[locale] = Catalogue(locale)
    return found
