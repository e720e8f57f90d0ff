"""The sandbox's own world: a registered app, its listeners, a catalogue, OAuth grants, playlists, faults.

Nothing here is shared with the app's tables; the sandbox plays the part of a remote service.
Tokens and codes are kept only as SHA-256 hashes, as a real provider would.
"""

from __future__ import annotations

from django.db import models

from sandbox.music.families import FAMILY_NAMES

# Spotify's development mode admits at most this many listeners per app (February 2026 rules).
DEVELOPMENT_MODE_MAX_USERS = 5


class App(models.Model):
    client_id = models.CharField(max_length=64, unique=True)
    client_secret_hash = models.CharField(max_length=64)
    name = models.CharField(max_length=100)
    redirect_uris = models.JSONField(default=list)
    development_mode = models.BooleanField(default=True)
    # Off, a refresh answer omits `refresh_token` (the client keeps its old one); on, every refresh
    # hands out a new one and retires the old, as Spotify does for PKCE clients.
    rotate_refresh_tokens = models.BooleanField(default=False)
    allowlist = models.ManyToManyField("Listener", blank=True, related_name="allowed_apps")

    class Meta:
        db_table = "sandbox_app"

    def __str__(self) -> str:
        return self.name


class Listener(models.Model):
    """A Spotify user of the sandbox world (the `user` object of the Web API)."""

    id = models.CharField(max_length=64, primary_key=True)
    display_name = models.CharField(max_length=100)
    has_avatar = models.BooleanField(default=True)
    followers = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "sandbox_user"
        ordering = ["display_name"]

    def __str__(self) -> str:
        return self.display_name


class Tier(models.TextChoices):
    ESTABLISHED = "established"
    EMERGING = "emerging"


class Artist(models.Model):
    id = models.CharField(max_length=22, primary_key=True)
    name = models.CharField(max_length=200)
    genres = models.JSONField(default=list)
    followers = models.PositiveIntegerField(default=0)
    popularity = models.PositiveSmallIntegerField(default=0)
    tier = models.CharField(max_length=12, choices=Tier.choices)

    class Meta:
        db_table = "sandbox_artist"

    def __str__(self) -> str:
        return self.name


class DatePrecision(models.TextChoices):
    YEAR = "year"
    MONTH = "month"
    DAY = "day"


class Album(models.Model):
    class Type(models.TextChoices):
        ALBUM = "album"
        SINGLE = "single"
        COMPILATION = "compilation"

    id = models.CharField(max_length=22, primary_key=True)
    name = models.CharField(max_length=200)
    # Our catalogue credits an album to one artist; the API still answers with a list.
    artist = models.ForeignKey(Artist, on_delete=models.CASCADE, related_name="albums")
    album_type = models.CharField(max_length=12, choices=Type.choices)
    # Spotify's form: "2019", "2019-04" or "2019-04-12" according to the precision.
    release_date = models.CharField(max_length=10)
    release_date_precision = models.CharField(max_length=5, choices=DatePrecision.choices)
    total_tracks = models.PositiveSmallIntegerField()

    class Meta:
        db_table = "sandbox_album"

    def __str__(self) -> str:
        return self.name


class Track(models.Model):
    id = models.CharField(max_length=22, primary_key=True)
    name = models.CharField(max_length=200)
    album = models.ForeignKey(Album, on_delete=models.CASCADE, related_name="tracks")
    artists = models.ManyToManyField(Artist, through="TrackArtist", related_name="tracks")
    duration_ms = models.PositiveIntegerField()
    explicit = models.BooleanField(default=False)
    disc_number = models.PositiveSmallIntegerField(default=1)
    track_number = models.PositiveSmallIntegerField()
    popularity = models.PositiveSmallIntegerField(default=0)
    isrc = models.CharField(max_length=12)
    style_family = models.CharField(max_length=32, choices=[(name, name) for name in FAMILY_NAMES])

    class Meta:
        db_table = "sandbox_track"

    def __str__(self) -> str:
        return self.name


class TrackArtist(models.Model):
    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="credits")
    artist = models.ForeignKey(Artist, on_delete=models.CASCADE, related_name="credits")
    # Credit order matters: the first artist is the one a client shows.
    position = models.PositiveSmallIntegerField()

    class Meta:
        db_table = "sandbox_track_artist"
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["track", "position"], name="sandbox_track_credit_once")]

    def __str__(self) -> str:
        return f"{self.artist_id} on {self.track_id}"


class TimeRange(models.TextChoices):
    SHORT = "short_term"
    MEDIUM = "medium_term"
    LONG = "long_term"


