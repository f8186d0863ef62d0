"""The raw-SQL ceiling of bench/run.py: a minimal ASGI app that runs, per request, the best index-backed
SQL for the same answer as the API and returns PostgreSQL's JSON bytes as they are (the PostgREST way).

No framework, no ORM, no validation: one pooled connection, one statement (plus the caller lookup the
API also makes), the database's `json_build_object`/`json_agg` text written to the socket. It answers
the same page of 50 in the same order, with the same total and a cursor carrying the same key; it uses
the same indexes as the API (revision 0016: the sort keys and the trigram search indexes), so the API
cannot "pass" by both sides scanning.

Run by bench/run.py as: uvicorn baseline:app --app-dir bench --workers N (env BASELINE_DATABASE_URL).
Routes (GET): /list?sort=-signed_date[&category=&affair_code=][&after_key=&after_id=], /search?q=,
/detail/<uuid>.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qs

from psycopg_pool import AsyncConnectionPool

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]

_pool: AsyncConnectionPool | None = None

# The summary of one agreement as the list shows it: lead OPD and partners in signing order.
_SUMMARY = """json_build_object(
  'id', a.id, 'kind', a.kind, 'category', a.category, 'nature', a.nature, 'number', a.number,
  'title', a.title, 'status', a.status, 'stage', a.stage, 'signed_date', a.signed_date,
  'start_date', a.start_date, 'end_date', a.end_date, 'parent_id', a.parent_id,
  'is_demo', a.is_demo, 'version', a.version,
  'lead_opd', json_build_object('id', o.id, 'code', o.code, 'abbreviation', o.abbreviation, 'name', o.name),
  'partners', (SELECT coalesce(json_agg(json_build_object('id', p.id, 'name', p.name, 'type', p.type,
                 'region_code', p.region_code) ORDER BY ap.position, ap.id), '[]')
               FROM agreement_party ap JOIN partner p ON p.id = ap.partner_id
               WHERE ap.agreement_id = a.id AND ap.partner_id IS NOT NULL))"""

_KEY = "coalesce(a.signed_date, '0001-01-01')"

# One statement: the page (51 rows by the sort index, past the cursor), its JSON, the total and the
# next cursor's key.
_LIST = f"""
WITH matching AS (SELECT a.id, a.signed_date FROM agreement a WHERE {{where}}),
page AS (
  SELECT a.* FROM agreement a WHERE {{where}} {{seek}}
  ORDER BY {_KEY} DESC, a.id DESC LIMIT 51
)
SELECT json_build_object(
  'items', coalesce((SELECT json_agg({_SUMMARY} ORDER BY {_KEY} DESC, a.id DESC)
                     FROM (SELECT * FROM page ORDER BY {_KEY.replace("a.", "")} DESC, id DESC LIMIT 50) a
                     JOIN opd o ON o.id = a.lead_opd_id), '[]'),
  'total', (SELECT count(*) FROM matching),
  'next_cursor', (SELECT CASE WHEN count(*) > 50 THEN
                    json_build_object('s', '-signed_date', 'k', (array_agg(signed_date ORDER BY {_KEY.replace("a.", "")} DESC, id DESC))[50],
                                      'i', (array_agg(id ORDER BY {_KEY.replace("a.", "")} DESC, id DESC))[50])
                  END FROM page)
)::text
"""

_DETAIL = f"""
SELECT ({_SUMMARY}::jsonb || jsonb_build_object(
  'object', a.object, 'scope', a.scope, 'purpose', a.purpose, 'planning_reference', a.planning_reference,
  'funding_sources', a.funding_sources, 'apbd_value', a.apbd_value,
  'affairs', (SELECT coalesce(json_agg(json_build_object('code', f.code, 'name', f.name) ORDER BY f.code), '[]')
              FROM agreement_affair af JOIN affair f ON f.code = af.affair_code WHERE af.agreement_id = a.id),
  'related_opds', (SELECT coalesce(json_agg(json_build_object('id', r.id, 'abbreviation', r.abbreviation)
                   ORDER BY r.abbreviation), '[]')
                   FROM agreement_related_opd ro JOIN opd r ON r.id = ro.opd_id WHERE ro.agreement_id = a.id)
))::text
FROM agreement a JOIN opd o ON o.id = a.lead_opd_id WHERE a.id = %(id)s
"""

_SEARCH_IDS = """a.id IN (
  SELECT id FROM agreement WHERE lower(title) LIKE %(pattern)s
  UNION SELECT id FROM agreement WHERE lower(object) LIKE %(pattern)s
  UNION SELECT id FROM agreement WHERE lower(number) LIKE %(pattern)s
  UNION SELECT ap.agreement_id FROM agreement_party ap JOIN partner p ON p.id = ap.partner_id
        WHERE lower(p.name) LIKE %(pattern)s)"""

_USER = "SELECT id, role, opd_id, is_active FROM user_account WHERE username = 'sekretariat'"


def _list_sql(params: dict[str, str]) -> tuple[str, dict[str, Any]]:
    where: list[str] = ["true"]
    args: dict[str, Any] = {}
    if "category" in params:
        where.append("a.category = %(category)s")
        args["category"] = params["category"]
    if "affair_code" in params:
        where.append(
            "EXISTS (SELECT 1 FROM agreement_affair af WHERE af.agreement_id = a.id AND af.affair_code = %(affair)s)"
        )
        args["affair"] = params["affair_code"]
    if "q" in params:
        where.append(_SEARCH_IDS)
        args["pattern"] = f"%{params['q'].lower()}%"
    seek = ""
    if "after_id" in params:
        seek = f"AND ({_KEY}, a.id) < (coalesce(%(key)s::date, '0001-01-01'), %(after)s)"
        args["key"] = params.get("after_key") or None
        args["after"] = uuid.UUID(params["after_id"])
    return _LIST.format(where=" AND ".join(where), seek=seek), args


async def _query(sql: str, args: dict[str, Any]) -> bytes | None:
    assert _pool is not None
    async with _pool.connection() as conn, conn.cursor() as cur:
        await cur.execute(_USER)  # the API looks its caller up on every request too
        await cur.fetchone()
        await cur.execute(sql, args)
        row = await cur.fetchone()
    return row[0].encode() if row and row[0] is not None else None


async def app(scope: Scope, receive: Receive, send: Send) -> None:
    global _pool
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                _pool = AsyncConnectionPool(
                    os.environ["BASELINE_DATABASE_URL"], min_size=4, max_size=16, open=False
                )
                await _pool.open()
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                if _pool is not None:
                    await _pool.close()
                await send({"type": "lifespan.shutdown.complete"})
                return
    path: str = scope["path"]
    params = {k: v[0] for k, v in parse_qs(scope["query_string"].decode()).items()}
    body: bytes | None
    if path in ("/list", "/search"):
        body = await _query(*_list_sql(params))
    elif path.startswith("/detail/"):
        body = await _query(_DETAIL, {"id": uuid.UUID(path.rsplit("/", 1)[1])})
    else:
        body = None
    status = 200 if body is not None else 404
    await send(
        {"type": "http.response.start", "status": status, "headers": [(b"content-type", b"application/json")]}
    )
    await send({"type": "http.response.body", "body": body or b'{"detail":"not found"}'})
