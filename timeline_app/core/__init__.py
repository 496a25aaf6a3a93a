"""Qt-free core: documents, publication date, NLP, timexes, resolution, events."""