class TopTrack(models.Model):
    listener = models.ForeignKey(Listener, on_delete=models.CASCADE, related_name="top_tracks")
    time_range = models.CharField(max_length=12, choices=TimeRange.choices)
    rank = models.PositiveSmallIntegerField()
    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="+")

    class Meta:
        db_table = "sandbox_top_track"
        ordering = ["rank"]
        constraints = [models.UniqueConstraint(fields=["listener", "time_range", "rank"], name="sandbox_top_rank_once")]

    def __str__(self) -> str:
        return f"{self.listener_id} {self.time_range} #{self.rank}"


class AuthorizationCode(models.Model):
    code_hash = models.CharField(max_length=64, unique=True)
    app = models.ForeignKey(App, on_delete=models.CASCADE, related_name="+")
    listener = models.ForeignKey(Listener, on_delete=models.CASCADE, related_name="+")
    redirect_uri = models.CharField(max_length=500)
    scope = models.CharField(max_length=1000, blank=True)
    code_challenge = models.CharField(max_length=128, blank=True)
    code_challenge_method = models.CharField(max_length=8, blank=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "sandbox_authorization_code"

    def __str__(self) -> str:
        return f"code for {self.listener_id} ({self.app_id})"


class RefreshToken(models.Model):
    token_hash = models.CharField(max_length=64, unique=True)
    app = models.ForeignKey(App, on_delete=models.CASCADE, related_name="+")
    listener = models.ForeignKey(Listener, on_delete=models.CASCADE, related_name="refresh_tokens")
    scope = models.CharField(max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked = models.BooleanField(default=False)

    class Meta:
        db_table = "sandbox_refresh_token"

    def __str__(self) -> str:
        return f"refresh token for {self.listener_id} ({self.app_id})"


class AccessToken(models.Model):
    token_hash = models.CharField(max_length=64, unique=True)
    app = models.ForeignKey(App, on_delete=models.CASCADE, related_name="+")
    # Null for a client-credentials token, which speaks for the app and no listener.
    listener = models.ForeignKey(Listener, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    refresh_token = models.ForeignKey(RefreshToken, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    scope = models.CharField(max_length=1000, blank=True)
    expires_at = models.DateTimeField()
    revoked = models.BooleanField(default=False)

    class Meta:
        db_table = "sandbox_access_token"

    def __str__(self) -> str:
        return f"access token for {self.listener_id or 'the app'} ({self.app_id})"

    @property
    def scopes(self) -> frozenset[str]:
        return frozenset(self.scope.split())


class Playlist(models.Model):
    id = models.CharField(max_length=22, primary_key=True)
    owner = models.ForeignKey(Listener, on_delete=models.CASCADE, related_name="playlists")
    name = models.CharField(max_length=200)
    description = models.CharField(max_length=300, blank=True)
    public = models.BooleanField(default=True)
    collaborative = models.BooleanField(default=False)
    # Bumped on every change; the snapshot id is derived from it.
    version = models.PositiveIntegerField(default=1)
    snapshot_id = models.CharField(max_length=64)
    cover_jpeg = models.BinaryField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "sandbox_playlist"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name


class PlaylistItem(models.Model):
    playlist = models.ForeignKey(Playlist, on_delete=models.CASCADE, related_name="items")
    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="+")
    # Not unique: an insertion shifts the tail, and a unique index would trip mid-update on SQLite.
    position = models.PositiveIntegerField()
    added_at = models.DateTimeField()
    added_by = models.ForeignKey(Listener, on_delete=models.CASCADE, related_name="+")

    class Meta:
        db_table = "sandbox_playlist_item"
        ordering = ["position"]
        indexes = [models.Index(fields=["playlist", "position"], name="sandbox_playlist_item_pos")]

    def __str__(self) -> str:
        return f"{self.playlist_id}[{self.position}]"


class FaultScope(models.TextChoices):
    ACCOUNTS = "accounts"
    API = "api"
    DEEZER = "deezer"
    ITUNES = "itunes"
    AUDIO = "audio"
    ALL = "all"


class FaultKind(models.TextChoices):
    RATE_LIMIT = "429"
    SERVER_ERROR = "500"
    BAD_GATEWAY = "502"
    UNAVAILABLE = "503"
    SLOW = "slow"
    # Audio faults: a 200 whose body claims to be MP3 but is garbage, or is far larger than any preview.
    CORRUPT = "corrupt"
    HUGE = "huge"


class FaultRule(models.Model):
    """A switch that makes the next `remaining` matching calls fail (or crawl). Kept in the database so a
    test, a benchmark or another process can arm it for the web server and workers alike."""

    scope = models.CharField(max_length=10, choices=FaultScope.choices)
    kind = models.CharField(max_length=8, choices=FaultKind.choices)
    # Null means until cleared.
    remaining = models.PositiveIntegerField(null=True, blank=True, default=1)
    retry_after = models.PositiveIntegerField(default=1)
    delay_seconds = models.FloatField(default=0.0)
    path_contains = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "sandbox_fault_rule"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.kind} on {self.scope} x{self.remaining}"
