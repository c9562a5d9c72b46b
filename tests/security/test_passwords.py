"""Item 7: common passwords and passwords made of one's own e-mail or name are refused, in
Vietnamese, on every way a password is set (web change, reset, new account, CLI)."""

from __future__ import annotations

import pytest

from tests.conftest import NOW, PASSWORD
from tracker.domain.accounts.passwords import check_new_password, common_passwords
from tracker.domain.accounts.users import create_user
from tracker.domain.errors import InvalidInput
from tracker.domain.states import Role

COMMON = "Mật khẩu này nằm trong số mật khẩu phổ biến"


@pytest.mark.parametrize(
    "password",
    ["1234567890", "password12", "qwertyuiop", "Password2026!", "matkhau123", "iloveyou12345"],
)
def test_common_passwords_are_refused(app, password):
    with pytest.raises(InvalidInput) as refused:
        check_new_password(password, "lan.nguyen@tinh.gov.vn", "Nguyễn Thị Lan")
    assert refused.value.field == "password"


@pytest.mark.parametrize(
    "password", ["lan.nguyen@tinh.gov.vn!", "lannguyen-2026-ok", "Nguyễn-là-tôi-123"]
)
def test_ones_own_email_or_name_is_refused(app, password):
    with pytest.raises(InvalidInput):
        check_new_password(password, "lan.nguyen@tinh.gov.vn", "Nguyễn Thị Lan")


def test_a_good_passphrase_passes_and_the_list_is_shipped(app):
    check_new_password("bamboo-river-lantern-42", "lan.nguyen@tinh.gov.vn", "Nguyễn Thị Lan")
    assert len(common_passwords()) > 30_000  # offline: in the zxcvbn package and the repo


def test_the_web_change_says_so_in_vietnamese(client, login, office):
    page = login(office).post(
        "/account/password",
        data={
            "current_password": PASSWORD,
            "new_password": "qwertyuiop",
            "repeat_password": "qwertyuiop",
        },
    )
    assert COMMON in page.get_data(as_text=True)
    assert login(office).get("/tasks").status_code == 200  # the old password still works


def test_a_new_account_cannot_use_its_own_address(app, system):
    with pytest.raises(InvalidInput):
        create_user(
            system, NOW, email="tuan.tran@tinh.gov.vn", role=Role.OFFICE, password="tuan.tran@2026"
        )


def test_the_cli_refuses_a_common_password(runner):
    result = runner.invoke(
        args=["users", "create", "--email", "a@tinh.gov.vn", "--role", "office",
              "--password", "password12"]
    )  # fmt: skip
    assert result.exit_code != 0
    assert "common" in result.output or "phổ biến" in result.output
