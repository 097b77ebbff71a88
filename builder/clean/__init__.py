"""The cleaning stage: a fixed chain of small named steps (see ``pipeline.clean_article``)."""
