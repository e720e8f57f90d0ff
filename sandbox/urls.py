"""The sandbox, mounted at /sandbox/ when settings.SPOTIFY_SANDBOX is on.

accounts/  stands in for https://accounts.spotify.com
api/v1/    stands in for https://api.spotify.com/v1 (each path with or without a trailing slash)
images/    stands in for https://i.scdn.co
_control/  arms and clears fault switches
"""

from django.urls import path, re_path

from sandbox.views import accounts, api, control, images

app_name = "sandbox"

_ID = r"(?P<{}>[^/]+)"

urlpatterns = [
    path("accounts/authorize", accounts.authorize, name="authorize"),
    path("accounts/api/token", accounts.token, name="token"),
    re_path(r"^api/v1/me/?$", api.me, name="me"),
    re_path(r"^api/v1/me/top/tracks/?$", api.top_tracks, name="top-tracks"),
    re_path(r"^api/v1/me/playlists/?$", api.my_playlists, name="my-playlists"),
    re_path(r"^api/v1/search/?$", api.search, name="search"),
    re_path(rf"^api/v1/artists/{_ID.format('artist_id')}/?$", api.artist, name="artist"),
    re_path(rf"^api/v1/tracks/{_ID.format('track_id')}/?$", api.track, name="track"),
    re_path(rf"^api/v1/playlists/{_ID.format('playlist_id')}/?$", api.playlist, name="playlist"),
    re_path(rf"^api/v1/playlists/{_ID.format('playlist_id')}/items/?$", api.playlist_items, name="playlist-items"),
    re_path(rf"^api/v1/playlists/{_ID.format('playlist_id')}/images/?$", api.playlist_images, name="playlist-images"),
    path("api/v1/", api.not_found, name="api-v1"),
    re_path(r"^api/v1/(?P<rest>.*)$", api.not_found),
    path("images/", images.album_image, kwargs={"album_id": "", "size": 0}, name="images"),
    path("images/album/<str:album_id>/<int:size>", images.album_image, name="album-image"),
    path("images/artist/<str:artist_id>/<int:size>", images.artist_image, name="artist-image"),
    path("images/user/<str:user_id>/<int:size>", images.user_image, name="user-image"),
    path("images/playlist/<str:playlist_id>/<int:version>", images.playlist_image, name="playlist-image"),
    path("_control/faults", control.fault_rules, name="faults"),
]
