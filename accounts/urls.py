from django.urls import path

from accounts import views

urlpatterns = [
    path("account/not-allowed/", views.spotify_not_allowed, name="spotify_not_allowed"),
    path("account/delete/", views.account_delete, name="account_delete"),
]
