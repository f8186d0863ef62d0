"""Role × OPD-scope matrix for every /api/v1 operation in the OpenAPI.

Each row is one request against one operation; it states the expected status for every demo role
(docs/domain.md#roles) and for an anonymous caller. `test_every_operation_has_matrix_rows` fails when an
operation appears in the OpenAPI without rows here, so a new endpoint cannot ship untested.

OPD scope (issue 2 §7): kadis.dlh (opd_head, OPD DLH) and operator.dinkes (opd_operator, OPD DINKES)
see and change only agreements their OPD leads or is related to; anything else is 404.
Demo records used:
  DEMO/PKS/2021/RUJUKAN-KBB  lead DINKES                      → DINKES only
  DEMO/PKS/2022/DRAINASE     lead DPUPR, related BPBD         → neither OPD user
  DEMO/KB/2021/KABBDG        lead PEM, related DPUPR + DLH    → DLH only
  DEMO/KB/2024/BJB           KSDPK KB, lead BAPENDA           → neither; the only kind tkksd may write
All demo agreements but one are legacy imports in force: R31 locks their text, so PATCH and procedure
rows that need a draft create one as admin in the row setup, led by / related to the OPDs the row needs.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from kerjasama.auth.service import issue_tokens
from kerjasama.core.config import Settings
from kerjasama.core.db import Database
from kerjasama.demo import DEMO_PASSWORD
from kerjasama.main import create_app
from kerjasama.models import (
    Agreement,
    DprdApproval,
    Holiday,
    TkksdReview,
    UserAccount,
)
from tests.conftest import USERS
from tests.fixtures.factories import (
    agreement_body,
    third_party_body,
)
from tests.fixtures.scope import (
    ANON,
    DRAINASE,
    KABBDG,
    KBB,
    LEGOK,
    LEGOK_ADD,
    OPD_OF,
    PRINCIPALS,
    PUBLIC_PATHS,
    RUJUKAN,
    Ctx,
    Req,
    Row,
    _admin_only,
    exp,
)
from tests.scope_rows import EXTRA_ROWS


@pytest.fixture(scope="module")
def shared_app(settings: Settings, engine: Engine) -> FastAPI:
    """One app for the module: FastAPI builds each route's state on its first request (~60 ms per
    fresh app), which dominated the matrix. The app reads its Database from app.state on every request."""
    return create_app(settings, Database(settings, engine=engine), spa_dir=Path("/nonexistent"))


@pytest.fixture
def app(shared_app: FastAPI, database: Database) -> FastAPI:
    """Overrides conftest's per-test app: the shared app, bound to this test's rolled-back transaction."""
    shared_app.state.db = database
    return shared_app


@pytest.fixture
def ctx(app: FastAPI, session: Session, settings: Settings) -> Iterator[Ctx]:
    c = Ctx(app, session, settings)
    yield c
    c.close()


# ---------------------------------------------------------------- auth


def b_token(ctx: Ctx, who: str) -> Req:
    if who == ANON:  # nobody to sign in as: an unknown user gets 401
        data = {"grant_type": "password", "username": "nobody.here", "password": "wrong-password-1"}
    else:
        data = {"grant_type": "password", "username": USERS[who], "password": DEMO_PASSWORD}

    def check(ctx: Ctx, who: str, r: Any) -> None:
        if who == ANON:
            return
        me = TestClient(ctx.app, base_url="https://testserver")
        me.headers["Authorization"] = f"Bearer {r.json()['access_token']}"
        assert me.get("/api/v1/auth/me").json()["role"] == who

    return Req("/api/v1/auth/token", {"data": data}, check)


def _refresh_token(ctx: Ctx, who: str) -> str:
    """A refresh token issued by the auth service itself: a password sign-in costs an Argon2 hash
    (~0.2 s); the sign-in row above already exercises that path for every role."""
    user = ctx.session.scalar(select(UserAccount).where(UserAccount.username == USERS[who]))
    assert user is not None
    return issue_tokens(ctx.session, ctx.settings, user).refresh_token


def b_refresh(ctx: Ctx, who: str) -> Req:
    if who == ANON:
        return Req("/api/v1/auth/refresh", {"json": {}})
    refresh = _refresh_token(ctx, who)

    def check(ctx: Ctx, who: str, r: Any) -> None:
        access = r.json()["access_token"]
        me = ctx.client(ANON).get("/api/v1/auth/me", headers={"Authorization": f"Bearer {access}"})
        assert me.json()["role"] == who
        reuse = ctx.client(ANON).post("/api/v1/auth/refresh", json={"refresh_token": refresh})
        assert reuse.status_code == 401, "the refresh token did not rotate"

    return Req("/api/v1/auth/refresh", {"json": {"refresh_token": refresh}}, check)


def b_logout(ctx: Ctx, who: str) -> Req:
    if who == ANON:
        return Req("/api/v1/auth/logout", {"json": {}})
    refresh = _refresh_token(ctx, who)

    def check(ctx: Ctx, who: str, r: Any) -> None:
        again = ctx.client(ANON).post("/api/v1/auth/refresh", json={"refresh_token": refresh})
        assert again.status_code == 401, "a logged-out refresh token still works"

    return Req("/api/v1/auth/logout", {"json": {"refresh_token": refresh}}, check)


def b_me(ctx: Ctx, who: str) -> Req:
    def check(ctx: Ctx, who: str, r: Any) -> None:
        body = r.json()
        assert body["role"] == who and body["username"] == USERS[who]
        home_opd = {**OPD_OF, "secretariat": "PEM"}.get(who)  # demo.LOGINS
        assert body["opd_id"] == (ctx.opd(home_opd) if home_opd else None)

    return Req("/api/v1/auth/me", check=check)


# ---------------------------------------------------------------- reference


def b_regions(ctx: Ctx, who: str) -> Req:
    def check(ctx: Ctx, who: str, r: Any) -> None:
        assert r.json()["total"] >= 28

    return Req("/api/v1/regions", {"params": {"province_code": "32"}}, check)


def b_affairs(ctx: Ctx, who: str) -> Req:
    return Req(
        "/api/v1/affairs",
        check=lambda c, w, r: None if "1.02" in {a["code"] for a in r.json()} else pytest.fail("no 1.02"),
    )


def b_opds(ctx: Ctx, who: str) -> Req:
    return Req(
        "/api/v1/opds",
        check=lambda c, w, r: None if "DINKES" in {o["code"] for o in r.json()} else pytest.fail("no DINKES"),
    )


def b_opd_create(ctx: Ctx, who: str) -> Req:
    code = f"UJI-{who.upper()}"

    def check(ctx: Ctx, who: str, r: Any) -> None:
        codes = {o["code"] for o in ctx.admin.get("/api/v1/opds").json()}
        assert (code in codes) == (r.status_code == 201)

    return Req(
        "/api/v1/opds", {"json": {"code": code, "name": "Dinas Uji Matriks", "abbreviation": "Uji"}}, check
    )


def b_opd_get(ctx: Ctx, who: str) -> Req:
    return Req(f"/api/v1/opds/{ctx.opd('DLH')}")


def b_opd_patch(ctx: Ctx, who: str) -> Req:
    url = f"/api/v1/opds/{ctx.opd('DLH')}"

    def check(ctx: Ctx, who: str, r: Any) -> None:
        name = ctx.admin.get(url).json()["name"]
        assert (name == "Dinas Lingkungan Hidup (uji)") == (r.status_code == 200)

    return Req(
        url, {"json": {"name": "Dinas Lingkungan Hidup (uji)"}, "headers": {"If-Match": ctx.etag(url)}}, check
    )


# ---------------------------------------------------------------- users


def b_users(ctx: Ctx, who: str) -> Req:
    return Req("/api/v1/users")


def b_user_create(ctx: Ctx, who: str) -> Req:
    body = {"username": f"uji.{who}", "password": "sandi-uji-panjang", "role": "viewer"}
    return Req("/api/v1/users", {"json": body})


def b_user_get(ctx: Ctx, who: str) -> Req:
    return Req(f"/api/v1/users/{ctx.user_id('pimpinan')}")


def b_user_patch(ctx: Ctx, who: str) -> Req:
    url = f"/api/v1/users/{ctx.user_id('pimpinan')}"

    def check(ctx: Ctx, who: str, r: Any) -> None:
        name = ctx.admin.get(url).json()["full_name"]
        assert (name == "Pimpinan Uji") == (r.status_code == 200)

    return Req(url, {"json": {"full_name": "Pimpinan Uji"}, "headers": {"If-Match": ctx.etag(url)}}, check)


# ---------------------------------------------------------------- audit


def b_audit(ctx: Ctx, who: str) -> Req:
    return Req(
        "/api/v1/audit",
        {"params": {"limit": 5}},
        lambda c, w, r: None if r.json()["total"] > 0 else pytest.fail("empty audit"),
    )


# ---------------------------------------------------------------- partners


def b_partners(ctx: Ctx, who: str) -> Req:
    return Req(
        "/api/v1/partners",
        check=lambda c, w, r: None if r.json()["total"] >= 8 else pytest.fail("partners missing"),
    )


def b_partner_create(ctx: Ctx, who: str) -> Req:
    return Req("/api/v1/partners", {"json": third_party_body()})


def b_partner_get(ctx: Ctx, who: str) -> Req:
    return Req(f"/api/v1/partners/{ctx.bjb()}")


def _partner_patch(ctx: Ctx, partner_id: str) -> Req:
    url = f"/api/v1/partners/{partner_id}"

    def check(ctx: Ctx, who: str, r: Any) -> None:
        notes = ctx.admin.get(url).json()["notes"]
        assert (notes == "catatan matriks") == (r.status_code == 200)

    return Req(url, {"json": {"notes": "catatan matriks"}, "headers": {"If-Match": ctx.etag(url)}}, check)


def b_partner_patch_seeded(ctx: Ctx, who: str) -> Req:
    return _partner_patch(ctx, ctx.bjb())


def b_partner_patch_own(ctx: Ctx, who: str) -> Req:
    # created by operator.dinkes: the creator may edit it besides admin/secretariat/tkksd
    r = ctx.client("opd_operator").post("/api/v1/partners", json=third_party_body())
    assert r.status_code == 201, r.text
    return _partner_patch(ctx, r.json()["id"])


def b_partner_delete_free(ctx: Ctx, who: str) -> Req:
    r = ctx.admin.post("/api/v1/partners", json=third_party_body())
    assert r.status_code == 201, r.text
    url = f"/api/v1/partners/{r.json()['id']}"

    def check(ctx: Ctx, who: str, resp: Any) -> None:
        assert ctx.admin.get(url).status_code == (404 if resp.status_code == 204 else 200)

    return Req(url, {"headers": {"If-Match": r.headers["etag"]}}, check)


def b_partner_delete_used(ctx: Ctx, who: str) -> Req:
    url = f"/api/v1/partners/{ctx.bjb()}"
    return Req(
        url,
        {"headers": {"If-Match": ctx.etag(url)}},
        lambda c, w, r: None if c.admin.get(url).status_code == 200 else pytest.fail("deleted"),
    )


# ---------------------------------------------------------------- agreements


def in_scope_numbers(ctx: Ctx, opd_code: str) -> set[str]:
    """The oracle: every agreement whose lead or related OPD is opd_code, read as admin."""
    target = ctx.opd(opd_code)
    items = ctx.admin.get("/api/v1/agreements", params={"limit": 500}).json()["items"]
    out = set()
    for item in items:
        d = ctx.admin.get(f"/api/v1/agreements/{item['id']}").json()
        if d["lead_opd"]["id"] == target or target in d["related_opd_ids"]:
            out.add(d["number"])
    return out


def b_agreement_list(ctx: Ctx, who: str) -> Req:
    def check(ctx: Ctx, who: str, r: Any) -> None:
        got = {a["number"] for a in r.json()["items"]}
        assert r.json()["total"] == len(got)
        if who in OPD_OF:
            assert got == in_scope_numbers(ctx, OPD_OF[who])
        else:
            everything = ctx.admin.get("/api/v1/agreements", params={"limit": 500}).json()
            assert got == {a["number"] for a in everything["items"]}

    return Req("/api/v1/agreements", {"params": {"limit": 500}}, check)


def _created_check(ctx: Ctx, who: str, r: Any) -> None:
    if r.status_code == 201:
        assert ctx.admin.get(f"/api/v1/agreements/{r.json()['id']}").status_code == 200
    elif r.status_code == 422:
        locs = [e["loc"] for e in r.json()["errors"]]
        assert ["body", "lead_opd_id"] in locs, locs  # opd_out_of_scope


def b_agreement_create_ksdd_dinkes(ctx: Ctx, who: str) -> Req:
    return Req(
        "/api/v1/agreements",
        {"json": agreement_body(ctx.session, lead_opd_id=ctx.opd("DINKES"))},
        _created_check,
    )


def b_agreement_create_ksdpk_dlh(ctx: Ctx, who: str) -> Req:
    body = agreement_body(
        ctx.session,
        category="KSDPK",
        nature=None,
        lead_opd_id=ctx.opd("DLH"),
        parties=[{"partner_id": ctx.bjb()}],
    )
    return Req("/api/v1/agreements", {"json": body}, _created_check)


def _get(number: str) -> Callable[[Ctx, str], Req]:
    def build(ctx: Ctx, who: str) -> Req:
        def check(ctx: Ctx, who: str, r: Any) -> None:
            assert r.json()["number"] == number

        return Req(f"/api/v1/agreements/{ctx.agreement(number)}", check=check)

    return build


def _patch_draft(overrides: Callable[[Ctx], dict[str, Any]]) -> Callable[[Ctx, str], Req]:
    """PATCH the title of a fresh draft (drafts are editable; signed texts are locked by R31)."""

    def build(ctx: Ctx, who: str) -> Req:
        aid, etag = ctx.draft(**overrides(ctx))
        title = f"Judul diubah oleh {who}"

        def check(ctx: Ctx, who: str, r: Any) -> None:
            stored = ctx.column(Agreement.title, aid)
            assert (stored == title) == (r.status_code == 200), stored

        return Req(f"{A}/{aid}", {"json": {"title": title}, "headers": {"If-Match": etag}}, check)

    return build


def _patch_signed(number: str, field_: str, value: Callable[[Any], Any]) -> Callable[[Ctx, str], Req]:
    """PATCH one field of a text in force: R31 allows `public`/`planning_reference`, 409 otherwise."""

    def build(ctx: Ctx, who: str) -> Req:
        aid = ctx.agreement(number)
        col = getattr(Agreement, field_)
        before = ctx.column(col, aid)
        new = value(before)
        locked = field_ not in ("public", "planning_reference")

        def check(ctx: Ctx, who: str, r: Any) -> None:
            if r.status_code == 409:
                body = r.json()
                assert body["code"] == "rule_blocked", body
                assert [f["rule_id"] for f in body["findings"]] == ["R31"], body
                assert [e["loc"] for e in body["errors"]] == [["body", field_]], body
            stored = ctx.column(col, aid)
            assert stored == (new if r.status_code == 200 else before), stored
            assert r.status_code != 200 or not locked

        url = f"{A}/{aid}"
        return Req(url, {"json": {field_: new}, "headers": {"If-Match": ctx.etag(url)}}, check)

    return build


def _delete(make: Callable[[Ctx], str]) -> Callable[[Ctx, str], Req]:
    def build(ctx: Ctx, who: str) -> Req:
        url = f"/api/v1/agreements/{make(ctx)}"

        def check(ctx: Ctx, who: str, r: Any) -> None:
            assert ctx.admin.get(url).status_code == (404 if r.status_code == 204 else 200)

        return Req(url, {"headers": {"If-Match": ctx.etag(url)}}, check)

    return build


def _children(
    number: str, expected_by_who: dict[str, set[str]] | None = None, default: set[str] | None = None
) -> Callable[[Ctx, str], Req]:
    def build(ctx: Ctx, who: str) -> Req:
        def check(ctx: Ctx, who: str, r: Any) -> None:
            want = (expected_by_who or {}).get(who, default)
            assert {a["number"] for a in r.json()} == want

        return Req(f"/api/v1/agreements/{ctx.agreement(number)}/children", check=check)

    return build


# ---------------------------------------------------------------- procedure engine

SEC = ("admin", "secretariat")


def b_rules(ctx: Ctx, who: str) -> Req:
    def check(ctx: Ctx, who: str, r: Any) -> None:
        rules = {x["id"]: x for x in r.json()}
        assert rules["R31"]["severity"] == "BLOCK" and "Permendagri 22/2020" in rules["R31"]["basis"]

    return Req("/api/v1/rules", check=check)


def b_dashboard(ctx: Ctx, who: str) -> Req:
    def check(ctx: Ctx, who: str, r: Any) -> None:
        body = r.json()
        listed = ctx.client(who).get(A, params={"limit": 500}).json()["total"]
        assert body["total"] == listed  # the figures honour the same scope as the list

    return Req("/api/v1/dashboard", check=check)


def b_export(ctx: Ctx, who: str) -> Req:
    def check(ctx: Ctx, who: str, r: Any) -> None:
        exported = {line.split(",")[0] for line in r.content.decode("utf-8-sig").strip().splitlines()[1:]}
        listed = {a["number"] for a in ctx.client(who).get(A, params={"limit": 500}).json()["items"]}
        assert exported == listed  # the export honours the same OPD scope as the list

    return Req("/api/v1/exports/agreements", check=check)


def b_procedures(ctx: Ctx, who: str) -> Req:
    def check(ctx: Ctx, who: str, r: Any) -> None:
        assert {"kb_domestic", "pks_domestic", "adendum"} <= {m["id"] for m in r.json()["machines"]}

    return Req("/api/v1/procedures", check=check)


def b_draft_checks(ctx: Ctx, who: str) -> Req:
    """Dry run with the rights of agreement create; nothing is stored whatever the answer."""
    title = f"KB uji coba kering {uuid.uuid4().hex[:8]}"
    body = agreement_body(ctx.session, title=title, lead_opd_id=ctx.opd("DINKES"))

    def check(ctx: Ctx, who: str, r: Any) -> None:
        if r.status_code == 200:
            assert isinstance(r.json()["findings"], list)
        elif r.status_code == 422:
            assert ["body", "lead_opd_id"] in [e["loc"] for e in r.json()["errors"]]
        assert ctx.count(Agreement, title=title) == 0, "the dry run stored the agreement"

    return Req("/api/v1/agreement-checks", {"json": body}, check)


def _agreement_get(
    number: str, suffix: str, check: Callable[[Ctx, str, Any], None] | None = None
) -> Callable[[Ctx, str], Req]:
    def build(ctx: Ctx, who: str) -> Req:
        return Req(f"{A}/{ctx.agreement(number)}/{suffix}", check=check)

    return build


def _checks_check(ctx: Ctx, who: str, r: Any) -> None:
    body = r.json()
    assert body["agreement_id"] == ctx.agreement(KABBDG) and body["stage"] == "in_force"


def _actions_check(ctx: Ctx, who: str, r: Any) -> None:
    body = r.json()
    assert body["stage"] == "in_force" and body["machine"] == "pks_domestic"
    actions = {a["action"]: a for a in body["actions"]}
    assert {"end", "open_dispute"} <= set(actions), actions
    assert actions["open_dispute"]["allowed_for_role"] == (who in SEC)


def _list_check(ctx: Ctx, who: str, r: Any) -> None:
    assert isinstance(r.json(), list)


def b_transition_cancel(ctx: Ctx, who: str) -> Req:
    """`cancel` from draft: admin, secretariat, opd_head; a draft of DLH with DINKES related puts both
    OPD users in scope, so opd_operator gets 403, not 404."""
    aid, etag = ctx.draft(lead_opd_id=ctx.opd("DLH"), related_opd_ids=[ctx.opd("DINKES")])

    def check(ctx: Ctx, who: str, r: Any) -> None:
        stage = ctx.column(Agreement.stage, aid)
        assert stage == ("cancelled" if r.status_code == 200 else "draft"), stage
        if r.status_code == 200:
            assert r.json()["stage"] == "cancelled" and r.headers["etag"] != etag

    body = {"action": "cancel", "reason": "Dibatalkan dalam uji matriks"}
    return Req(f"{A}/{aid}/transitions", {"json": body, "headers": {"If-Match": etag}}, check)


def b_transition_dispute(ctx: Ctx, who: str) -> Req:
    """`open_dispute` on a text in force: admin and secretariat only."""
    aid = ctx.agreement(RUJUKAN)
    url = f"{A}/{aid}"

    def check(ctx: Ctx, who: str, r: Any) -> None:
        stage = ctx.column(Agreement.stage, aid)
        assert stage == ("dispute" if r.status_code == 200 else "in_force"), stage

    body = {"action": "open_dispute", "reason": "Perselisihan pembagian biaya"}
    return Req(f"{url}/transitions", {"json": body, "headers": {"If-Match": ctx.etag(url)}}, check)


def _renew(number_or_draft: str | None) -> Callable[[Ctx, str], Req]:
    def build(ctx: Ctx, who: str) -> Req:
        aid = ctx.agreement(number_or_draft) if number_or_draft else _demo_draft(ctx)

        def check(ctx: Ctx, who: str, r: Any) -> None:
            made = ctx.count(Agreement, predecessor_id=aid)
            assert made == (1 if r.status_code == 201 else 0), made
            if r.status_code == 201:
                body = r.json()
                assert body["predecessor_id"] == aid and body["stage"] == "draft", body
            if r.status_code == 409:
                assert r.json()["code"] == "renew_not_allowed", r.json()

        return Req(f"{A}/{aid}/renew", {"json": {}}, check)

    return build


def _demo_draft(ctx: Ctx) -> str:
    """The one demo draft (lead DISHUB: outside both OPD users' scope)."""
    aid = ctx.session.scalar(select(Agreement.id).where(Agreement.status == "draft", Agreement.is_demo))
    assert aid is not None
    return str(aid)


def b_review_create(ctx: Ctx, who: str) -> Req:
    aid = ctx.agreement(KABBDG)
    before = ctx.count(TkksdReview, agreement_id=aid)

    def check(ctx: Ctx, who: str, r: Any) -> None:
        assert ctx.count(TkksdReview, agreement_id=aid) == before + (r.status_code == 201)
        if r.status_code == 201:
            assert r.json()["outcome"] == "layak" and r.json()["agreement_id"] == aid

    body = {"meeting_date": "2026-01-15", "outcome": "layak", "notes": "Layak dilanjutkan"}
    return Req(f"{A}/{aid}/tkksd-reviews", {"json": body}, check)


def b_dprd_create(ctx: Ctx, who: str) -> Req:
    aid = ctx.agreement(RUJUKAN)
    before = ctx.count(DprdApproval, agreement_id=aid)

    def check(ctx: Ctx, who: str, r: Any) -> None:
        assert ctx.count(DprdApproval, agreement_id=aid) == before + (r.status_code == 201)
        if r.status_code == 201:
            assert r.json()["decision"] == "pending" and r.json()["received_date"] == "2026-02-03"

    body = {"request_date": "2026-02-02", "received_date": "2026-02-03", "document_ref": "170/DPRD/2026"}
    return Req(f"{A}/{aid}/dprd-approvals", {"json": body}, check)


def b_dprd_patch(ctx: Ctx, who: str) -> Req:
    """A DPRD approval of KABBDG (PEM, related DLH): scope follows its agreement."""
    r = ctx.admin.post(
        f"{A}/{ctx.agreement(KABBDG)}/dprd-approvals",
        json={"request_date": "2026-02-02", "received_date": "2026-02-03"},
    )
    assert r.status_code == 201, r.text
    approval_id = r.json()["id"]

    def check(ctx: Ctx, who: str, resp: Any) -> None:
        decision = ctx.column(DprdApproval.decision, approval_id)
        assert decision == ("approved" if resp.status_code == 200 else "pending"), decision

    body = {"decision": "approved", "decision_date": "2026-03-02", "decree_number": "12/DPRD/2026"}
    return Req(
        f"/api/v1/dprd-approvals/{approval_id}",
        {"json": body, "headers": {"If-Match": r.headers["etag"]}},
        check,
    )


def b_holidays(ctx: Ctx, who: str) -> Req:
    def check(ctx: Ctx, who: str, r: Any) -> None:
        days = {h["day"]: h["kind"] for h in r.json()}
        assert days.get("2026-08-17") == "national", days  # Hari Kemerdekaan

    return Req("/api/v1/holidays", {"params": {"year": 2026}}, check)


HOLIDAY = "2026-12-24"


def b_holiday_create(ctx: Ctx, who: str) -> Req:
    def check(ctx: Ctx, who: str, r: Any) -> None:
        assert (ctx.count(Holiday, name="Cuti bersama Natal (uji)") == 1) == (r.status_code == 201)

    body = {"day": HOLIDAY, "name": "Cuti bersama Natal (uji)", "kind": "cuti_bersama"}
    return Req("/api/v1/holidays", {"json": body}, check)


def b_holiday_delete(ctx: Ctx, who: str) -> Req:
    r = ctx.admin.post("/api/v1/holidays", json={"day": HOLIDAY, "name": "Cuti bersama (uji)"})
    assert r.status_code == 201, r.text

    def check(ctx: Ctx, who: str, resp: Any) -> None:
        assert ctx.count(Holiday, name="Cuti bersama (uji)") == (0 if resp.status_code == 204 else 1)

    return Req(f"/api/v1/holidays/{HOLIDAY}", check=check)


A = "/api/v1/agreements"
AID = "/api/v1/agreements/{agreement_id}"
PID = "/api/v1/partners/{partner_id}"

ROWS: list[Row] = [
    # auth: token/refresh/logout need no bearer token; anonymous rows show the unauthenticated answer
    Row("POST", "/api/v1/auth/token", "sign-in", exp(200, anonymous=401), b_token),
    Row("POST", "/api/v1/auth/refresh", "refresh", exp(200, anonymous=401), b_refresh),
    Row("POST", "/api/v1/auth/logout", "logout", exp(204, anonymous=204), b_logout),
    Row("GET", "/api/v1/auth/me", "me", exp(200), b_me),
    # reference: read by any signed-in user, OPD writes admin only
    Row("GET", "/api/v1/regions", "list", exp(200), b_regions),
    Row("GET", "/api/v1/affairs", "list", exp(200), b_affairs),
    Row("GET", "/api/v1/opds", "list", exp(200), b_opds),
    Row("POST", "/api/v1/opds", "create", _admin_only(201), b_opd_create),
    Row("GET", "/api/v1/opds/{opd_id}", "read", exp(200), b_opd_get),
    Row("PATCH", "/api/v1/opds/{opd_id}", "update", _admin_only(200), b_opd_patch),
    # users: admin only
    Row("GET", "/api/v1/users", "list", _admin_only(200), b_users),
    Row("POST", "/api/v1/users", "create", _admin_only(201), b_user_create),
    Row("GET", "/api/v1/users/{user_id}", "read", _admin_only(200), b_user_get),
    Row("PATCH", "/api/v1/users/{user_id}", "update", _admin_only(200), b_user_patch),
    # audit: admin, secretariat, viewer
    Row("GET", "/api/v1/audit", "list", exp(403, admin=200, secretariat=200, viewer=200), b_audit),
    # partners
    Row("GET", "/api/v1/partners", "list", exp(200), b_partners),
    Row("POST", "/api/v1/partners", "create", exp(201, viewer=403), b_partner_create),
    Row("GET", PID, "read", exp(200), b_partner_get),
    Row(
        "PATCH",
        PID,
        "seeded-partner",
        exp(200, opd_head=403, opd_operator=403, viewer=403),
        b_partner_patch_seeded,
    ),
    Row("PATCH", PID, "created-by-operator", exp(200, opd_head=403, viewer=403), b_partner_patch_own),
    Row("DELETE", PID, "unreferenced", exp(403, admin=204, secretariat=204), b_partner_delete_free),
    Row("DELETE", PID, "referenced", exp(403, admin=409, secretariat=409), b_partner_delete_used),
    # agreements
    Row("GET", A, "list-scoped", exp(200), b_agreement_list),
    Row(
        "POST",
        A,
        "ksdd-kb-led-by-dinkes",
        exp(201, tkksd=403, opd_head=422, viewer=403),
        b_agreement_create_ksdd_dinkes,
    ),
    Row(
        "POST", A, "ksdpk-kb-led-by-dlh", exp(201, opd_operator=422, viewer=403), b_agreement_create_ksdpk_dlh
    ),
    Row("GET", AID, "rujukan-dinkes", exp(200, opd_head=404), _get(RUJUKAN)),
    Row("GET", AID, "drainase-dpupr", exp(200, opd_head=404, opd_operator=404), _get(DRAINASE)),
    Row("GET", AID, "kabbdg-related-dlh", exp(200, opd_operator=404), _get(KABBDG)),
    Row(
        "PATCH",
        AID,
        "draft-led-by-dinkes",
        exp(200, tkksd=403, opd_head=404, viewer=403),
        _patch_draft(lambda c: {"lead_opd_id": c.opd("DINKES")}),
    ),
    Row(
        "PATCH",
        AID,
        "draft-dpupr-related-bpbd",
        exp(200, tkksd=403, opd_head=404, opd_operator=404, viewer=403),
        _patch_draft(lambda c: {"lead_opd_id": c.opd("DPUPR"), "related_opd_ids": [c.opd("BPBD")]}),
    ),
    Row(
        "PATCH",
        AID,
        "draft-pem-related-dlh",
        exp(200, tkksd=403, opd_operator=404, viewer=403),
        _patch_draft(lambda c: {"lead_opd_id": c.opd("PEM"), "related_opd_ids": [c.opd("DLH")]}),
    ),
    Row(
        "PATCH",
        AID,
        "draft-ksdpk-kb-bapenda",
        exp(200, opd_head=404, opd_operator=404, viewer=403),
        _patch_draft(
            lambda c: {
                "category": "KSDPK",
                "nature": None,
                "lead_opd_id": c.opd("BAPENDA"),
                "parties": [{"partner_id": c.bjb()}],
            }
        ),
    ),
    # R31: role and scope come first; then a locked field of a text in force is 409, `public` is not locked
    Row(
        "PATCH",
        AID,
        "in-force-rujukan-title-r31",
        exp(409, tkksd=403, opd_head=404, viewer=403),
        _patch_signed(RUJUKAN, "title", lambda old: f"{old} (ubah)"),
    ),
    Row(
        "PATCH",
        AID,
        "in-force-rujukan-public",
        # only the secretariat and admin publish (agreements/policy.may_publish)
        exp(200, tkksd=403, opd_head=404, opd_operator=403, viewer=403),
        _patch_signed(RUJUKAN, "public", lambda old: not old),
    ),
    Row(
        "DELETE",
        AID,
        "draft-ksdd-dinkes",
        exp(204, tkksd=403, opd_head=404, viewer=403),
        _delete(lambda c: c.create_draft(lead_opd_id=c.opd("DINKES"))),
    ),
    Row(
        "DELETE",
        AID,
        "draft-ksdpk-dlh",
        exp(204, opd_operator=404, viewer=403),
        _delete(
            lambda c: c.create_draft(
                category="KSDPK", nature=None, lead_opd_id=c.opd("DLH"), parties=[{"partner_id": c.bjb()}]
            )
        ),
    ),
    Row(
        "DELETE",
        AID,
        "in-force-rujukan",
        exp(409, tkksd=403, opd_head=404, viewer=403),
        _delete(lambda c: c.agreement(RUJUKAN)),
    ),
    Row(
        "GET",
        f"{AID}/children",
        "kbb",
        exp(200, opd_head=404, opd_operator=404),
        _children(KBB, default={RUJUKAN}),
    ),
    # DLH sees KABBDG (related) but not its child DRAINASE (DPUPR/BPBD): the child is absent
    Row(
        "GET",
        f"{AID}/children",
        "kabbdg",
        exp(200, opd_operator=404),
        _children(KABBDG, {"opd_head": set()}, default={DRAINASE}),
    ),
    Row(
        "GET",
        f"{AID}/children",
        "legoknangka-dlh",
        exp(200, opd_operator=404),
        _children(LEGOK, default={LEGOK_ADD}),
    ),
    # procedure engine: catalogues for every signed-in user; agreement-scoped endpoints are 404 outside scope
    Row("GET", "/api/v1/rules", "catalogue", exp(200), b_rules),
    Row("GET", "/api/v1/procedures", "machines", exp(200), b_procedures),
    Row("GET", "/api/v1/dashboard", "scoped-figures", exp(200), b_dashboard),
    Row("GET", "/api/v1/exports/agreements", "scoped-csv", exp(200), b_export),
    Row(
        "POST",
        "/api/v1/agreement-checks",
        "dry-run-ksdd-kb-dinkes",
        exp(200, tkksd=403, opd_head=422, viewer=403),
        b_draft_checks,
    ),
    Row(
        "GET",
        f"{AID}/checks",
        "kabbdg-related-dlh",
        exp(200, opd_operator=404),
        _agreement_get(KABBDG, "checks", _checks_check),
    ),
    Row(
        "GET",
        f"{AID}/actions",
        "rujukan-dinkes",
        exp(200, opd_head=404),
        _agreement_get(RUJUKAN, "actions", _actions_check),
    ),
    Row(
        "POST",
        f"{AID}/transitions",
        "cancel-draft-dlh-related-dinkes",
        exp(200, tkksd=403, opd_operator=403, viewer=403),
        b_transition_cancel,
    ),
    Row(
        "POST",
        f"{AID}/transitions",
        "open-dispute-rujukan",
        exp(200, tkksd=403, opd_head=404, opd_operator=403, viewer=403),
        b_transition_dispute,
    ),
    Row(
        "GET",
        f"{AID}/history",
        "kabbdg-related-dlh",
        exp(200, opd_operator=404),
        _agreement_get(KABBDG, "history", _list_check),
    ),
    Row(
        "POST",
        f"{AID}/renew",
        "in-force-kabbdg",
        exp(201, tkksd=403, opd_operator=404, viewer=403),
        _renew(KABBDG),
    ),
    # RUJUKAN is a PKS under KB KBB (lead PEM): the renewal inherits a parent outside DINKES's scope,
    # but the operator renews a text of their own OPD; the parent link is not theirs to choose.
    Row(
        "POST",
        f"{AID}/renew",
        "in-force-rujukan-under-kbb",
        exp(201, tkksd=403, opd_head=404, viewer=403),
        _renew(RUJUKAN),
    ),
    # role before state, as for DELETE of a text in force: who may never renew gets 403, not 409
    Row(
        "POST",
        f"{AID}/renew",
        "demo-draft-dishub",
        exp(409, tkksd=403, opd_head=404, opd_operator=404, viewer=403),
        _renew(None),
    ),
    Row(
        "GET",
        f"{AID}/tkksd-reviews",
        "rujukan-dinkes",
        exp(200, opd_head=404),
        _agreement_get(RUJUKAN, "tkksd-reviews", _list_check),
    ),
    Row(
        "POST",
        f"{AID}/tkksd-reviews",
        "kabbdg-related-dlh",
        exp(201, opd_head=403, opd_operator=404, viewer=403),
        b_review_create,
    ),
    Row(
        "GET",
        f"{AID}/dprd-approvals",
        "kabbdg-related-dlh",
        exp(200, opd_operator=404),
        _agreement_get(KABBDG, "dprd-approvals", _list_check),
    ),
    Row(
        "POST",
        f"{AID}/dprd-approvals",
        "rujukan-dinkes",
        exp(201, tkksd=403, opd_head=404, opd_operator=403, viewer=403),
        b_dprd_create,
    ),
    Row(
        "PATCH",
        "/api/v1/dprd-approvals/{approval_id}",
        "of-kabbdg-related-dlh",
        exp(200, tkksd=403, opd_head=403, opd_operator=404, viewer=403),
        b_dprd_patch,
    ),
    Row("GET", "/api/v1/holidays", "year-2026", exp(200), b_holidays),
    Row("POST", "/api/v1/holidays", "cuti-bersama", _admin_only(201), b_holiday_create),
    Row("DELETE", "/api/v1/holidays/{day}", "managed-day", _admin_only(204), b_holiday_delete),
    *EXTRA_ROWS,
]


def _template_regex(template: str) -> re.Pattern[str]:
    return re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$")


def test_every_operation_has_matrix_rows(app: FastAPI) -> None:
    operations = {
        (method.upper(), path)
        for path, item in app.openapi()["paths"].items()
        if path.startswith("/api/v1/")
        for method in item
        if method in ("get", "post", "put", "patch", "delete")
    }
    covered = {(row.method, row.path) for row in ROWS}
    assert operations - covered == set(), "operations without role × scope matrix rows"
    assert covered - operations == set(), "matrix rows for operations that do not exist"
    for row in ROWS:
        assert set(row.expect) == set(PRINCIPALS), row


def _is_problem(r: Any) -> bool:
    return str(r.headers.get("content-type", "")).startswith("application/problem+json")


# Where the province (read-only; signed, in-force and ended agreements only; final monitoring reports only;
# documents marked for sharing only; no audit log) is answered otherwise than the viewer it defaults to.
# A draft, an unshared document or an unfinished report is outside its scope: 404, as for an OPD user.
_P404 = 404
PROVINCE_DIFFERS: dict[tuple[str, str, str], int] = {
    ("GET", "/api/v1/audit", "list"): 403,
    ("PATCH", "/api/v1/agreements/{agreement_id}", "draft-led-by-dinkes"): _P404,
    ("PATCH", "/api/v1/agreements/{agreement_id}", "draft-dpupr-related-bpbd"): _P404,
    ("PATCH", "/api/v1/agreements/{agreement_id}", "draft-pem-related-dlh"): _P404,
    ("PATCH", "/api/v1/agreements/{agreement_id}", "draft-ksdpk-kb-bapenda"): _P404,
    ("DELETE", "/api/v1/agreements/{agreement_id}", "draft-ksdd-dinkes"): _P404,
    ("DELETE", "/api/v1/agreements/{agreement_id}", "draft-ksdpk-dlh"): _P404,
    ("POST", "/api/v1/agreements/{agreement_id}/transitions", "cancel-draft-dlh-related-dinkes"): _P404,
    ("POST", "/api/v1/agreements/{agreement_id}/renew", "demo-draft-dishub"): _P404,
    ("GET", "/api/v1/documents/{document_id}", "of-kabbdg-related-dlh"): _P404,
    ("GET", "/api/v1/documents/{document_id}", "of-drainase-dpupr"): _P404,
    ("GET", "/api/v1/documents/{document_id}/file", "of-rujukan-dinkes"): _P404,
    ("GET", "/api/v1/documents/{document_id}/file", "of-drainase-dpupr"): _P404,
    ("PUT", "/api/v1/documents/{document_id}/file", "kak-of-kabbdg"): _P404,
    ("PUT", "/api/v1/documents/{document_id}/file", "signed-text-of-rujukan-in-force"): _P404,
    ("DELETE", "/api/v1/documents/{document_id}", "kak-of-rujukan"): _P404,
    ("DELETE", "/api/v1/documents/{document_id}", "signed-text-of-kabbdg-in-force"): _P404,
    ("DELETE", "/api/v1/documents/{document_id}", "kak-of-drainase"): _P404,
    ("PATCH", "/api/v1/obligations/{obligation_id}", "draft-schedule-of-dinkes"): _P404,
    ("DELETE", "/api/v1/obligations/{obligation_id}", "draft-of-dlh"): _P404,
    ("GET", "/api/v1/monitoring-reports/{report_id}", "rujukan-draft"): _P404,
    ("PATCH", "/api/v1/monitoring-reports/{report_id}", "rujukan-draft"): _P404,
    ("POST", "/api/v1/monitoring-reports/{report_id}/transitions", "submit-legoknangka-draft"): _P404,
    ("POST", "/api/v1/monitoring-reports/{report_id}/transitions", "verify-legoknangka-submitted"): _P404,
    (
        "POST",
        "/api/v1/monitoring-reports/{report_id}/transitions",
        "review-skips-steps-of-rujukan-draft",
    ): _P404,
    ("PATCH", "/api/v1/documents/{document_id}", "share-signed-text-of-kabbdg"): _P404,
    # the province reads finalized periodic reports only, never the live preview
    ("GET", "/api/v1/reports/periodic", "preview-2026-S1"): _P404,
}
PROVINCE_OWN_VIEW = {
    ("GET", "/api/v1/agreements", "list-scoped"),
    ("GET", "/api/v1/agreements/{agreement_id}/documents", "rujukan-dinkes"),
    ("GET", "/api/v1/agreements/{agreement_id}/documents", "drainase-dpupr"),
    ("GET", "/api/v1/agreements/{agreement_id}/monitoring-reports", "rujukan-dinkes"),
}


def test_province_overrides_name_real_rows() -> None:
    names = {(r.method, r.path, r.name) for r in ROWS}
    assert set(PROVINCE_DIFFERS) <= names and names >= PROVINCE_OWN_VIEW


@pytest.mark.parametrize("who", PRINCIPALS)
@pytest.mark.parametrize("row", ROWS, ids=[f"{r.method} {r.path} [{r.name}]" for r in ROWS])
def test_matrix(row: Row, who: str, ctx: Ctx) -> None:
    if who == ANON and row.path not in PUBLIC_PATHS:
        # 401 comes before any lookup or body check: a random id and an empty body must get it too.
        # (test_tampered_token_is_401_everywhere sends the real requests with a forged token.)
        req = Req(
            re.sub(r"\{[^}]+\}", str(uuid.uuid4()), row.path), {"json": {}} if row.method != "GET" else {}
        )
    else:
        req = row.build(ctx, who)
    assert _template_regex(row.path).match(req.url), (req.url, row.path)
    r = ctx.client(who).request(row.method, req.url, **req.kw)
    key = (row.method, row.path, row.name)
    want = PROVINCE_DIFFERS.get(key, row.expect[who]) if who == "province" else row.expect[who]
    assert r.status_code == want, f"{who} {row.method} {req.url}: {r.status_code} {r.text[:500]}"
    if want >= 400:
        assert _is_problem(r), r.headers
    if want == 401:
        assert r.headers["www-authenticate"].startswith("Bearer"), r.headers
    if want == 403:
        assert r.json()["code"] == "role_forbidden", r.json()
    if want == 404:
        assert r.json()["code"] in ("not_found", "periodic_report_not_found"), r.json()
    # GET checks read the body of a success; mutation checks verify what was (not) stored either way
    if who == "province" and key in PROVINCE_OWN_VIEW:
        return  # the province's list differs from the viewer's by design; tests/test_changes.py checks it
    if req.check is not None and (r.is_success or row.method != "GET"):
        req.check(ctx, who, r)


TAMPERED = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIwIn0.c2lnbmF0dXJl"


def test_tampered_token_is_401_everywhere(ctx: Ctx) -> None:
    """Every operation that needs a signed-in user answers 401 with WWW-Authenticate to a forged token."""
    bad = ctx.client(ANON)
    bad.headers["Authorization"] = f"Bearer {TAMPERED}"
    for row in ROWS:
        if row.path in PUBLIC_PATHS:  # sign-in, refresh and logout take no bearer token
            continue
        req = row.build(ctx, "admin")
        r = bad.request(row.method, req.url, **req.kw)
        assert r.status_code == 401, (row.method, req.url, r.status_code, r.text)
        assert r.headers["www-authenticate"].startswith("Bearer")


# ---------------------------------------------------------------- scope beyond single requests


@pytest.mark.parametrize("who", ["opd_head", "opd_operator"])
def test_opd_filter_cannot_widen_scope(ctx: Ctx, who: str) -> None:
    """?opd_id= / ?lead_opd_id= of another OPD narrow within the caller's scope, never widen it."""
    c = ctx.client(who)
    for param in ("opd_id", "lead_opd_id"):
        r = c.get(A, params={param: ctx.opd("DPUPR"), "limit": 500})
        assert r.status_code == 200
        assert DRAINASE not in {a["number"] for a in r.json()["items"]}
    q = c.get(A, params={"q": "drainase", "limit": 500}).json()
    assert DRAINASE not in {a["number"] for a in q["items"]}


def test_opd_user_sees_expected_demo_records(ctx: Ctx) -> None:
    dinkes = {a["number"] for a in ctx.client("opd_operator").get(A, params={"limit": 500}).json()["items"]}
    dlh = {a["number"] for a in ctx.client("opd_head").get(A, params={"limit": 500}).json()["items"]}
    assert RUJUKAN in dinkes and DRAINASE not in dinkes and KABBDG not in dinkes
    assert {KABBDG, LEGOK, LEGOK_ADD} <= dlh and DRAINASE not in dlh and RUJUKAN not in dlh


def test_opd_user_cannot_move_agreement_out_of_scope(ctx: Ctx) -> None:
    aid, etag = ctx.draft(lead_opd_id=ctx.opd("DINKES"))
    r = ctx.client("opd_operator").patch(
        f"{A}/{aid}", json={"lead_opd_id": ctx.opd("DPUPR")}, headers={"If-Match": etag}
    )
    assert r.status_code == 422, r.text
    assert ["body", "lead_opd_id"] in [e["loc"] for e in r.json()["errors"]]
    assert ctx.admin.get(f"{A}/{aid}").json()["lead_opd"]["code"] == "DINKES"


def test_opd_user_gains_scope_when_added_as_related(ctx: Ctx) -> None:
    aid, etag = ctx.draft(lead_opd_id=ctx.opd("DPUPR"), related_opd_ids=[ctx.opd("BPBD")])
    url = f"{A}/{aid}"
    op = ctx.client("opd_operator")
    assert op.get(url).status_code == 404
    r = ctx.admin.patch(
        url, json={"related_opd_ids": [ctx.opd("BPBD"), ctx.opd("DINKES")]}, headers={"If-Match": etag}
    )
    assert r.status_code == 200, r.text
    assert op.get(url).status_code == 200
    assert aid in {a["id"] for a in op.get(A, params={"limit": 500}).json()["items"]}


def test_signed_text_cannot_be_moved_between_opds(ctx: Ctx) -> None:
    """R31 also locks the OPD fields of a text in force: scope changes of signed texts need an adendum."""
    url = f"{A}/{ctx.agreement(DRAINASE)}"
    r = ctx.admin.patch(
        url,
        json={"related_opd_ids": [ctx.opd("BPBD"), ctx.opd("DINKES")]},
        headers={"If-Match": ctx.etag(url)},
    )
    assert r.status_code == 409, r.text
    assert r.json()["code"] == "rule_blocked"
    assert ctx.client("opd_operator").get(url).status_code == 404


def test_opd_user_cannot_use_out_of_scope_parent(ctx: Ctx) -> None:
    """A parent outside the caller's scope is reported like a missing one (no existence leak)."""
    body = agreement_body(
        ctx.session, kind="PKS", parent_id=ctx.agreement(KABBDG), lead_opd_id=ctx.opd("DINKES")
    )
    r = ctx.client("opd_operator").post(A, json=body)
    assert r.status_code == 422, r.text
    assert ["body", "parent_id"] in [e["loc"] for e in r.json()["errors"]]
    assert all("KB" not in e["msg"] and "KSDD" not in e["msg"] for e in r.json()["errors"])


def test_out_of_scope_and_missing_ids_look_the_same(ctx: Ctx) -> None:
    op = ctx.client("opd_operator")
    out = op.get(f"{A}/{ctx.agreement(DRAINASE)}")
    missing = op.get(f"{A}/{uuid.uuid4()}")
    assert out.status_code == missing.status_code == 404
    assert out.json() == missing.json()
