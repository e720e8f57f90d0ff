"""Word lists the generator combines into artist, album and track names. Invented combinations, chosen to
read as plausible names without being anyone's real act."""

from __future__ import annotations

GENRES: dict[str, tuple[str, ...]] = {
    "bossa_nova": ("bossa nova", "mpb", "brazilian jazz"),
    "indie_rock": ("indie rock", "garage rock", "modern rock"),
    "swing_jazz": ("swing", "big band", "vocal jazz"),
    "blues_shuffle": ("blues", "electric blues", "texas blues"),
    "folk_waltz": ("folk", "chamber folk", "musette"),
    "celtic_jig": ("celtic", "irish folk", "trad session"),
    "deep_house": ("deep house", "house", "lo-fi house"),
    "boom_bap": ("boom bap", "underground hip hop", "jazz rap"),
    "reggae": ("reggae", "roots reggae", "dub"),
    "ambient": ("ambient", "drone", "new age"),
}

# A family's tracks stray now and then into a kindred style.
NEIGHBOURS: dict[str, tuple[str, ...]] = {
    "bossa_nova": ("swing_jazz", "ambient"),
    "indie_rock": ("blues_shuffle", "folk_waltz"),
    "swing_jazz": ("bossa_nova", "blues_shuffle"),
    "blues_shuffle": ("swing_jazz", "indie_rock"),
    "folk_waltz": ("celtic_jig", "indie_rock"),
    "celtic_jig": ("folk_waltz", "ambient"),
    "deep_house": ("ambient", "boom_bap"),
    "boom_bap": ("reggae", "deep_house"),
    "reggae": ("boom_bap", "deep_house"),
    "ambient": ("deep_house", "bossa_nova"),
}

FIRST_NAMES = (
    "Ines", "Tomasz", "Odile", "Rafferty", "Marisol", "Caius", "Linnea", "Obi", "Severine", "Dario", "Yara",
    "Emrys", "Talulah", "Koji", "Anouk", "Bram", "Zinnia", "Leopold", "Maëlle", "Idris", "Soraya", "Casimir",
    "Wren", "Ottilie", "Jovan", "Beatriz", "Fenwick", "Ilse", "Mateus", "Rosalind", "Thaddeus", "Nadira",
)
LAST_NAMES = (
    "Calloway", "Vantongeren", "Okonkwo-Reyes", "Lindqvist", "Aldana", "Brightwater", "Marchbanks", "Oyelaran",
    "Castellane", "Tiernan", "Halvorsen", "Quintero", "Ashdown", "Kovalenko", "Pereira-Louw", "Dunmore",
    "Esterhazy", "Fairweather", "Gallardo", "Hollins", "Iturbe", "Juniper", "Kestrel", "Larkspur", "Moravec",
)
BAND_ADJECTIVES = (
    "Copper", "Hollow", "Velveteen", "Quiet", "Paper", "Northbound", "Saltwater", "Amber", "Static", "Lantern",
    "Gilded", "Drowsy", "Ferrous", "Midnight", "Tidal", "Borrowed", "Crooked", "Silver-Lined", "Wandering", "Pale",
    "Outer", "Sunken", "Low", "Cobalt", "Feral", "Juniper", "Brass", "Distant", "Lucid", "Winter",
)
BAND_NOUNS = (
    "Orchards", "Lanterns", "Cartographers", "Moths", "Harbours", "Satellites", "Tenants", "Weathervanes",
    "Parlours", "Foxgloves", "Signals", "Ferries", "Monarchs", "Kites", "Pilgrims", "Engines", "Hymnals",
    "Currents", "Lodgers", "Orbits", "Mariners", "Sparrows", "Archivists", "Quarries", "Telegrams",
)
MONO_SYLLABLES = ("ka", "ve", "lo", "mi", "ra", "so", "ne", "tu", "zi", "ba", "do", "le", "yo", "qu", "shi", "ar")
FAMILY_BAND_WORDS: dict[str, tuple[str, ...]] = {
    "bossa_nova": ("Trio", "Quarteto", "Samba Club", "Sextet"),
    "indie_rock": ("", "", "Club", "Band"),
    "swing_jazz": ("Orchestra", "Big Band", "Rhythm Kings", "Quintet"),
    "blues_shuffle": ("Blues Band", "Revue", "& the Shakers", "Trio"),
    "folk_waltz": ("", "Family Band", "String Band", ""),
    "celtic_jig": ("Céilí Band", "Session", "", "Reel Company"),
    "deep_house": ("", "", "Sound System", "Collective"),
    "boom_bap": ("", "Crew", "", "Cypher"),
    "reggae": ("Sound", "Hi-Fi", "Roots Band", ""),
    "ambient": ("", "Ensemble", "", "Drift"),
}

