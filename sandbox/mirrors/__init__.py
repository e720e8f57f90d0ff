"""The sandbox catalogue as the two preview sources carry it: Deezer's public API and the iTunes Search API.

availability.py  which tracks each service has, which Deezer previews are blank, the integer ids (no Django)
matching.py      text normalisation, Deezer's advanced query syntax, iTunes term scoring (no Django)
selectors.py     reads: integer id back to a sandbox row, search over the catalogue
deezer_shapes.py / itunes_shapes.py   the JSON objects of each service
"""
