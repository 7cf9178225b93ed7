"""Turning documents written elsewhere into reports."""
