"""The app a child process runs (`flask --app tests.reminders.child_app`), with the mail
server taken from the environment the test gives it."""

import os

from config import TestConfig
from tracker import create_app

settings = {key: getattr(TestConfig, key) for key in dir(TestConfig) if key.isupper()}
settings.update(
    SQLALCHEMY_DATABASE_URI=os.environ["DATABASE_URL"],
    MAIL_SERVER=os.environ.get("MAIL_SERVER") or None,
    MAIL_PORT=int(os.environ.get("MAIL_PORT", "25")),
    MAIL_TIMEOUT_SECONDS=5,
)
app = create_app(settings)
