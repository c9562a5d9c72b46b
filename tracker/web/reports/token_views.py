"""Personal API tokens: make one (shown once), see them, revoke one."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tracker.domain.accounts import tokens
from tracker.domain.accounts.users import verify_password
from tracker.domain.errors import DomainError
from tracker.extensions import db
from tracker.web.clock import request_now
from tracker.web.forms import saving
from tracker.web.reports.blueprint import bp
from tracker.web.reports.forms import RevokeForm, TokenForm


@bp.route("/account/api-tokens", methods=["GET", "POST"])
@login_required
def api_tokens():
    form, secret = TokenForm(), None
    if form.validate_on_submit() and _password_confirmed(form):
        days = None if form.lifetime.data == "never" else int(form.lifetime.data)
        with saving(form) as saved:
            _token, secret = tokens.create_token(
                current_user,
                form.name.data,
                request_now(),
                days=days,
                read_only=form.read_only.data,
            )
        if saved:
            form = TokenForm(formdata=None)
    return render_template(
        "reports/api_tokens.html",
        form=form,
        secret=secret,
        tokens=tokens.user_tokens(current_user),
        revoke_form=RevokeForm(formdata=None),
    )


def _password_confirmed(form: TokenForm) -> bool:
    """A token outlives the session: whoever makes one proves they know the password."""
    if verify_password(current_user._get_current_object(), form.password.data):
        return True
    db.session.rollback()
    form.password.errors.append(_("This is not your current password."))
    return False


@bp.post("/account/api-tokens/<int:token_id>/revoke")
@login_required
def revoke_api_token(token_id: int):
    if not RevokeForm().validate_on_submit():
        abort(400)
    try:
        tokens.revoke_token(current_user, token_id, request_now())
    except DomainError:
        abort(404)
    db.session.commit()
    flash(_("The token has been revoked."), "success")
    return redirect(url_for("reports.api_tokens"))
