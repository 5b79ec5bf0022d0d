"""Alembic migrations of the findings database (a package so that setuptools ships it)."""
