"""Every query on agreements, including OPD scoping (R49, docs/domain.md#opd-scoping-and-the-province-r49)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    exists,
    extract,
    func,
    literal,
    literal_column,
    or_,
    select,
    table,
    union,
    update,
)
from sqlalchemy import column as column_clause
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, joinedload, load_only, selectinload

from kerjasama.core.auth import Principal
from kerjasama.core.pagination import SortSpec, apply_keyset
from kerjasama.core.scope import opd_takes_part, scope_agreements
from kerjasama.core.search import contains, trigram_phrase
from kerjasama.models import (
    Agreement,
    AgreementAffair,
    AgreementParty,
    NumberSequence,
    Opd,
    Partner,
)
from kerjasama.rules.status import in_force_clause, not_yet_in_force_clause


def scoped(stmt: Select[Any], principal: Principal) -> Select[Any]:
    """OPD roles see only agreements their OPD leads or takes part in; other roles see all."""
    return scope_agreements(stmt, principal)


_SUMMARY_LOAD = (
    selectinload(Agreement.lead_opd),
    selectinload(Agreement.parties).selectinload(AgreementParty.partner),
)
# The list's page loads the columns its rows show (agreements/reads.py `_summary_fields`), not the
# texts, clauses and JSON of every agreement: at 10 000 agreements on SQLite that was a third of a
# page's time (issue 16). raiseload: reading anything else is an error in the tests, not a query per row.
_PAGE_LOAD = (
    load_only(
        Agreement.id,
        Agreement.number,
        Agreement.kind,
        Agreement.category,
        Agreement.nature,
        Agreement.title,
        Agreement.status,
        Agreement.stage,
        Agreement.parent_id,
        Agreement.lead_opd_id,
        Agreement.signed_date,
        Agreement.start_date,
        Agreement.end_date,
        Agreement.is_demo,
        Agreement.is_legacy_import,
        Agreement.version,
        raiseload=True,
    ),
    selectinload(Agreement.lead_opd).load_only(Opd.id, Opd.code, Opd.abbreviation, Opd.name, raiseload=True),
    selectinload(Agreement.parties)
    .load_only(AgreementParty.agreement_id, AgreementParty.partner_id, raiseload=True)
    .selectinload(AgreementParty.partner)
    .load_only(Partner.id, Partner.type, Partner.name, Partner.region_code, raiseload=True),
)
# One agreement with everything its detail shows in a single statement: the joins multiply its row only
# by parties × affairs × OPDs (a handful), where five selectin loads cost five round trips and most of
# a detail request's time at scale (issue 16).
_DETAIL_LOAD = (
    joinedload(Agreement.lead_opd),
    joinedload(Agreement.parties).joinedload(AgreementParty.partner),
    joinedload(Agreement.affairs),
    joinedload(Agreement.related_opds),
)
# Many agreements' details (the change feed): selectin loads, a fixed number of statements whatever
# the batch, where the joins above would multiply a whole batch's rows.
_DETAILS_LOAD = (
    *_SUMMARY_LOAD,
    selectinload(Agreement.affairs),
    selectinload(Agreement.related_opds),
)


def get(
    session: Session,
    principal: Principal,
    agreement_id: uuid.UUID,
    *,
    detail: bool = True,
    reload: bool = False,
) -> Agreement | None:
    stmt = scoped(select(Agreement).where(Agreement.id == agreement_id), principal)
    if reload:  # after a write: refresh relationships that now hold new, unloaded objects
        stmt = stmt.execution_options(populate_existing=True)
    result = session.scalars(stmt.options(*(_DETAIL_LOAD if detail else ())))
    found: Agreement | None = result.unique().one_or_none()
    return found


def get_many(
    session: Session, principal: Principal, agreement_ids: Sequence[uuid.UUID], *, load: str = "detail"
) -> dict[uuid.UUID, Agreement]:
    """`get` for many ids at once: the ones in the caller's scope, loaded with a fixed number of
    statements whatever their number. `load`: "detail" (what the detail shows), "summary" (lead OPD
    and parties with their partners) or "row" (the rows alone)."""
    ids = set(agreement_ids)
    if not ids:
        return {}
    options = {"detail": _DETAILS_LOAD, "summary": _SUMMARY_LOAD}.get(load, ())
    stmt = scoped(select(Agreement).where(Agreement.id.in_(ids)), principal)
    return {a.id: a for a in session.scalars(stmt.options(*options))}


def get_unscoped(session: Session, agreement_id: uuid.UUID) -> Agreement | None:
    return session.get(Agreement, agreement_id)


def filtered(
    principal: Principal,
    *,
    today: date,
    category: str | None = None,
    kind: str | None = None,
    nature: str | None = None,
    status: str | None = None,
    stage: str | None = None,
    lead_opd_id: uuid.UUID | None = None,
    opd_id: uuid.UUID | None = None,
    partner_id: uuid.UUID | None = None,
    partner_region_code: str | None = None,
    affair_code: str | None = None,
    signed_year: int | None = None,
    expiring_within_days: int | None = None,
    expired: bool | None = None,
    parent_id: uuid.UUID | None = None,
    is_demo: bool | None = None,
    q: str | None = None,
    dialect: str = "postgresql",
) -> Select[tuple[Agreement]]:
    stmt = scoped(select(Agreement), principal)
    for column, value in (
        (Agreement.category, category),
        (Agreement.kind, kind),
        (Agreement.nature, nature),
        (Agreement.status, None if status in ("in_force", "not_yet_in_force") else status),
        (Agreement.stage, stage),
        (Agreement.lead_opd_id, lead_opd_id),
        (Agreement.parent_id, parent_id),
        (Agreement.is_demo, is_demo),
    ):
        if value is not None:
            stmt = stmt.where(column == value)
    if status == "in_force":
        stmt = stmt.where(in_force_clause(today))
    elif status == "not_yet_in_force":
        stmt = stmt.where(not_yet_in_force_clause(today))
    if opd_id is not None:
        stmt = stmt.where(opd_takes_part(opd_id))
    if partner_id is not None:
        stmt = stmt.where(
            exists().where(
                AgreementParty.agreement_id == Agreement.id, AgreementParty.partner_id == partner_id
            )
        )
    if partner_region_code is not None:
        stmt = stmt.where(
            exists().where(
                AgreementParty.agreement_id == Agreement.id,
                AgreementParty.partner_id == Partner.id,
                Partner.region_code == partner_region_code,
            )
        )
    if affair_code is not None:
        stmt = stmt.where(
            exists().where(
                AgreementAffair.agreement_id == Agreement.id, AgreementAffair.affair_code == affair_code
            )
        )
    if signed_year is not None:
        stmt = stmt.where(extract("year", Agreement.signed_date) == signed_year)
    if expiring_within_days is not None:
        stmt = stmt.where(
            in_force_clause(today),
            Agreement.end_date >= today,
            Agreement.end_date <= today + timedelta(days=expiring_within_days),
        )
    if expired is not None:
        is_expired = in_force_clause(today) & (Agreement.end_date < today)
        stmt = stmt.where(is_expired if expired else ~is_expired | Agreement.end_date.is_(None))
    if q:
        if dialect == "postgresql":
            stmt = stmt.where(Agreement.id.in_(matching_ids(q)))
        else:
            candidates = fts_candidate_ids(q)
            if candidates is not None:
                stmt = stmt.where(Agreement.id.in_(candidates))
            stmt = stmt.where(matches_scan(q))
    return stmt


def matching_ids(q: str) -> Select[Any]:
    """Ids of the agreements whose title, object, number or a partner's name contains `q`.

    A UNION of one lookup per column rather than an OR across them: on PostgreSQL each branch is a
    bitmap scan of its trigram index (migration 0016), where the OR with a partner EXISTS scanned every
    agreement (issue 16). Without pg_trgm the same query scans, as the OR did.
    """
    branches = [select(Agreement.id.label("id")).where(contains(c, q)) for c in _SEARCHED]
    branches.append(
        select(AgreementParty.agreement_id.label("id"))
        .join(Partner, Partner.id == AgreementParty.partner_id)
        .where(contains(Partner.name, q))
    )
    found = union(*branches).subquery("found")
    return select(found.c.id)


_SEARCHED = (Agreement.title, Agreement.object, Agreement.number)

# SQLite's FTS5 trigram tables of revision 0018 (not in the models: migrations/env.py skips them).
_AGREEMENT_FTS = table("agreement_fts", column_clause("agreement_id"))
_PARTNER_FTS = table("partner_fts", column_clause("partner_id"))


def fts_candidate_ids(q: str) -> Select[Any] | None:
    """On SQLite, the ids of the agreements whose title, object or number, or one of whose partners'
    names, contains `q` by the FTS5 trigram indexes; None when `q` is too short for them (under three
    characters). A superset of the LIKE match (the tokenizer also folds non-ASCII case): the caller
    keeps `matches_scan` on the candidates, so the answers are exactly the scan's.
    """
    phrase = trigram_phrase(q)
    if phrase is None:
        return None
    in_texts = select(_AGREEMENT_FTS.c.agreement_id.label("id")).where(
        literal_column("agreement_fts").op("MATCH")(f"{{title object number}} : {phrase}")
    )
    partners = select(_PARTNER_FTS.c.partner_id).where(
        literal_column("partner_fts").op("MATCH")(f"name : {phrase}")
    )
    as_party = select(AgreementParty.agreement_id.label("id")).where(AgreementParty.partner_id.in_(partners))
    found = union(in_texts, as_party).subquery("fts_found")
    return select(found.c.id)


def matches_scan(q: str) -> ColumnElement[bool]:
    """The match as one pass over the rows, for SQLite: alone for terms under three characters, else
    on the FTS5 candidates (one test per candidate costs less than the UNION's four lookups)."""
    partner_match = exists().where(
        AgreementParty.agreement_id == Agreement.id,
        AgreementParty.partner_id == Partner.id,
        contains(Partner.name, q),
    )
    return or_(*(contains(c, q) for c in _SEARCHED), partner_match)


def count(session: Session, stmt: Select[tuple[Agreement]]) -> int:
    return session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0


def page(
    session: Session,
    stmt: Select[tuple[Agreement]],
    spec: SortSpec,
    after: tuple[Any, Any] | None,
    limit: int,
) -> Sequence[Agreement]:
    ordered = apply_keyset(stmt, spec, Agreement.id, after).options(*_PAGE_LOAD).limit(limit + 1)
    return session.scalars(ordered).all()


def export_select(stmt: Select[tuple[Agreement]], spec: SortSpec, *, dialect: str) -> Select[Any]:
    """The filtered list as plain columns (no ORM objects), in the list's order, for a streamed export.

    On PostgreSQL the partners' names come in the same row (`string_agg` in signing order, one index
    lookup per row), which saved a query and a thousand bound ids per batch (issue 16). SQLite before
    3.44 cannot order an aggregate: there the column is NULL and `party_names` fills it per batch.
    """
    partners: Any = literal(None)
    if dialect == "postgresql":
        partners = (
            select(
                func.string_agg(
                    Partner.name,
                    aggregate_order_by(literal_column("'; '"), AgreementParty.position, AgreementParty.id),
                )
            )
            .select_from(AgreementParty)
            .join(Partner, Partner.id == AgreementParty.partner_id)
            .where(AgreementParty.agreement_id == Agreement.id)
            .scalar_subquery()
        )
    columns: Select[Any] = stmt.with_only_columns(  # type: ignore[assignment]
        Agreement.id,
        Agreement.number,
        Agreement.kind,
        Agreement.category,
        Agreement.nature,
        Agreement.title,
        Opd.abbreviation,
        Agreement.signed_date,
        Agreement.start_date,
        Agreement.end_date,
        Agreement.status,
        Agreement.stage,
        Agreement.is_demo,
        Agreement.is_legacy_import,
        partners.label("partner_names"),
        maintain_column_froms=True,
    ).join(Opd, Opd.id == Agreement.lead_opd_id)
    return apply_keyset(columns, spec, Agreement.id, None)


def party_names(session: Session, agreement_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[str]]:
    """The partners' names of each agreement, in signing order: one query for a batch of agreements."""
    out: dict[uuid.UUID, list[str]] = {}
    rows = session.execute(
        select(AgreementParty.agreement_id, Partner.name)
        .join(Partner, Partner.id == AgreementParty.partner_id)
        .where(AgreementParty.agreement_id.in_(set(agreement_ids)))
        .order_by(AgreementParty.agreement_id, AgreementParty.position, AgreementParty.id)
    ).all()
    for agreement_id, name in rows:
        out.setdefault(agreement_id, []).append(name)
    return out


def children(session: Session, principal: Principal, parent_id: uuid.UUID) -> Sequence[Agreement]:
    stmt = scoped(select(Agreement).where(Agreement.parent_id == parent_id), principal)
    return session.scalars(stmt.options(*_SUMMARY_LOAD).order_by(Agreement.created_at, Agreement.id)).all()


def has_children(session: Session, agreement_id: uuid.UUID) -> bool:
    return bool(
        session.scalar(
            select(
                exists().where(
                    or_(Agreement.parent_id == agreement_id, Agreement.predecessor_id == agreement_id)
                )
            )
        )
    )


def number_taken(session: Session, number: str, exclude_id: uuid.UUID | None = None) -> bool:
    stmt = select(
        exists().where(Agreement.number == number, *([Agreement.id != exclude_id] if exclude_id else []))
    )
    return bool(session.scalar(stmt))


def next_number_value(session: Session, region_code: str, year: int) -> int:
    """Atomically take the next counter value for (region, year)."""
    dialect = session.get_bind().dialect.name
    insert_fn = pg_insert if dialect == "postgresql" else sqlite_insert
    session.execute(
        insert_fn(NumberSequence)
        .values(region_code=region_code, year=year, last_value=0)
        .on_conflict_do_nothing(index_elements=["region_code", "year"])
    )
    # UPDATE … SET last_value = last_value + 1 locks the row on PostgreSQL, so two
    # concurrent creates never get the same number. SQLite writers are serialised already.
    session.execute(
        update(NumberSequence)
        .where(NumberSequence.region_code == region_code, NumberSequence.year == year)
        .values(last_value=NumberSequence.last_value + 1)
    )
    value = session.scalar(
        select(NumberSequence.last_value).where(
            NumberSequence.region_code == region_code, NumberSequence.year == year
        )
    )
    assert value is not None
    return value
