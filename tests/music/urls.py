"""Mounts the preview URLs alone, as sandbox/urls.py does, so these tests need no other sandbox view."""

from django.urls import include, path

urlpatterns = [path("sandbox/previews/", include("sandbox.music.urls"))]
