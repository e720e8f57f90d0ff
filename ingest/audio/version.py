"""The name of the current embedding: bump it whenever any parameter or feature changes vectors."""

EMBEDDING_VERSION = "timbre-spectrum-rhythm-harmony-v1"
