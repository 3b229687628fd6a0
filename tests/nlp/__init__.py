"""nlp tests."""
