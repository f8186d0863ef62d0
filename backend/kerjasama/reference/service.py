"""Master-data rules: seeding, the national region import and OPD maintenance."""

from __future__ import annotations

import csv
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kerjasama.core import audit
from kerjasama.core.errors import Conflict, Invalid, NotFound, field_error
from kerjasama.models import Affair, Opd, Region, RegionBorder
from kerjasama.reference import repository
from kerjasama.reference.data import AFFAIRS, BORDERS, JAWA_BARAT
from kerjasama.reference.schemas import OpdCreate, OpdUpdate


def _region_type(code: str) -> str:
    if "." not in code:
        return "provinsi"
    # Kemendagri numbering: kota codes run from 71 upward, kabupaten below.
    return "kota" if int(code.split(".")[1]) >= 70 else "kabupaten"


def seed_reference(session: Session) -> None:
    """Idempotent: inserts what is missing, never overwrites an edited row."""
    have_regions = set(session.scalars(select(Region.code)))
    for code, name, type_ in JAWA_BARAT:
        if code not in have_regions:
            session.add(Region(code=code, name=name, type=type_, province_code=code[:2]))
    session.flush()
    have_borders = set(session.execute(select(RegionBorder.region_code, RegionBorder.neighbour_code)).all())
    for a, b in BORDERS:
        for pair in ((a, b), (b, a)):
            if pair not in have_borders:
                session.add(RegionBorder(region_code=pair[0], neighbour_code=pair[1]))
    have_affairs = set(session.scalars(select(Affair.code)))
    for code, name, group in AFFAIRS:
        if code not in have_affairs:
            session.add(Affair(code=code, name=name, group=group))
    session.flush()


def import_regions_csv(session: Session, path: Path) -> int:
    """Load the national Kemendagri list: a CSV with columns code,name (type optional), kab/kota and provinces.

    Optional `borders` file rows are `code,neighbour_code`. Returns the number of regions added or updated.
    """
    count = 0
    with path.open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        if not reader.fieldnames or not {"code", "name"} <= set(reader.fieldnames):
            raise Invalid("The CSV needs a header row with at least 'code' and 'name'.")
        for line_no, row in enumerate(reader, start=2):
            code = (row.get("code") or "").strip()
            name = (row.get("name") or "").strip()
            parts = code.split(".")
            if not name or len(parts) > 2 or not all(p.isdigit() and len(p) == 2 for p in parts):
                raise Invalid(
                    f"Line {line_no}: '{code}' is not a province (NN) or kabupaten/kota (NN.NN) code."
                )
            type_ = (row.get("type") or "").strip().lower() or _region_type(code)
            if type_ not in ("provinsi", "kabupaten", "kota"):
                raise Invalid(f"Line {line_no}: type must be provinsi, kabupaten or kota.")
            region = session.get(Region, code)
            if region is None:
                session.add(Region(code=code, name=name, type=type_, province_code=parts[0]))
            else:
                region.name, region.type = name, type_
            count += 1
    session.flush()
    return count


def import_borders_csv(session: Session, path: Path) -> int:
    count = 0
    with path.open(newline="", encoding="utf-8-sig") as fh:
        for line_no, row in enumerate(csv.reader(fh), start=1):
            if not row or row[0].strip().lower() == "code":
                continue
            a, b = row[0].strip(), row[1].strip()
            if not session.get(Region, a) or not session.get(Region, b):
                raise Invalid(f"Line {line_no}: unknown region code in '{a},{b}'.")
            for pair in ((a, b), (b, a)):
                if session.get(RegionBorder, pair) is None:
                    session.add(RegionBorder(region_code=pair[0], neighbour_code=pair[1]))
                    session.flush()
            count += 1
    return count


def opd_snapshot(opd: Opd) -> dict[str, Any]:
    return {"code": opd.code, "name": opd.name, "abbreviation": opd.abbreviation, "is_active": opd.is_active}


def create_opd(session: Session, actor: audit.Actor, data: OpdCreate) -> Opd:
    if repository.get_opd_by_code(session, data.code):
        raise Conflict(
            f"An OPD with code '{data.code}' already exists.",
            code="opd_code_taken",
            errors=[field_error("code", "already used by another OPD", "unique")],
        )
    opd = Opd(code=data.code, name=data.name, abbreviation=data.abbreviation)
    session.add(opd)
    try:
        session.flush()
    except IntegrityError as exc:  # a concurrent create with the same code
        raise Conflict(f"An OPD with code '{data.code}' already exists.", code="opd_code_taken") from exc
    audit.record(session, actor, "opd", opd.id, "create", None, opd_snapshot(opd))
    return opd


def get_opd(session: Session, opd_id: uuid.UUID) -> Opd:
    opd = repository.get_opd(session, opd_id)
    if opd is None:
        raise NotFound("No OPD with this id.")
    return opd


def update_opd(session: Session, actor: audit.Actor, opd: Opd, data: OpdUpdate) -> Opd:
    before = opd_snapshot(opd)
    for field, value in data.model_dump(exclude_unset=True).items():
        if value is None:
            raise Invalid(
                errors=[field_error(field, "may not be null", "not_null")], detail=f"{field} may not be null"
            )
        setattr(opd, field, value)
    session.flush()
    b, a = audit.diff(before, opd_snapshot(opd))
    if a:
        audit.record(session, actor, "opd", opd.id, "update", b, a)
    return opd
