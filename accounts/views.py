from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from accounts import services


@require_GET
def spotify_not_allowed(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/not_allowed.html", status=403)


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "accounts/delete.html")
    services.account_delete(user=request.user)
    logout(request)
    messages.success(request, "Your Undercurrent account and everything it held are deleted.")
    return redirect("home")
