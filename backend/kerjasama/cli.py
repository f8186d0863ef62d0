"""`kerjasama` command line: serve, db, seed-demo, users, import-regions, remind, deliver-webhooks,
audit verify, backup, restore.

Exit status: 0 success, 1 the action failed (message on stderr), 2 bad usage.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from alembic import command
from alembic.config import Config
from pydantic import ValidationError

from kerjasama.core.audit import Actor
from kerjasama.core.config import Settings, get_settings
from kerjasama.core.db import Database
from kerjasama.core.errors import AppError
from kerjasama.core.logging import configure_logging
from kerjasama.core.roles import ADMIN, ROLES

ROOT = Path(__file__).resolve().parents[2]


def alembic_config(url: str) -> Config:
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "migrations"))
    cfg.set_main_option("sqlalchemy.url", url)
    return cfg


def _settings() -> Settings:
    try:
        return get_settings()
    except ValidationError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        raise SystemExit(1) from exc


def _password(args: argparse.Namespace) -> str:
    if args.password:
        return str(args.password)
    value = os.environ.get(args.password_env)
    if not value:
        print(f"give --password or set the environment variable {args.password_env}", file=sys.stderr)
        raise SystemExit(2)
    return value


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    settings = _settings()
    host = args.host or os.environ.get("HOST", "127.0.0.1")
    port = int(args.port or os.environ.get("PORT", "8000"))
    # Settings.base_url reads these when KERJASAMA_PUBLIC_BASE_URL is empty: the links the app writes
    # (calendar feed URLs, e-mails) then point at the port it really listens on (workers inherit them).
    os.environ["HOST"], os.environ["PORT"] = host, str(port)
    print(
        f"Kerja Sama Daerah registry on http://{host}:{port}  (API docs: http://{host}:{port}/docs)",
        flush=True,
    )
    # Logging is ours (core/logging.py: JSON lines, one access line per request): uvicorn must not
    # install its own handlers nor write its access lines (raw paths with query strings).
    if settings.env == "prod" or args.workers > 1:
        with _metrics_dir(args.workers):
            uvicorn.run(
                "kerjasama.main:create_served_app",
                factory=True,
                host=host,
                port=port,
                workers=args.workers,
                proxy_headers=True,
                log_level="info",
                log_config=None,
                access_log=False,
                # A worker that imports slowly on a busy machine must not be killed as unhealthy
                # (uvicorn's default is 5 s, which restarted 13 s starts in a loop).
                timeout_worker_healthcheck=settings.worker_healthcheck_timeout_seconds,
            )
    else:
        from kerjasama.main import create_app

        uvicorn.run(
            create_app(settings, run_reminders=True),
            host=host,
            port=port,
            log_level="info",
            log_config=None,
            access_log=False,
        )
    return 0


@contextmanager
def _metrics_dir(workers: int) -> Iterator[None]:
    """Several workers: prometheus-client's multiprocess mode, in a fresh temporary directory that the
    workers inherit (PROMETHEUS_MULTIPROC_DIR, read when they import it) and that is removed at exit.
    A directory the operator set already is used as it is and kept."""
    from kerjasama.core.metrics import MULTIPROC_ENV

    if workers <= 1 or os.environ.get(MULTIPROC_ENV):
        yield
        return
    path = tempfile.mkdtemp(prefix="kerjasama-metrics-")
    os.environ[MULTIPROC_ENV] = path
    try:
        yield
    finally:
        os.environ.pop(MULTIPROC_ENV, None)
        shutil.rmtree(path, ignore_errors=True)


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    settings = _settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    command.upgrade(alembic_config(settings.effective_database_url), args.revision)
    print(f"database at revision {args.revision}")
    return 0


def cmd_db_downgrade(args: argparse.Namespace) -> int:
    settings = _settings()
    command.downgrade(alembic_config(settings.effective_database_url), args.revision)
    return 0


def cmd_seed_demo(args: argparse.Namespace) -> int:
    from kerjasama import demo

    settings = _settings()
    if settings.env == "prod" and not args.force:
        print(
            "refusing to load demo data with KERJASAMA_ENV=prod (use --force if you mean it)", file=sys.stderr
        )
        return 1
    database = Database(settings)
    with database.write() as session:
        if args.if_empty and demo.is_seeded(session):
            logins = demo.existing_logins(session)
            print("Database already initialised; demo data not reloaded.")
        else:
            logins = demo.seed(session, settings)
            print("Demo data loaded (records are flagged is_demo).")
    if logins:
        print(f"Demo logins (password for all: {demo.DEMO_PASSWORD}):")
    for login in logins:
        print(f"  {login.username:<18} {login.role:<13} {login.opd or '':<8} {login.full_name}")
    return 0


def cmd_users_create(args: argparse.Namespace) -> int:
    from kerjasama.reference import repository as reference_repo
    from kerjasama.users import service
    from kerjasama.users.schemas import UserCreate

    database = Database(_settings())
    with database.write() as session:
        opd_id = None
        if args.opd:
            opd = reference_repo.get_opd_by_code(session, args.opd)
            if opd is None:
                print(f"no OPD with code {args.opd}", file=sys.stderr)
                return 1
            opd_id = opd.id
        try:
            data = UserCreate(
                username=args.username,
                password=_password(args),
                role=args.role,
                opd_id=opd_id,
                full_name=args.full_name or "",
                email=args.email,
            )
        except ValidationError as exc:
            print(f"invalid user: {exc}", file=sys.stderr)
            return 2
        user = service.create_user(session, Actor(None, "cli", ADMIN), data)
        print(f"created user {user.username} ({user.role}) id={user.id}")
    return 0


def cmd_users_set_password(args: argparse.Namespace) -> int:
    from kerjasama.users import service

    password = _password(args)
    if len(password) < 10:
        print("the password needs at least 10 characters", file=sys.stderr)
        return 2
    database = Database(_settings())
    with database.write() as session:
        service.set_password(session, Actor(None, "cli", ADMIN), args.username.lower(), password)
    print(f"password changed for {args.username}; their sessions were signed out")
    return 0


def cmd_import_regions(args: argparse.Namespace) -> int:
    from kerjasama.reference import service

    database = Database(_settings())
    with database.write() as session:
        count = service.import_regions_csv(session, Path(args.csv))
        borders = service.import_borders_csv(session, Path(args.borders)) if args.borders else 0
    print(f"imported {count} regions and {borders} borders")
    return 0


def _iso_day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date: {value!r} (use YYYY-MM-DD)") from exc


def cmd_import_agreements(args: argparse.Namespace) -> int:
    """Import existing agreements from the filled-in XLSX template (as `imports/service.run` over HTTP)."""
    from sqlalchemy import select

    from kerjasama.core.auth import principal_for
    from kerjasama.core.clock import today_in_region
    from kerjasama.core.errors import AppError
    from kerjasama.imports import reader
    from kerjasama.imports import service as imports_service
    from kerjasama.models import UserAccount

    settings = _settings()
    data = Path(args.file).read_bytes()

    def progress(done: int, total: int) -> None:
        width = 30
        filled = width * done // max(total, 1)
        print(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} rows",
            end="",
            file=sys.stderr,
            flush=True,
        )

    try:
        rows = reader.read(data)
        print(f"{len(rows)} data rows in {args.file}", file=sys.stderr)
        with Database(settings).write() as session:
            if args.as_user:
                who = UserAccount.username == args.as_user
            else:  # the oldest active administrator
                who = (UserAccount.role == ADMIN) & UserAccount.is_active
            user = session.scalar(select(UserAccount).where(who).order_by(UserAccount.created_at).limit(1))
            if user is None:
                print(f"no user {args.as_user or 'with the admin role'!r}", file=sys.stderr)
                return 2
            report = imports_service.run(
                session,
                settings,
                principal_for(user),
                rows,
                dry_run=args.dry_run,
                today=today_in_region(settings),
                progress=progress,
            )
    except AppError as exc:
        print(f"refused ({exc.code}): {exc.detail or exc.title}", file=sys.stderr)
        return 2
    print(file=sys.stderr)
    for row in report.rows:
        partner = f"{row.partner.action} {row.partner.name}" if row.partner else "-"
        state = "ok" if row.valid else "ERROR"
        print(
            f"row {row.row:>4}  {state:<5}  {row.number or '-':<28} {row.stage or '-':<9} partner: {partner}"
        )
        for f in row.findings:
            print(f"           {f.severity} {f.rule_id}: {f.message_id}")
        for e in row.errors:
            print(f"           column {e.column} ({e.header}) rule {e.rule}: {e.message}")
    verdict = "imported" if report.committed else ("checked (dry run)" if report.dry_run else "NOT imported")
    print(f"{report.rows_valid}/{report.rows_total} rows valid; {verdict}")
    return 0 if report.rows_invalid == 0 else 1


def cmd_remind(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from kerjasama.reminders import job

    settings = _settings()
    try:
        summary = job.run(Database(settings), settings, today=args.today, dry_run=args.dry_run)
    except SQLAlchemyError as exc:
        print(f"the reminder run failed: {exc}", file=sys.stderr)
        return 1
    if summary.locked_out:
        print("Another reminder run is in progress; this one did nothing.")
        return 0
    if summary.dry_run:
        print(
            f"Dry run for {summary.today.isoformat()}: {len(summary.planned)} new reminders would be created."
        )
        for p in summary.planned:
            print(
                f"  {p.item.kind:<19} {p.item.due_date.isoformat()}  {p.recipients:>3} recipients  {p.item.title}"
            )
        print(f"E-mails queued now: {summary.still_queued}. Nothing was changed.")
        return 0
    print(f"Reminders for {summary.today.isoformat()}:")
    print(f"  new reminders:     {summary.reminders}")
    print(f"  notifications:     {summary.notifications}")
    if summary.occurrences_added:
        print(f"  occurrences added: {summary.occurrences_added} (open-ended agreements)")
    if summary.next_due_refreshed:
        print(f"  next due dates stored again: {summary.next_due_refreshed} (their date had passed)")
    if summary.email_enabled:
        print(f"  e-mails queued:    {summary.emails_queued}")
        print(f"  e-mails sent:      {summary.sent}")
        print(f"  failed, to retry:  {summary.retry_later}")
        print(f"  failed for good:   {summary.failed}")
        print(f"  still queued:      {summary.still_queued}")
    else:
        print("  e-mail is off (KERJASAMA_SMTP_HOST is empty)")
    return 0


def cmd_deliver_webhooks(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from kerjasama.integration.webhooks import job

    settings = _settings()
    try:
        summary = job.run(Database(settings), settings, max_sends=args.max_sends)
    except SQLAlchemyError as exc:
        print(f"the webhook run failed: {exc}", file=sys.stderr)
        return 1
    print("Webhooks:")
    print(f"  deliveries queued:  {summary.queued}")
    print(f"  delivered:          {summary.delivered}")
    print(f"  failed, to retry:   {summary.failed}")
    print(f"  given up (dead):    {summary.dead}")
    print(f"  subscriptions disabled: {summary.disabled}")
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    import json

    from kerjasama.core import audit

    settings = _settings()
    anchor_file = Path(args.anchor_file) if args.anchor_file else audit.default_anchor_file(settings)
    database = Database(settings)
    with database.session() as session:
        if session.get_bind().dialect.name == "postgresql":  # one snapshot for the anchor and the chain
            session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        result = audit.verify(session, anchor_file=anchor_file)
        anchored = None
        if result.ok and not args.no_anchor:
            anchored = audit.anchor_head(session, anchor_file)
    if args.json:
        print(json.dumps({**result.as_dict(), "anchor_file": str(anchor_file)}, indent=2))
    elif result.ok:
        print(f"audit chain intact: {result.checked} entries")
        if anchored is not None:
            print(f"head (entry {anchored.seq}) anchored in {anchor_file}")
    else:
        print(
            f"AUDIT CHAIN BROKEN: {len(result.breaks)} problem(s), {result.checked} entries read",
            file=sys.stderr,
        )
        for brk in result.breaks:
            print(f"  [{brk.kind}] {brk.message}", file=sys.stderr)
    return 0 if result.ok else 1


def cmd_backup(args: argparse.Namespace) -> int:
    from kerjasama.operations import backup

    try:
        summary = backup.backup(_settings(), Path(args.to), overwrite=args.force)
    except backup.BackupError as exc:
        print(f"backup {'refused' if exc.exit_code == 2 else 'failed'}: {exc}", file=sys.stderr)
        return exc.exit_code
    print(
        f"backup written to {summary.path}: {summary.kind} database at revision {summary.revision}, "
        f"{summary.files} files, {summary.size} bytes, {summary.seconds:.1f} s"
    )
    if summary.anchored_seq is not None:
        print(f"audit head (entry {summary.anchored_seq}) anchored in the audit anchor log")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from kerjasama.operations import backup

    try:
        summary = backup.restore(_settings(), Path(args.file), force=args.force)
    except backup.BackupError as exc:
        print(f"restore {'refused' if exc.exit_code == 2 else 'failed'}: {exc}", file=sys.stderr)
        return exc.exit_code
    print(
        f"restored {summary.kind} database at revision {summary.revision} and {summary.files} files "
        f"in {summary.seconds:.1f} s; run `kerjasama db upgrade` if this version is newer"
    )
    if summary.audit is not None:
        if summary.audit.ok:
            print(f"audit chain intact: {summary.audit.checked} entries")
        else:
            print(
                f"warning: the restored audit chain has {len(summary.audit.breaks)} break(s):",
                file=sys.stderr,
            )
            for brk in summary.audit.breaks:
                print(f"  [{brk.kind}] {brk.message}", file=sys.stderr)
    for note in summary.notes:
        print(f"note: {note}", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kerjasama", description="Kerja Sama Daerah registry")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("serve", help="run the API and the web app")
    p.add_argument("--host", help="bind address (default $HOST or 127.0.0.1)")
    p.add_argument("--port", help="port (default $PORT or 8000)")
    p.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    p.set_defaults(func=cmd_serve)

    db = sub.add_parser("db", help="database schema").add_subparsers(dest="db_command", required=True)
    p = db.add_parser("upgrade", help="apply migrations")
    p.add_argument("revision", nargs="?", default="head")
    p.set_defaults(func=cmd_db_upgrade)
    p = db.add_parser("downgrade", help="revert migrations")
    p.add_argument("revision")
    p.set_defaults(func=cmd_db_downgrade)

    p = sub.add_parser("seed-demo", help="load reference data, demo users and Cimahi's demo agreements")
    p.add_argument("--if-empty", action="store_true", help="do nothing when users already exist")
    p.add_argument("--force", action="store_true", help="allow in prod")
    p.set_defaults(func=cmd_seed_demo)

    users = sub.add_parser("users", help="user accounts").add_subparsers(dest="users_command", required=True)
    p = users.add_parser("create", help="create a user")
    p.add_argument("--username", required=True)
    p.add_argument("--password", help="or set it in the variable named by --password-env")
    p.add_argument("--password-env", default="KERJASAMA_PASSWORD", help="variable holding the password")
    p.add_argument(
        "--role",
        required=True,
        choices=ROLES,
    )
    p.add_argument("--opd", help="OPD code (required for opd_head and opd_operator)")
    p.add_argument("--full-name")
    p.add_argument("--email")
    p.set_defaults(func=cmd_users_create)
    p = users.add_parser("set-password", help="set a user's password (signs out their sessions)")
    p.add_argument("--username", required=True)
    p.add_argument("--password")
    p.add_argument("--password-env", default="KERJASAMA_PASSWORD")
    p.set_defaults(func=cmd_users_set_password)

    p = sub.add_parser(
        "import-regions", help="load the national Kemendagri region list from CSV (code,name[,type])"
    )
    p.add_argument("csv")
    p.add_argument("--borders", help="CSV of code,neighbour_code pairs")
    p.set_defaults(func=cmd_import_regions)

    p = sub.add_parser(
        "import-agreements",
        help="import existing agreements from the filled-in XLSX template (all or nothing; see imports/)",
    )
    p.add_argument("file", help="the .xlsx file (GET /api/v1/imports/agreements/template)")
    p.add_argument("--dry-run", action="store_true", help="check and report only; write nothing")
    p.add_argument(
        "--as",
        dest="as_user",
        default=None,
        help="username recorded as the importer (default: the oldest active administrator)",
    )
    p.set_defaults(func=cmd_import_agreements)

    p = sub.add_parser(
        "remind", help="create due reminders once, notify, and send queued e-mails (safe to run twice)"
    )
    p.add_argument("--today", type=_iso_day, help="run as if today were YYYY-MM-DD (catch-up, testing)")
    p.add_argument("--dry-run", action="store_true", help="list what would be created; change nothing")
    p.set_defaults(func=cmd_remind)

    p = sub.add_parser(
        "deliver-webhooks",
        help="queue change events for webhook subscriptions and send what is due (safe to run in parallel)",
    )
    p.add_argument("--max-sends", type=int, default=1000, help="at most this many tries in this run")
    p.set_defaults(func=cmd_deliver_webhooks)

    audit_p = sub.add_parser("audit", help="audit log").add_subparsers(dest="audit_command", required=True)
    p = audit_p.add_parser(
        "verify",
        help="check the hash chain and its signed head; list every break; exit 1 when an entry was changed, "
        "deleted or the newest ones cut off",
    )
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--anchor-file", help="anchor log to check and extend (default DATA_DIR/audit-anchor.log)")
    p.add_argument(
        "--no-anchor", action="store_true", help="do not append the verified head to the anchor log"
    )
    p.set_defaults(func=cmd_audit_verify)

    p = sub.add_parser(
        "backup", help="write a consistent online backup (database + uploaded files, with checksums) to FILE"
    )
    p.add_argument(
        "--to", required=True, metavar="FILE", help="archive to write (.tar, or .tar.gz to compress)"
    )
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser(
        "restore", help="restore a backup into an empty database and data dir (checksums verified first)"
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--force", action="store_true", help="replace the existing database and uploaded files")
    p.set_defaults(func=cmd_restore)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        level = Settings().log_level
    except Exception:  # the command reports a bad configuration itself
        level = "INFO"
    configure_logging(level)
    try:
        result: int = args.func(args)
    except AppError as exc:
        print(f"error: {exc.detail or exc.title}", file=sys.stderr)
        return 1
    return result


if __name__ == "__main__":
    sys.exit(main())
