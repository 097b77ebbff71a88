"""Write the digest as Markdown pages (plus data files), returned as path -> content."""
