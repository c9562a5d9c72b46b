"""/metrics in Prometheus' text format, off by default (METRICS_ENABLED), readable only from
METRICS_ALLOWED_ADDRESSES or with `Authorization: Bearer METRICS_TOKEN`.

Requests by route and status and their latency are counted in each process; under gunicorn,
set PROMETHEUS_MULTIPROC_DIR (deploy/tracker-web.service does) so every worker's counts are
summed. The outbox, the scheduler's heartbeat and the jobs' last runs are read from the
database at each scrape, so they are the same whichever worker answers."""

from __future__ import annotations

import hmac
import os
import time
from ipaddress import ip_address, ip_network

import sqlalchemy as sa
from flask import Flask, Response, abort, current_app, g, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

from tracker.domain.clock import utc_now
from tracker.extensions import db
from tracker.models import JobRun, Notification

REQUESTS = Counter(
    "tracker_http_requests_total", "HTTP requests answered", ["route", "method", "status"]
)
LATENCY = Histogram(
    "tracker_http_request_duration_seconds",
    "Time to answer an HTTP request",
    ["route"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)


class DatabaseCollector:
    """Gauges read from the database at scrape time (the app context is the request's)."""

    def collect(self):
        outbox = GaugeMetricFamily(
            "tracker_outbox_mails", "Mails in the outbox by status", labels=["status"]
        )
        counts = db.session.execute(
            sa.select(Notification.status, sa.func.count()).group_by(Notification.status)
        ).all()
        for status, count in counts:
            outbox.add_metric([str(getattr(status, "value", status))], count)
        yield outbox
        runs = GaugeMetricFamily(
            "tracker_job_last_finished_timestamp_seconds",
            "When each scheduled job last finished (the deliver job's is the heartbeat)",
            labels=["job"],
        )
        beat = GaugeMetricFamily(
            "tracker_scheduler_heartbeat_age_seconds",
            "Seconds since the scheduler last finished a delivery run",
        )
        now = utc_now()
        for name, finished in db.session.execute(sa.select(JobRun.name, JobRun.last_finished_at)):
            if finished is not None:
                runs.add_metric([name], finished.timestamp())
                if name == "deliver":
                    beat.add_metric([], (now - finished).total_seconds())
        yield runs
        yield beat


def _allowed() -> bool:
    token = current_app.config.get("METRICS_TOKEN")
    given = request.headers.get("Authorization", "")
    if token and hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        return True
    try:
        client = ip_address(request.remote_addr or "")
    except ValueError:
        return False
    networks = current_app.config.get("METRICS_ALLOWED_ADDRESSES") or []
    return any(client in ip_network(net, strict=False) for net in networks)


def metrics_view():
    if not current_app.config.get("METRICS_ENABLED"):
        abort(404)
    if not _allowed():
        abort(403)
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        MultiProcessCollector(registry)
    else:
        registry.register(REQUESTS)
        registry.register(LATENCY)
    registry.register(DatabaseCollector())
    return Response(generate_latest(registry), mimetype=CONTENT_TYPE_LATEST)


def _start():
    g.metrics_started = time.perf_counter()


def _count(response):
    started = g.pop("metrics_started", None)
    route = request.url_rule.rule if request.url_rule else "unmatched"
    REQUESTS.labels(route, request.method, str(response.status_code)).inc()
    if started is not None:
        LATENCY.labels(route).observe(time.perf_counter() - started)
    return response


def register_metrics(app: Flask) -> None:
    """The per-request counts, when /metrics is on (tracker/ops/web.py routes it)."""
    if app.config.get("METRICS_ENABLED"):
        app.before_request(_start)
        app.after_request(_count)
