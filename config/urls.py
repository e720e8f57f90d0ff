from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from config.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("", include("accounts.urls")),
    path("", include("ingest.urls")),
    path("", include("recommender.urls")),
]

if settings.SPOTIFY_SANDBOX:
    # The local Spotify: mounted only when no real Spotify app is configured (or in tests).
    urlpatterns.append(path("sandbox/", include("sandbox.urls")))
