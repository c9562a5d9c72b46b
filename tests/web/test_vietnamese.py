"""Vietnamese done properly: alphabetical order, dates that do not exist, the words of the
decisions, and the language chosen before logging in."""

from __future__ import annotations

import re

import pytest

from tracker.domain.collation import sorted_vietnamese, vietnamese_key
from tracker.domain.dates import parse_day
from tracker.domain.errors import InvalidInput
from tracker.extensions import db


def test_vietnamese_alphabetical_order():
    names = ["Đình Lập", "Yên Bình", "Bình Gia", "Dương", "Anh", "Bắc Sơn", "An Bình", "Ân Thi"]
    assert sorted_vietnamese(names) == [
        "An Bình", "Anh", "Ân Thi", "Bắc Sơn", "Bình Gia", "Dương", "Đình Lập", "Yên Bình",
    ]  # fmt: skip
    # tones only decide between words otherwise equal: ngang, huyền, hỏi, ngã, sắc, nặng
    assert sorted_vietnamese(["ma", "mạ", "má", "mã", "mả", "mà"]) == [
        "ma", "mà", "mả", "mã", "má", "mạ",
    ]  # fmt: skip
    assert vietnamese_key("Lạng Sơn") == vietnamese_key("Lạng Sơn")  # NFC and NFD alike


def test_agency_choices_follow_vietnamese_order(world, login):
    page = login(world.office).get("/tasks").get_data(as_text=True)
    names = re.findall(r"<option value=\"\d+\"[^>]*>([^<]+)</option>", page)
    districts = [n.strip() for n in names if n.strip().startswith("UBND huyện")]
    assert districts.index("UBND huyện Bắc Sơn") < districts.index("UBND huyện Bình Gia")
    assert districts.index("UBND huyện Chi Lăng") < districts.index("UBND huyện Đình Lập")
    assert districts.index("UBND huyện Đình Lập") < districts.index("UBND huyện Hữu Lũng")
    assert districts == sorted_vietnamese(districts)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31/02/2026", "Ngày 31/02/2026 không có thật: tháng đó không có ngày này."),
        ("12/13/2026", "Ngày 12/13/2026 không có thật: một năm chỉ có 12 tháng."),
        ("2026-02-30", "Ngày 30/02/2026 không có thật: tháng đó không có ngày này."),
        ("tuần sau", "Nhập ngày theo dạng dd/mm/yyyy."),
    ],
)
def test_impossible_dates_say_so(app, text, message):
    with app.test_request_context(), pytest.raises(InvalidInput) as caught:
        parse_day(text)
    assert caught.value.message == message
    assert str(parse_day("29/02/2028")) == "2028-02-29"


def test_an_impossible_deadline_is_named_on_the_form(world, login):
    client = login(world.office)
    page = client.get(f"/assignments/{world.mine.id}").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = client.post(
        f"/assignments/{world.mine.id}/deadline",
        data={
            "deadline-csrf_token": token,
            "deadline-deadline": "31/02/2026",
            "deadline-reason": "Điều chỉnh kế hoạch",
        },
    )
    text = response.get_data(as_text=True)
    assert "Ngày 31/02/2026 không có thật" in text
    assert "Điều chỉnh kế hoạch" in text  # nothing typed is lost


def test_the_decisions_in_plain_words(world, login):
    page = login(world.office).get(f"/assignments/{world.mine.id}").get_data(as_text=True)
    assert "Giao tiếp" not in page
    assert "Chỉ hủy phần việc của cơ quan, đơn vị này" in page


def test_the_language_picked_before_login_survives_it(client, office):
    client.post("/language", data={"lang": "en", "next": "/login"})
    assert "Log in" in client.get("/login").get_data(as_text=True)
    client.post("/login", data={"email": office.email, "password": "correct-horse-battery"})
    page = client.get("/tasks").get_data(as_text=True)
    assert 'lang="en"' in page
    db.session.refresh(office)
    assert office.locale == "en"
