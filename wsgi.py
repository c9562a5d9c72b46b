"""The WSGI entry point: `gunicorn wsgi:app`, and what `flask` finds from the repository root."""

import gc

from tracker import create_app

app = create_app()
# What is loaded by now (the libraries, the models, the templates' code) lives as long as the
# process. Frozen, it is no longer walked by every full garbage collection: those walks were
# the ~100 ms tail of the task list's response times (bench/README.md), and forked gunicorn
# workers keep sharing its memory pages.
gc.freeze()
