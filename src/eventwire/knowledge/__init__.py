"""Knowledge: dictionaries, lexicons and tables (the data lives in data/), loaded once."""
