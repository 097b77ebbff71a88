"""The digest: turns raw scraped Chinese articles into a themed, searchable MkDocs site."""

__version__ = "0.1.0"
