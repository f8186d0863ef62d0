"""HTTP for the audit dossier (ZIP) and the printable card (PDF) of one agreement.

Both are scoped like the agreement itself (`ScopedAgreement`: 404 outside the caller's scope) and
show what the caller may read of it: the province gets the signed text, its final monitoring reports
and only the documents shared with it, with personal data redacted as in the API's reads.
"""

from __future__ import annotations

from fastapi import APIRouter, Response
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from kerjasama.agreements.deps import ScopedAgreement
from kerjasama.core.auth import CurrentPrincipal
from kerjasama.core.clock import today_in_region
from kerjasama.core.deps import AppSettings, DbSession
from kerjasama.core.errors import problems
from kerjasama.dossier import build, card

router = APIRouter(prefix="/agreements", tags=["dossier"], responses=problems(401))
BINARY = {"schema": {"type": "string", "format": "binary"}}


@router.get(
    "/{agreement_id}/dossier",
    response_class=FileResponse,
    responses={
        200: {
            "description": "The dossier as a ZIP attachment: 00-kartu-kerja-sama.pdf, 01-metadata.json, "
            "02-riwayat.json (history with audit entries), 03-persetujuan.json (TKKSD, DPRD), "
            "04-hak-kewajiban.json (obligations with fulfilment), 05-laporan-monev.json, 06-dokumen.json, "
            "dokumen/<date>_<TYPE>_<title>.<ext> (every file) and manifest.json (path, size and "
            "SHA-256 of every other entry).",
            "content": {build.ZIP_MEDIA_TYPE: BINARY},
        },
        **problems(404),
    },
    operation_id="dossier_download",
)
def download_dossier(
    agreement: ScopedAgreement, session: DbSession, settings: AppSettings, principal: CurrentPrincipal
) -> FileResponse:
    """The audit dossier of one agreement as a ZIP, for the Inspektorat or the BPK (scoped like the agreement)."""
    today = today_in_region(settings)
    dossier = build.gather(session, settings, principal, agreement, today)
    path = build.write_zip(dossier, settings, card.render(dossier, settings.timezone))
    return FileResponse(
        path,
        media_type=build.ZIP_MEDIA_TYPE,
        filename=f"{build.file_stem(dossier.agreement, today)}.zip",
        background=BackgroundTask(path.unlink, missing_ok=True),
    )


@router.get(
    "/{agreement_id}/card.pdf",
    response_class=Response,
    responses={
        200: {
            "description": "The kartu kerja sama (PDF), as an attachment",
            "content": {card.MEDIA_TYPE: BINARY},
        },
        **problems(404),
    },
    operation_id="dossier_card",
)
def download_card(
    agreement: ScopedAgreement, session: DbSession, settings: AppSettings, principal: CurrentPrincipal
) -> Response:
    """The printable kartu kerja sama (PDF summary) of one agreement, scoped like the agreement."""
    today = today_in_region(settings)
    dossier = build.gather(session, settings, principal, agreement, today)
    name = build.file_stem(dossier.agreement, today).replace("berkas-", "kartu-", 1)
    return Response(
        card.render(dossier, settings.timezone),
        media_type=card.MEDIA_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{name}.pdf"'},
    )
