"""The sandbox, mounted at /sandbox/ when settings.SPOTIFY_SANDBOX is on.

accounts/  stands in for https://accounts.spotify.com
api/v1/    stands in for https://api.spotify.com/v1 (each path with or without a trailing slash)
images/    stands in for https://i.scdn.co
deezer/    stands in for https://api.deezer.com (errors in 200 bodies) and its preview CDN (deezer/preview/)
itunes/    stands in for https://itunes.apple.com (search, lookup) and Apple's preview files (itunes/preview/)
previews/  every catalogue track's synthesized 30 s preview (<id>.mp3, <id>.m4a)
_control/  arms and clears fault switches
"""

from django.urls import include, path, re_path

from sandbox.views import accounts, api, control, deezer, images, itunes

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
    path("previews/", include("sandbox.music.urls")),
    path("deezer/track/<str:ref>", deezer.track, name="deezer-track"),
    path("deezer/search", deezer.search, name="deezer-search"),
    path("deezer/search/artist", deezer.search_artist, name="deezer-search-artist"),
    path("deezer/artist/<str:artist_ref>", deezer.artist, name="deezer-artist"),
    path("deezer/artist/<str:artist_ref>/top", deezer.artist_top, name="deezer-artist-top"),
    path("deezer/artist/<str:artist_ref>/related", deezer.artist_related, name="deezer-artist-related"),
    path("deezer/preview/<int:deezer_track_id>.mp3", deezer.preview, name="deezer-preview"),
    path("deezer/", deezer.not_found, name="deezer"),
    re_path(r"^deezer/(?P<rest>.*)$", deezer.not_found),
    path("itunes/search", itunes.search, name="itunes-search"),
    path("itunes/lookup", itunes.lookup, name="itunes-lookup"),
    path("itunes/preview/<int:itunes_track_id>.m4a", itunes.preview, name="itunes-preview"),
    path("itunes/", itunes.not_found, name="itunes"),
    re_path(r"^itunes/(?P<rest>.*)$", itunes.not_found),
]
