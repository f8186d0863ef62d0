"""The role names, and nothing else: who may do what lives in each domain's `policy.py`.

A new role is added here (and to the CHECK constraint of `user_account`, through a migration), then
given its rights in the policy modules. No other module names a role.
"""

from __future__ import annotations

from typing import Final, Literal, get_args

RoleName = Literal["admin", "secretariat", "tkksd", "opd_head", "opd_operator", "viewer", "province"]

ADMIN: Final = "admin"
"""System administrator."""
SECRETARIAT: Final = "secretariat"
"""Bagian Pemerintahan Setda, the secretariat of the TKKSD."""
TKKSD: Final = "tkksd"
"""Member of the Tim Koordinasi Kerja Sama Daerah."""
OPD_HEAD: Final = "opd_head"
"""Head of an OPD (kepala dinas): works for one OPD."""
OPD_OPERATOR: Final = "opd_operator"
"""Operator of an OPD: works for one OPD."""
VIEWER: Final = "viewer"
"""Leadership and inspectorate: reads everything, changes nothing."""
PROVINCE: Final = "province"
"""The province's supervisors and systems (Biro Otonomi Daerah): read signed, in-force and ended records
only, final monitoring reports only, documents marked for sharing only, never personal data."""

ROLES: Final[tuple[RoleName, ...]] = get_args(RoleName)
"""Every role, in the order of the user_account CHECK constraint."""
OPD_ROLES: Final[tuple[RoleName, ...]] = (OPD_HEAD, OPD_OPERATOR)
"""The roles that work for one OPD (their account carries opd_id)."""

ServiceRoleName = Literal["province", "viewer"]
SERVICE_ROLES: Final[tuple[ServiceRoleName, ...]] = get_args(ServiceRoleName)
"""The roles a service account (a machine client signing in with client credentials) may hold."""
