from django.urls import path

from ingest import views

urlpatterns = [
    path("analyse/", views.ingest_start, name="ingest_start"),
    path("analyse/jobs/<int:job_id>/", views.ingest_progress, name="ingest_progress"),
    path("tracks/<str:spotify_id>/spectrogram.png", views.track_spectrogram, name="track_spectrogram"),
    path("tracks/<str:spotify_id>/preview", views.track_clip, name="track_clip"),
]
