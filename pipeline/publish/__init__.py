"""What a published dataset carries besides its tables: the dataset card (:mod:`.card`) and, for a
release (``python -m pipeline publish``, :mod:`.release`), the Hugging Face card, Croissant and
Frictionless metadata, citation, licence and checksums, all generated from the row models."""
