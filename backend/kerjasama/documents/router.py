"""HTTP for document files: multipart upload, metadata, scoped download, replace and delete."""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Callable, Coroutine, Iterator
from typing import IO, Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, Response, UploadFile, status
from fastapi.responses import StreamingResponse
from fastapi.routing import APIRoute
from pydantic import AfterValidator, StringConstraints
from starlette.exceptions import HTTPException

from kerjasama.core.auth import CurrentPrincipal
from kerjasama.core.deps import AppSettings, DbSession
from kerjasama.core.errors import NotFound, problems
from kerjasama.core.http import API_PREFIX, ETAG_HEADER, IF_MATCH_HEADER, check_if_match, set_etag
from kerjasama.core.middleware import BodyTooLarge
from kerjasama.core.schemas import Day
from kerjasama.documents import filetypes, names, reads, service, storage
from kerjasama.documents.schemas import DocType, DocumentRead, DocumentUpdate

log = logging.getLogger("kerjasama.documents")


class _UploadRoute(APIRoute):
    """FastAPI turns any error raised while parsing a form into 400 "error parsing the body"; when the
    size-cap middleware stopped a chunked upload (no Content-Length), hand its signal back so that
    the middleware answers 413 problem+json as it does for a declared oversize body."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def guarded(request: Request) -> Response:
            try:
                return await handler(request)
            except HTTPException as exc:
                if isinstance(exc.__cause__, BodyTooLarge):
                    raise exc.__cause__ from None
                raise

        return guarded


router = APIRouter(tags=["documents"], responses=problems(401), route_class=_UploadRoute)

WRITE_ERRORS = problems(
    404,
    403,
    413,
    422,
    described={
        413: "The file is larger than KERJASAMA_MAX_UPLOAD_MB",
        422: "Empty file, a type other than PDF/PNG/JPEG/XLSX, or bad fields",
    },
)
LOCKED = problems(409, described={409: "document_locked: a signed text, or evidence of a final report"})
LOCKED_OR_IN_USE = problems(
    409,
    described={
        409: "document_locked, or document_in_use: still evidence of a fulfilment, a report, "
        "a force-majeure event or a procedure step"
    },
)
BINARY = {"schema": {"type": "string", "format": "binary"}}


def _storable(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


Title = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=300),
    AfterValidator(_storable),
    Form(description="Title, e.g. 'Naskah KB ditandatangani'"),
]
FileField = Annotated[UploadFile, File(description="The file: PDF, PNG, JPEG or XLSX, judged by its bytes")]


@router.post(
    "/agreements/{agreement_id}/documents",
    response_model=DocumentRead,
    status_code=status.HTTP_201_CREATED,
    responses=WRITE_ERRORS,
    operation_id="documents_upload",
)
def upload_document(
    agreement_id: uuid.UUID,
    file: FileField,
    doc_type: Annotated[DocType, Form(description="Document type (docs/domain.md#document-types)")],
    title: Title,
    doc_date: Annotated[Day, Form(description="Date of the document itself, YYYY-MM-DD")],
    response: Response,
    session: DbSession,
    settings: AppSettings,
    principal: CurrentPrincipal,
    shared: Annotated[
        bool, Form(description="Share with the province (its `province` role reads shared documents only)")
    ] = False,
) -> DocumentRead:
    """Attach a file to an agreement (multipart): PDF, PNG, JPEG or XLSX, checked by content; size capped."""
    document_id = service.upload(
        session,
        settings,
        principal,
        agreement_id,
        service.UploadIn(file.file, file.filename, doc_type, title, doc_date, shared),
    )
    row = service.get(session, principal, document_id)
    set_etag(response, row.document.version, location=f"{API_PREFIX}/documents/{document_id}")
    return reads.detail(row, principal)


@router.get(
    "/agreements/{agreement_id}/documents",
    response_model=list[DocumentRead],
    responses=problems(404),
    operation_id="documents_list",
)
def list_documents(
    agreement_id: uuid.UUID,
    session: DbSession,
    principal: CurrentPrincipal,
    doc_type: Annotated[DocType | None, Query(description="Only documents of this type")] = None,
) -> list[DocumentRead]:
    """The documents of an agreement, newest document date first."""
    return [
        reads.detail(row, principal) for row in service.list_for(session, principal, agreement_id, doc_type)
    ]


@router.get(
    "/documents/{document_id}",
    response_model=DocumentRead,
    responses=problems(404),
    operation_id="documents_get",
)
def get_document(
    document_id: uuid.UUID, response: Response, session: DbSession, principal: CurrentPrincipal
) -> DocumentRead:
    """A document's metadata: type, title, date, size, SHA-256, who uploaded it and whether it is locked."""
    row = service.get(session, principal, document_id)
    set_etag(response, row.document.version)
    return reads.detail(row, principal)


