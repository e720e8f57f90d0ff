from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect


class LoopbackHostMiddleware:
    """Send `localhost` to `127.0.0.1`: Spotify accepts only loopback addresses in plain-HTTP redirect URIs,
    and a sign-in started on one host name cannot finish on another (the session cookie stays behind)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        host = request.get_host()
        if host == "localhost" or host.startswith("localhost:"):
            port = host.partition(":")[2]
            target = f"{request.scheme}://127.0.0.1{':' + port if port else ''}{request.get_full_path()}"
            return HttpResponsePermanentRedirect(target)
        return self.get_response(request)
