"""Renderers: they take finished values and return text; they never compute findings."""
