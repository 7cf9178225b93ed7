"""Turning a report into documents: Markdown for people, JSON for scripts."""
