"""Extraction stages after cleaning: players, themes, figures and events."""
