"""Qt desktop window and image export; depends on the core, never the reverse."""
