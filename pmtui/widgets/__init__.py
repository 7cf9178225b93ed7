"""Widgets, one per file; each posts messages and never edits the report itself."""
