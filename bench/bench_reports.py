"""Benchmark of the reports, run by hand: python bench/bench_reports.py [--postgres URL]

Builds 100,000 assignments over 2,000 agencies (1,000 notices × 20 directives × 5 agencies),
then times the dashboard, the task list with filters and the per-notice report: the domain
queries the pages call, and the pages themselves through the test client. Prints, for each,
the number of SQL statements (counted by an engine event listener), the median and the 95th
percentile time, and the load average before and after. Without --postgres it runs on a
SQLite file; with it, on a fresh database on that server. After the bulk load it runs ANALYZE
(and, on PostgreSQL, VACUUM: what autovacuum does after a bulk load; it sets the visibility map
that index-only scans need; --no-vacuum skips it, for servers run with autovacuum off).
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402

from config import TestConfig, normalise_database_url  # noqa: E402
from tracker import create_app  # noqa: E402
from tracker.extensions import db  # noqa: E402

NOW = datetime(2026, 6, 15, 3, 0, tzinfo=UTC)
TODAY = date(2026, 6, 15)
AGENCIES, DOCUMENTS, TASKS_PER_DOCUMENT, AGENCIES_PER_TASK = 2000, 1000, 20, 5
RUNS = 21
PASSWORD = "bench-password-2026"


def make_app(url: str, folder: Path):
    settings = {key: getattr(TestConfig, key) for key in dir(TestConfig) if key.isupper()}
    settings.update(
        SQLALCHEMY_DATABASE_URI=url,
        UPLOAD_DIR=str(folder / "uploads"),
        WTF_CSRF_ENABLED=False,
        FIXED_NOW=NOW,
        SESSION_IDLE_MINUTES=10**6,
        SESSION_ABSOLUTE_HOURS=10**5,
    )
    app = create_app(settings)
    gc.freeze()  # as wsgi.py does once the application is built
    return app


def fresh_postgres(url: str) -> str:
    server = sa.make_url(normalise_database_url(url))
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text('DROP DATABASE IF EXISTS "bench_reports" WITH (FORCE)'))
        conn.execute(sa.text('CREATE DATABASE "bench_reports"'))
    admin.dispose()
    return server.set(database="bench_reports").render_as_string(hide_password=False)


def _agencies() -> list[dict]:
    rows = [dict(id=1, code="tinh", name="UBND tỉnh", level="province", parent_id=None)]
    for i in range(2, 22):
        rows.append(dict(id=i, code=f"h{i}", name=f"UBND huyện {i}", level="district", parent_id=1))
    for i in range(22, AGENCIES + 1):
        rows.append(
            dict(id=i, code=f"x{i}", name=f"UBND xã {i}", level="commune", parent_id=2 + i % 20)
        )
    return [dict(row, active=True, created_at=NOW) for row in rows]


def _assignment(rng: random.Random, aid: int, task_id: int, agency_id: int, deadline) -> dict:
    state = rng.choices(
        ["not_started", "in_progress", "awaiting_confirmation", "done", "returned", "paused"],
        [25, 30, 5, 35, 3, 2],
    )[0]
    done = state == "done"
    completed = deadline - timedelta(days=rng.randint(-20, 30)) if done and deadline else None
    reported = (
        TODAY - timedelta(days=rng.randint(0, 10)) if state == "awaiting_confirmation" else None
    )
    return dict(
        id=aid, task_id=task_id, agency_id=agency_id, role="lead" if aid % 5 else "support",
        state=state, progress=100 if done else rng.randint(0, 90), original_deadline=deadline,
        deadline=deadline, completed_on=min(completed, TODAY) if completed else None,
        completed_late=bool(completed and deadline and completed > deadline) if done else None,
        reported_done_on=reported or (min(completed, TODAY) if completed else None),
        created_at=NOW, updated_at=NOW,
    )  # fmt: skip


def build_data(vacuum: bool = True) -> None:
    """Bulk-insert the data set (the domain functions would take minutes for 100,000 rows)."""
    from tracker.domain.work.task_summary import refresh_task_summaries
    from tracker.models import Agency, Assignment, Document, Task

    rng = random.Random(2026)
    db.session.execute(sa.insert(Agency), _agencies())
    documents = [
        dict(id=d, number=f"{d}/TB-UBND", kind="thong_bao_ket_luan", issuer="UBND tỉnh",
             title=f"Thông báo kết luận số {d}", full_text="", created_at=NOW)
        for d in range(1, DOCUMENTS + 1)
    ]  # fmt: skip
    db.session.execute(sa.insert(Document), documents)
    tasks, assignments, task_id, aid = [], [], 0, 0
    for d in range(1, DOCUMENTS + 1):
        for ordinal in range(1, TASKS_PER_DOCUMENT + 1):
            task_id += 1
            no_deadline = rng.random() < 0.05
            deadline = None if no_deadline else TODAY + timedelta(days=rng.randint(-200, 120))
            title = f"Nhiệm vụ {ordinal} của thông báo {d}"
            tasks.append(dict(id=task_id, document_id=d, ordinal=ordinal, title=title, text=title,
                              search_text=title.lower(), deadline=deadline, recurrence="none",
                              priority="normal", created_at=NOW))  # fmt: skip
            for agency_id in rng.sample(range(1, AGENCIES + 1), AGENCIES_PER_TASK):
                aid += 1
                assignments.append(_assignment(rng, aid, task_id, agency_id, deadline))
    db.session.execute(sa.insert(Task), tasks)
    for start in range(0, len(assignments), 10_000):
        db.session.execute(sa.insert(Assignment), assignments[start : start + 10_000])
    refresh_task_summaries(db.session)  # what the domain keeps at each flush, for bulk rows
    db.session.commit()
    if db.engine.dialect.name == "postgresql":
        for table in ("agency", "document", "task", "assignment"):
            db.session.execute(
                sa.text(f"SELECT setval('{table}_id_seq', (SELECT max(id) FROM {table}))")  # noqa: S608 - fixed names
            )
        db.session.commit()
    postgres = db.engine.dialect.name == "postgresql"
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(sa.text("VACUUM ANALYZE" if postgres and vacuum else "ANALYZE"))


class QueryCounter:
    def __init__(self, engine):
        self.count = 0
        sa.event.listen(engine, "before_cursor_execute", self._on_execute)

    def _on_execute(self, *_args):
        self.count += 1


def measure(label: str, counter: QueryCounter, action) -> None:
    action()  # warm up
    times, counts = [], []
    for _ in range(RUNS):
        before = counter.count
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
        counts.append(counter.count - before)
        db.session.remove()
    p95 = statistics.quantiles(times, n=20)[-1]
    print(
        f"  {label:52} {max(counts):3d} queries   median {statistics.median(times):7.1f} ms"
        f"   p95 {p95:7.1f} ms"
    )


def domain_actions():
    from tracker.domain.permissions import system_actor
    from tracker.domain.reports import figures as reports
    from tracker.domain.reports.dashboard import dashboard
    from tracker.domain.reports.tables import notice_rows, period_bounds, scoreboard
    from tracker.domain.states import TimeStatus
    from tracker.domain.work.task_queries import TaskFilters, task_page

    scope = reports.Scope(TODAY, 7)
    actor = system_actor("bench")

    def task_list(filters):
        return task_page(filters, actor, TODAY, 7, 1, 25)

    in_half = dict(agency_id=7, deadline_from=date(2026, 1, 1), deadline_to=date(2026, 6, 30))
    quarter = period_bounds("quarter", 2026, 2)
    return [
        ("domain: dashboard figures", lambda: dashboard(scope)),
        (
            "domain: task list, status=overdue",
            lambda: task_list(TaskFilters(status=TimeStatus.OVERDUE)),
        ),
        (
            "domain: task list, status=done_on_time",
            lambda: task_list(TaskFilters(status=TimeStatus.DONE_ON_TIME)),
        ),
        ("domain: task list, agency + deadline range", lambda: task_list(TaskFilters(**in_half))),
        (
            "domain: per-notice report rows",
            lambda: notice_rows(reports.Scope(TODAY, 7, document_id=500)),
        ),
        ("domain: scoreboard, a quarter", lambda: scoreboard(scope, *quarter)),
    ]


def page_actions(app):
    from tracker.domain.accounts.tokens import create_token
    from tracker.domain.accounts.users import create_user, find_user

    create_user(None, NOW, email="office@bench.example", role="office", password=PASSWORD,
                name="Bench")  # fmt: skip
    db.session.commit()
    client = app.test_client()
    client.post("/login", data={"email": "office@bench.example", "password": PASSWORD})
    _token, secret = create_token(find_user("office@bench.example"), "bench", NOW)
    db.session.commit()
    bearer = {"Authorization": f"Bearer {secret}"}

    def get(url, headers=None):
        def run():
            response = client.get(url, headers=headers)
            assert response.status_code == 200, (url, response.status_code)

        return run

    return [
        ("page: /dashboard", get("/dashboard")),
        ("page: /dashboard?document=500", get("/dashboard?document=500")),
        ("page: /tasks", get("/tasks")),
        ("page: /tasks?status=overdue", get("/tasks?status=overdue")),
        ("page: /tasks?status=overdue&page=200", get("/tasks?status=overdue&page=200")),
        ("page: /tasks?status=done_on_time", get("/tasks?status=done_on_time")),
        ("page: /tasks?q=17&status=due_soon", get("/tasks?q=17&status=due_soon")),
        (
            "page: /tasks?agency=7&deadline_from=…&deadline_to=…",
            get("/tasks?agency=7&deadline_from=2026-01-01&deadline_to=2026-06-30"),
        ),
        ("page: /reports/notices/500", get("/reports/notices/500")),
        ("page: /reports/notices/500.xlsx", get("/reports/notices/500.xlsx")),
        (
            "page: /reports/scoreboard (quarter)",
            get("/reports/scoreboard?period=quarter&year=2026&number=2"),
        ),
        ("api: /api/v1/tasks?status=overdue", get("/api/v1/tasks?status=overdue", bearer)),
        (
            "api: /api/v1/assignments?agency=7&status=overdue",
            get("/api/v1/assignments?agency=7&status=overdue", bearer),
        ),
    ]


def main() -> None:
    from flask_migrate import upgrade

    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", help="a PostgreSQL server URL; a bench_reports db is made")
    parser.add_argument("--no-vacuum", action="store_true", help="ANALYZE only, no VACUUM")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-reports-"))
    url = fresh_postgres(args.postgres) if args.postgres else f"sqlite:///{folder / 'bench.db'}"
    app = make_app(url, folder)
    with app.app_context():
        upgrade(revision="heads")
        started = time.perf_counter()
        build_data(vacuum=not args.no_vacuum)
        total = DOCUMENTS * TASKS_PER_DOCUMENT * AGENCIES_PER_TASK
        print(f"{db.engine.dialect.name}: built {total:,} assignments in "
              f"{time.perf_counter() - started:.1f} s; median of {RUNS} runs")  # fmt: skip
        print("load average before:", Path("/proc/loadavg").read_text().strip())
        counter = QueryCounter(db.engine)
        for label, action in domain_actions():
            measure(label, counter, action)
        for label, action in page_actions(app):
            measure(label, counter, action)
        print("load average after: ", Path("/proc/loadavg").read_text().strip())
        db.session.remove()
        db.engine.dispose()


if __name__ == "__main__":
    main()
