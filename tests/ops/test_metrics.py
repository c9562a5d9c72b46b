"""/metrics: off by default; Prometheus text for allowed addresses or the token."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.conftest import make_app
from tracker.domain.clock import utc_now
from tracker.extensions import db
from tracker.models import JobRun


@pytest.fixture
def metered(app, database_url, tmp_path):
    on = make_app(
        database_url,
        tmp_path,
        METRICS_ENABLED=True,
        METRICS_ALLOWED_ADDRESSES=["10.1.2.0/24"],
        METRICS_TOKEN="scrape-token-for-tests",
    )
    with on.app_context():
        yield on
        db.session.remove()


def test_off_by_default(client):
    assert client.get("/metrics").status_code == 404


def test_refused_to_other_addresses(metered):
    answer = metered.test_client().get("/metrics", environ_base={"REMOTE_ADDR": "10.9.9.9"})
    assert answer.status_code == 403
    wrong = metered.test_client().get(
        "/metrics",
        environ_base={"REMOTE_ADDR": "10.9.9.9"},
        headers={"Authorization": "Bearer not-the-token"},
    )
    assert wrong.status_code == 403


def test_an_allowed_address_reads_requests_outbox_and_heartbeat(metered):
    db.session.add(JobRun(name="deliver", last_finished_at=utc_now() - timedelta(seconds=90)))
    db.session.commit()
    client = metered.test_client()
    client.get("/login")
    client.get("/no-such-page")
    text = client.get("/metrics", environ_base={"REMOTE_ADDR": "10.1.2.3"}).get_data(True)
    assert 'tracker_http_requests_total{method="GET",route="/login",status="200"}' in text
    assert 'route="unmatched",status="404"' in text
    assert 'tracker_http_request_duration_seconds_bucket{le="0.01",route="/login"}' in text
    assert "tracker_scheduler_heartbeat_age_seconds 9" in text  # 90 s and a little
    assert 'tracker_job_last_finished_timestamp_seconds{job="deliver"}' in text


def test_the_token_opens_from_anywhere(metered):
    answer = metered.test_client().get(
        "/metrics",
        environ_base={"REMOTE_ADDR": "192.0.2.50"},
        headers={"Authorization": "Bearer scrape-token-for-tests"},
    )
    assert answer.status_code == 200
    assert answer.mimetype == "text/plain"
