"""Alembic revisions, one file each, named <rev-id>_<slug>.py."""