@router.get(
    "/documents/{document_id}/file",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "The file's bytes, as an attachment",
            "content": dict.fromkeys(filetypes.EXTENSIONS, BINARY),
            "headers": {
                "ETag": {
                    "description": 'The file\'s SHA-256, as "sha256-<hex>"',
                    "schema": {"type": "string"},
                },
                "Content-Disposition": {
                    "description": "attachment; filename=\"<ASCII>\"; filename*=UTF-8''<name>",
                    "schema": {"type": "string"},
                },
            },
        },
        **problems(404),
    },
    operation_id="documents_download",
)
def download_document(
    document_id: uuid.UUID, session: DbSession, settings: AppSettings, principal: CurrentPrincipal
) -> StreamingResponse:
    """Download the file; the same OPD scope as the metadata applies."""
    doc = service.get(session, principal, document_id).document
    try:
        # Opened here, before the response starts: a concurrent replace or delete unlinks the path,
        # but this open file keeps the bytes readable to the end.
        handle = storage.path_of(settings, doc.storage_key).open("rb")
    except FileNotFoundError as exc:
        log.error("document %s has no file on disk", doc.id)
        raise NotFound("The file of this document is missing from storage.", code="file_missing") from exc
    filename = names.download_name(doc.original_filename, doc.content_type)
    return StreamingResponse(
        _chunks(handle),
        media_type=doc.content_type,
        headers={
            "Content-Disposition": names.content_disposition(filename),
            "Content-Length": str(os.fstat(handle.fileno()).st_size),
            "ETag": f'"sha256-{doc.sha256}"',
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "private, no-cache",
        },
    )


def _chunks(handle: IO[bytes]) -> Iterator[bytes]:
    with handle:
        while chunk := handle.read(storage.CHUNK_BYTES):
            yield chunk


@router.put(
    "/documents/{document_id}/file",
    response_model=DocumentRead,
    responses={
        200: {"headers": ETAG_HEADER},
        **WRITE_ERRORS,
        **LOCKED,
        **problems(412, 428),
    },
    # PUT is not among the methods main.py documents If-Match for; this operation needs it all the same.
    openapi_extra={"parameters": [IF_MATCH_HEADER]},
    operation_id="documents_replace_file",
)
def replace_document_file(
    document_id: uuid.UUID,
    file: FileField,
    request: Request,
    response: Response,
    session: DbSession,
    settings: AppSettings,
    principal: CurrentPrincipal,
) -> DocumentRead:
    """Replace the file of a document (multipart `file`); needs If-Match. Refused when the document is locked."""
    row = service.get_for_write(session, principal, document_id)
    check_if_match(request, row.document.version)
    service.replace_file(session, settings, principal, row, file.file, file.filename)
    fresh = service.get(session, principal, document_id)
    set_etag(response, fresh.document.version)
    return reads.detail(fresh, principal)


@router.patch(
    "/documents/{document_id}",
    response_model=DocumentRead,
    responses={200: {"headers": ETAG_HEADER}, **WRITE_ERRORS, **problems(412, 428)},
    operation_id="documents_update",
)
def update_document(
    document_id: uuid.UUID,
    body: DocumentUpdate,
    request: Request,
    response: Response,
    session: DbSession,
    principal: CurrentPrincipal,
) -> DocumentRead:
    """Share a document with the province or mark it public (or withdraw); needs If-Match. Allowed on locked documents."""
    row = service.get_for_write(session, principal, document_id)
    check_if_match(request, row.document.version)
    service.set_flags(session, principal, row, body.shared, body.public)
    fresh = service.get(session, principal, document_id)
    set_etag(response, fresh.document.version)
    return reads.detail(fresh, principal)


@router.delete(
    "/documents/{document_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={**problems(404, 403, 412, 428), **LOCKED_OR_IN_USE},
    operation_id="documents_delete",
)
def delete_document(
    document_id: uuid.UUID,
    request: Request,
    session: DbSession,
    settings: AppSettings,
    principal: CurrentPrincipal,
) -> Response:
    """Delete a document and its file; needs If-Match. Refused when locked or still used as evidence."""
    row = service.get_for_write(session, principal, document_id)
    check_if_match(request, row.document.version)
    service.delete(session, settings, principal, row)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
