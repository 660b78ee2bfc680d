"""Where a model server's URL sends text: this machine by default, another host only when named.

A script must never leave the machine by accident, so the OpenAI-compatible backend checks its URL
before it sends anything. Allowed without configuration: IP literals in 127.0.0.0/8 or ``::1``
(also as an IPv4-mapped ``::ffff:127.x.x.x``) and the name ``localhost`` (which RFC 6761 reserves
for loopback). Any other host must be listed in ``models.generator.allowed_hosts``.

Names are never resolved here. A check that resolved ``gpu.lan`` to 127.0.0.1 would prove nothing
about the connection, which resolves the name again (a changed hosts file or a DNS answer that
changes between the two looks sends the text elsewhere); ``getaddrinfo`` also takes no timeout, and
the lookup itself asks a DNS server outside the machine. So a name other than ``localhost`` that
points at this machine is allowed the same way as a remote one: by naming it.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict

from assistant.errors import ConfigError

LOOPBACK_NAMES = frozenset({"localhost"})
"""Host names allowed without configuration (no lookup: reserved for loopback by RFC 6761)."""

ALLOWED_HOSTS_SETTING = "models.generator.allowed_hosts"


class Destination(BaseModel):
    """A checked server URL: its host and whether that host is this machine."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    host: str
    """The URL's host, lower-cased, without IPv6 brackets."""
    port: int | None
    local: bool
    """True for a loopback address or ``localhost``; False for a host from ``allowed_hosts``."""

    def describe(self) -> str:
        """Where text goes, in words (for ``slate models``)."""
        where = self.host if self.port is None else f"{self.host}:{self.port}"
        if self.local:
            return f"this machine ({where})"
        return f"{where}, another machine (named in {ALLOWED_HOSTS_SETTING})"


def normalise_host(host: str) -> str:
    """A host as ``allowed_hosts`` compares it: stripped, lower-cased, without IPv6 brackets or a
    trailing dot."""
    return host.strip().lower().removeprefix("[").removesuffix("]").rstrip(".")


def is_loopback(host: str) -> bool:
    """Whether ``host`` (normalised) is ``localhost`` or a loopback IP literal. No lookups."""
    if host in LOOPBACK_NAMES:
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped.is_loopback
    return address.is_loopback


def check_destination(url: str, allowed_hosts: Sequence[str] = ()) -> Destination:
    """Check that ``url`` sends text to this machine or to a host the user named.

    Args:
        url: the server's base URL (``http`` or ``https``).
        allowed_hosts: hosts other than this machine that may receive text.

    Returns:
        The URL's destination.

    Raises:
        ConfigError: the URL is not http(s), carries credentials, or names a host that is neither
            loopback nor in ``allowed_hosts``; the message says how to allow it.
    """
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise ConfigError(f"models.generator.url {url!r} is not a valid URL: {exc}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(
            f"models.generator.url must be an http:// or https:// URL with a host, e.g. "
            f"http://127.0.0.1:11434/v1 (got {url!r})"
        )
    if parts.username is not None or parts.password is not None:
        raise ConfigError(
            "models.generator.url must not carry a user or password; put the key in "
            "models.generator.api_key (or SLATE_MODELS__GENERATOR__API_KEY)"
        )
    host = normalise_host(parts.hostname)
    if is_loopback(host):
        return Destination(host=host, port=port, local=True)
    if host in {normalise_host(h) for h in allowed_hosts}:
        return Destination(host=host, port=port, local=False)
    shown = f"[{host}]" if ":" in host else host
    raise ConfigError(
        f"Refusing to send text to {shown}: Slate sends scripts only to this machine unless "
        f'the host is named; to allow it, set {ALLOWED_HOSTS_SETTING} = ["{host}"] in the '
        f"config file"
    )