TITLE_ADJECTIVES = (
    "Slow", "Golden", "Borrowed", "Lonesome", "Electric", "Quiet", "Restless", "Blue", "Crooked", "Tender",
    "Burning", "Faded", "Sudden", "Velvet", "Hollow", "Bright", "Heavy", "Patient", "Secret", "Wild",
)
TITLE_NOUNS = (
    "Harbour", "Window", "Letter", "River", "Lantern", "Morning", "Garden", "Signal", "Shoreline", "Staircase",
    "Afternoon", "Telephone", "Orchard", "Compass", "Winter", "Porch", "Station", "Ferry", "Mirror", "Weather",
    "Hallway", "Kite", "Postcard", "Bonfire", "Tide", "Attic", "Meadow", "Engine", "Balcony", "Satellite",
)
TITLE_PLACES = (
    "Lisbon", "the Low Road", "Marlow Street", "the Eastern Pier", "Saint Clement", "the Fourth Floor",
    "Old Harbour", "Kingsway", "the Salt Flats", "Rua Augusta", "the Night Market", "Pier Nine",
)
TITLE_VERBS = ("Waiting", "Dancing", "Falling", "Running", "Drifting", "Calling", "Leaving", "Turning", "Holding")
FAMILY_TITLE_WORDS: dict[str, tuple[str, ...]] = {
    "bossa_nova": ("Saudade", "Maré", "Copacabana Rain", "Beira-Mar", "Tarde", "Samba for Ines"),
    "indie_rock": ("Parking Lot", "Basement Tapes", "Static Heart", "Overpass", "Fuzz Season"),
    "swing_jazz": ("Stomp", "Jump", "Ballroom", "Moonlight Swing", "Uptown Shuffle"),
    "blues_shuffle": ("Crossroads Rain", "Mean Old Train", "Whiskey Morning", "Delta Moon", "Shuffle"),
    "folk_waltz": ("Waltz", "Hearth", "Harvest", "Little Accordion", "Country Dance"),
    "celtic_jig": ("Jig", "Reel", "Hornpipe", "The Kilnamona", "Slip Jig", "Polka"),
    "deep_house": ("Afterhours", "Warehouse", "Strobe", "4AM", "Groove Theory", "Sunrise Dub"),
    "boom_bap": ("Cipher", "Crates", "Boom Bap Sunday", "Dusty Fingers", "Block Party"),
    "reggae": ("Dub", "Skank", "Zion Road", "Rockers", "Riddim", "Sound Clash"),
    "ambient": ("Drift", "Haze", "Tidepool", "Aurora", "Stillness", "Low Clouds", "Glass Field"),
}
ALBUM_PATTERNS = (
    "{adj} {noun}", "The {noun} Sessions", "Tales of {place}", "Songs from {place}", "{verb}", "Letters to {place}",
    "{family}", "{adj} {family}", "Live at {place}", "{noun} & {noun2}",
)
TRACK_PATTERNS = (
    "{adj} {noun}", "{noun} of {place}", "{verb} on the {noun}", "{family}", "{adj} {family}", "{noun}",
    "The {noun} Song", "{family} No. {n}", "Back to {place}", "{verb}", "{noun} (Reprise)", "{adj} Hours",
)

LISTENERS: tuple[tuple[str, str, tuple[str, ...], bool], ...] = (
    # (id, display name, loved families, has an avatar)
    ("lena.voss", "Lena Voss", ("deep_house", "ambient"), True),
    ("tomas.arriaga", "Tomás Arriaga", ("bossa_nova", "swing_jazz", "reggae"), True),
    ("priya.raman", "Priya Raman", ("indie_rock", "folk_waltz"), True),
    ("jonah.whitlock", "Jonah Whitlock", ("blues_shuffle", "swing_jazz", "indie_rock"), True),
    ("aiko.brennan", "Aiko Brennan", ("celtic_jig", "folk_waltz", "ambient"), True),
    ("kwame.asante", "Kwame Asante-Lind", ("boom_bap", "reggae"), True),
    ("noor.haddad", "Noor Haddad", ("deep_house", "boom_bap", "bossa_nova"), False),
    ("elsie.marchetti", "Elsie Marchetti", ("ambient", "celtic_jig"), True),
)
