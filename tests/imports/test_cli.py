"""`flask notices read | import | evaluate`."""

from __future__ import annotations

import json
from pathlib import Path

from tests.imports.conftest import EXPECTED, SAMPLE, count
from tracker.models import Assignment, Document, Task

CORPUS = Path(__file__).resolve().parent.parent / "notices" / "corpus"
AGENCIES_CSV = SAMPLE.parent / "lang-son-agencies.csv"
HEADER = (
    "issuer",
    "number",
    "issued_on",
    "year",
    "title",
    "directive_section_heading",
    "section_deadline",
)


def assert_matches_expected(reading: dict) -> None:
    for name in HEADER:
        assert reading[name] == EXPECTED[name], name
    assert len(reading["directives"]) == len(EXPECTED["directives"])
    for got, expected in zip(reading["directives"], EXPECTED["directives"], strict=True):
        assert got["text"].startswith(expected["text_start"])
        for name in ("lead", "support", "deadline", "deadline_text", "recurrence"):
            assert got[name] == expected[name], (expected["text_start"], name)
        assert got.get("milestones", expected.get("milestones")) == expected.get("milestones")


def test_read_json_with_the_registry_from_the_database(runner, agencies):
    result = runner.invoke(args=["notices", "read", str(SAMPLE), "--json"])
    assert result.exit_code == 0, result.output
    reading = json.loads(result.output)
    assert_matches_expected(reading)
    assert reading["directives"][2]["lead_agencies"] == ["ca-tinh"]
    assert "Ủy" in result.output or "ỉ" in result.output  # not \\u escapes
    assert count(Document) == 0 and count(Task) == 0


def test_read_json_with_a_csv_registry(runner, tmp_path):
    result = runner.invoke(
        args=[
            "notices",
            "read",
            str(SAMPLE),
            "--json",
            "--agencies",
            str(AGENCIES_CSV),
            "--issued-on",
            "2010-07-20",
        ]
    )
    assert result.exit_code == 0, result.output
    reading = json.loads(result.output)
    assert reading["issued_on"] == "2010-07-20"
    assert reading["directives"][0]["lead_agencies"][:2] == ["h-bacson", "h-binhgia"]


def test_read_a_bad_file_fails_with_a_message(runner, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(args=["notices", "read", str(empty), "--json"])
    assert result.exit_code != 0 and "The file is empty." in result.output


def test_import_creates_once_with_the_original(app, runner, agencies):
    result = runner.invoke(args=["notices", "import", str(SAMPLE)])
    assert result.exit_code == 0, result.output
    assert "Created document" in result.output and "ca-tinh" in result.output
    assert count(Document) == 1 and count(Task) == 6 and count(Assignment) > 0
    again = runner.invoke(args=["notices", "import", str(SAMPLE)])
    assert again.exit_code == 1 and "already in the tracker" in again.output
    assert count(Document) == 1
    stored = Path(app.config["UPLOAD_DIR"]).iterdir()
    assert [p.read_bytes() for p in stored] == [SAMPLE.read_bytes()]


def test_import_of_a_bad_file_creates_nothing(runner, agencies, tmp_path):
    binary = tmp_path / "notice.txt"
    binary.write_bytes(b"\x00\x01" * 50)
    result = runner.invoke(args=["notices", "import", str(binary)])
    assert result.exit_code != 0 and "binary" in result.output
    assert count(Document) == 0


def test_import_without_a_number_says_so(runner, agencies, tmp_path):
    notice = tmp_path / "notice.txt"
    notice.write_text("Một số nhiệm vụ trọng tâm\n1. Giao Công an tỉnh chủ trì tuyên truyền.\n")
    result = runner.invoke(args=["notices", "import", str(notice)])
    assert result.exit_code != 0 and "(number)" in result.output
    assert count(Document) == 0


def test_evaluate_with_a_csv_registry_prints_the_table(runner):
    result = runner.invoke(
        args=["notices", "evaluate", str(CORPUS), "--agencies", str(CORPUS / "agencies.csv")]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["field", "precision", "recall", "tp", "found", "expected"]
    assert any(line.startswith("lead_agencies") for line in lines)
    assert lines[-1].startswith("notices: ")


def test_evaluate_uses_the_database_registry_by_default(runner, agencies, tmp_path):
    for path in (SAMPLE, SAMPLE.with_name("75-TB-UBND-2010-lang-son.expected.json")):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    result = runner.invoke(args=["notices", "evaluate", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["fields"]["directives"]["recall"] == 1.0
    assert scores["notices"][0]["matched"] == 6


def test_evaluate_an_empty_folder_fails(runner, tmp_path):
    result = runner.invoke(
        args=["notices", "evaluate", str(tmp_path), "--agencies", str(AGENCIES_CSV)]
    )
    assert result.exit_code != 0
