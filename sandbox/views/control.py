"""The sandbox's own control surface, for processes that cannot import `sandbox.faults` directly."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from sandbox import faults


# A machine endpoint for benchmarks and test drivers, mounted only with the sandbox; no browser session
# is involved, so there is nothing for CSRF to protect.
@csrf_exempt
@require_http_methods(["GET", "POST", "DELETE"])
def fault_rules(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        try:
            rule = faults.fault_from_json(request.body)
        except ValueError as error:
            return JsonResponse({"error": str(error)}, status=400)
        return JsonResponse(faults.fault_as_json(rule), status=201)
    if request.method == "DELETE":
        scope = request.GET.get("scope") or None
        if scope is not None and scope not in faults.SCOPES:
            return JsonResponse({"error": f"unknown scope {scope!r}"}, status=400)
        return JsonResponse({"deleted": faults.clear(scope=scope)})
    return JsonResponse({"faults": faults.faults_list()})
