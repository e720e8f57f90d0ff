"""The invented demo catalogue: word lists and a deterministic generator (no Django here)."""
