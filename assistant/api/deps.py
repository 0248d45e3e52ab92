"""FastAPI dependencies as ``Annotated`` aliases: the container built in the lifespan,
the service, the settings, and the key checks (read and admin)."""

from __future__ import annotations

import ipaddress
import secrets
from typing import Annotated, cast

from fastapi import Depends, Request

from assistant.api.middleware import carried_key
from assistant.container import Container
from assistant.errors import AdminDisabled, Forbidden, Unauthorized
from assistant.service import AssistantService
from assistant.settings import Settings


def get_container(request: Request) -> Container:
    """The container the lifespan built (``request.state`` carries the lifespan state)."""
    return cast(Container, request.state.container)


def get_service(container: Annotated[Container, Depends(get_container)]) -> AssistantService:
    return container.service


def get_settings(container: Annotated[Container, Depends(get_container)]) -> Settings:
    return container.settings


ContainerDep = Annotated[Container, Depends(get_container)]
ServiceDep = Annotated[AssistantService, Depends(get_service)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def supplied_key(request: Request) -> str | None:
    """The key a request carries: ``X-API-Key``, ``Authorization: Bearer``, or the
    ``assistant_key`` cookie that ``/ui?key=`` sets."""
    return carried_key(request.headers)


def key_matches(key: str | None, keys: list[str]) -> bool:
    """Constant-time comparison against every configured key (bytes, so any header works)."""
    if not key:
        return False
    given = key.encode("utf-8", "surrogatepass")
    return any(secrets.compare_digest(given, k.encode("utf-8")) for k in keys)


def _from_loopback(request: Request) -> bool:
    host = request.client.host if request.client else ""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host in ("testclient", "localhost")


def require_read_key(request: Request, settings: SettingsDep) -> None:
    """Read routes need a key (read or admin) only when read keys are configured."""
    api = settings.api
    if not api.keys:
        return
    if not key_matches(supplied_key(request), [*api.keys, *api.admin_keys]):
        raise Unauthorized()


def require_admin_key(request: Request, settings: SettingsDep) -> None:
    """Admin routes need an admin key; with no keys configured at all, loopback callers
    (a developer's machine) are let through."""
    api = settings.api
    key = supplied_key(request)
    if api.admin_keys:
        if key_matches(key, api.admin_keys):
            return
        if key_matches(key, api.keys):
            raise Forbidden()
        raise Unauthorized()
    if not api.keys and _from_loopback(request):
        return
    raise AdminDisabled()


ReadKey = Depends(require_read_key)
AdminKey = Depends(require_admin_key)
