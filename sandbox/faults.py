"""Fault switches: make the next K sandbox calls answer 429, 5xx or slowly.

Rules live in the database so that a test, a benchmark or `POST /sandbox/_control/faults` arms them for
every process that serves sandbox views (the web server, a Celery worker's outside calls). Each call
consumes one unit with a conditional UPDATE, so K concurrent callers see exactly K faults.

    from sandbox import faults
    faults.rate_limit(scope="api", retry_after=7, count=2)
    faults.server_error(scope="accounts", status=503)
    faults.slow(scope="deezer", seconds=2.5, path_contains="/track/")
    faults.clear()

Views of the other sandbox services take part with `@faults.with_faults("deezer")` (or "itunes", "audio").
"""

from __future__ import annotations

import functools
import json
import time
from collections.abc import Callable
from typing import Any

from django.db.models import F, Q
from django.http import HttpRequest, HttpResponse, JsonResponse

from sandbox.models import FaultKind, FaultRule, FaultScope

SCOPES: tuple[str, ...] = tuple(FaultScope.values)
KINDS: tuple[str, ...] = tuple(FaultKind.values)

_ID3_HEADER = b"ID3\x04\x00\x00\x00\x00\x00\x00"
_MESSAGES = {
    429: "API rate limit exceeded",
    500: "Server error.",
    502: "Bad gateway.",
    503: "Service unavailable",
}


def fault_set(
    *,
    scope: str = "all",
    kind: str = "429",
    count: int | None = 1,
    retry_after: int = 1,
    delay: float = 0.0,
    path_contains: str = "",
) -> FaultRule:
    """Arm a fault for the next `count` matching calls (`None`: until cleared)."""
    kind = str(kind)
    if scope not in SCOPES:
        raise ValueError(f"scope must be one of {', '.join(SCOPES)}, not {scope!r}")
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    if count is not None and count < 1:
        raise ValueError("count must be at least 1 (or None for until cleared)")
    if retry_after < 0 or delay < 0:
        raise ValueError("retry_after and delay cannot be negative")
    FaultRule.objects.filter(remaining=0).delete()
    return FaultRule.objects.create(
        scope=scope,
        kind=kind,
        remaining=count,
        retry_after=retry_after,
        delay_seconds=delay,
        path_contains=path_contains,
    )


def rate_limit(
    *, scope: str = "api", retry_after: int = 1, count: int | None = 1, path_contains: str = ""
) -> FaultRule:
    return fault_set(scope=scope, kind="429", count=count, retry_after=retry_after, path_contains=path_contains)


def server_error(*, scope: str = "api", status: int = 500, count: int | None = 1, path_contains: str = "") -> FaultRule:
    return fault_set(scope=scope, kind=str(status), count=count, path_contains=path_contains)


def slow(*, scope: str = "api", seconds: float = 1.0, count: int | None = 1, path_contains: str = "") -> FaultRule:
    return fault_set(scope=scope, kind="slow", count=count, delay=seconds, path_contains=path_contains)


def clear(*, scope: str | None = None) -> int:
    """Disarm every fault (or those of one scope). Returns how many rules were removed."""
    rules = FaultRule.objects.all() if scope is None else FaultRule.objects.filter(scope=scope)
    deleted, _ = rules.delete()
    return deleted


def faults_list() -> list[dict[str, Any]]:
    return [fault_as_json(rule) for rule in FaultRule.objects.exclude(remaining=0)]


def fault_as_json(rule: FaultRule) -> dict[str, Any]:
    return {
        "id": rule.pk,
        "scope": rule.scope,
        "kind": rule.kind,
        "remaining": rule.remaining,
        "retry_after": rule.retry_after,
        "delay": rule.delay_seconds,
        "path_contains": rule.path_contains,
    }


def fault_take(*, scope: str, path: str) -> FaultRule | None:
    """Consume one unit of the oldest armed rule that matches, or None when no fault applies."""
    candidates = FaultRule.objects.filter(
        Q(scope=scope) | Q(scope=FaultScope.ALL),
        Q(remaining__isnull=True) | Q(remaining__gt=0),
    )
    for rule in candidates:
        if rule.path_contains and rule.path_contains not in path:
            continue
        if rule.remaining is None:
            return rule
        # Another process may take the last unit between our read and this write; the filter on
        # remaining > 0 makes the decrement succeed for exactly one of them.
        if FaultRule.objects.filter(pk=rule.pk, remaining__gt=0).update(remaining=F("remaining") - 1):
            return rule
    return None


def fault_response(rule: FaultRule, *, scope: str) -> HttpResponse | None:
    """The answer a fault gives, or None after a slow fault's delay (the real view then answers)."""
    if rule.kind == FaultKind.SLOW:
        time.sleep(rule.delay_seconds)
        return None
    if rule.kind == FaultKind.CORRUPT:
        # An ID3 tag then noise: passes a magic-byte check, fails any decoder.
        noise = bytes((i * 7919 + 13) % 251 for i in range(40_000))
        return HttpResponse(_ID3_HEADER + noise, content_type="audio/mpeg")
    if rule.kind == FaultKind.HUGE:
        # 8 MB of MPEG frame headers: bigger than any 30 s preview.
        return HttpResponse(_ID3_HEADER + b"\xff\xfb\x90\x00" * 2_000_000, content_type="audio/mpeg")
    status = int(rule.kind)
    if status == 502:
        # A gateway answers 502, not the service: HTML, as clients meet it in the wild.
        return HttpResponse(
            "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>",
            status=502,
            content_type="text/html",
        )
    if scope == FaultScope.ACCOUNTS:
        body: dict[str, Any] = {
            "error": "server_error" if status >= 500 else "too_many_requests",
            "error_description": _MESSAGES[status],
        }
    else:
        body = {"error": {"status": status, "message": _MESSAGES[status]}}
    response = JsonResponse(body, status=status)
    if status == 429 or status == 503:
        response["Retry-After"] = str(rule.retry_after)
    return response


def with_faults(scope: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Wrap a sandbox view so armed faults of `scope` (or "all") answer before it runs."""
    if scope not in SCOPES or scope == FaultScope.ALL:
        raise ValueError(f"a view belongs to one service scope, not {scope!r}")

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            rule = fault_take(scope=scope, path=request.path)
            if rule is not None:
                response = fault_response(rule, scope=scope)
                if response is not None:
                    return response
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def fault_from_json(raw: bytes) -> FaultRule:
    """Arm a fault from the control endpoint's JSON body; ValueError on a malformed one."""
    try:
        data = json.loads(raw or b"{}")
    except json.JSONDecodeError as error:
        raise ValueError(f"body is not JSON: {error}") from None
    if not isinstance(data, dict):
        raise ValueError("body must be a JSON object")
    unknown = set(data) - {"scope", "kind", "count", "retry_after", "delay", "path_contains"}
    if unknown:
        raise ValueError(f"unknown fields: {', '.join(sorted(unknown))}")
    try:
        return fault_set(
            scope=str(data.get("scope", "all")),
            kind=str(data.get("kind", "429")),
            count=None if data.get("count", 1) is None else int(data.get("count", 1)),
            retry_after=int(data.get("retry_after", 1)),
            delay=float(data.get("delay", 0.0)),
            path_contains=str(data.get("path_contains", "")),
        )
    except (TypeError, ValueError) as error:
        raise ValueError(str(error)) from None
