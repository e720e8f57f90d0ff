"""Finding and fetching a track's 30-second preview, now that Spotify hands out none.

matching.py   normalising names and scoring a candidate against the track asked for (no Django)
errors.py     what a caller must tell apart: a source to retry later, a file refused for good
http.py       the shared Session, timeouts, and how answers map to those errors
deezer.py     Deezer's public API: by ISRC, else by advanced search
itunes.py     the iTunes Search API, chosen by score, never by rank
download.py   a capped, sniffed, streaming download of one audio file
resolve.py    Spotify, then Deezer, then iTunes; resolve-and-download in one go (`preview_fetch`)

Deezer's links are signed and die after about 15 minutes: a ResolvedPreview is for downloading at once,
never for storing.
"""
