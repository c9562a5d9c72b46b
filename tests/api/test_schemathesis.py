"""Schemathesis against the served OpenAPI document, positive and negative data: no server
error, every response as described, and no request the schema forbids is accepted.

Driven through schemathesis's Python API with Hypothesis directly (its pytest plugin's lazy
fixture loader does not run on pytest 9), one test per operation, 20 examples per mode.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    response_schema_conformance,
)

from tracker.web.api.blueprint import OPERATIONS
from tracker.web.api.views import bp  # noqa: F401 - registers every operation

CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    negative_data_rejection,
    content_type_conformance,
]
EXAMPLES = 20


@pytest.mark.slow
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: f"{op.method.upper()} {op.path}")
def test_api_keeps_its_promises(app, notice, office_headers, op, mode):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operation = schema[op.path][op.method]

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        case.call_and_validate(headers=office_headers, checks=CHECKS)

    run()
