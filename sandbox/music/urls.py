"""Mounted by sandbox/urls.py at previews/: /sandbox/previews/<track_id>.mp3 and .m4a."""

from django.urls import path

from . import views

app_name = "previews"

urlpatterns = [
    path("<str:track_id>.mp3", views.preview, {"fmt": "mp3"}, name="mp3"),
    path("<str:track_id>.m4a", views.preview, {"fmt": "m4a"}, name="m4a"),
]
