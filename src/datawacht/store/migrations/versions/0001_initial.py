"""The first schema: scans, objects, findings and their history.

Revision ID: 0001
Revises:
Create Date: 2025-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of the model types: a migration must not change when models.py does.
TIMESTAMP = sa.DateTime(timezone=True)
AUTO_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "scans",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("started_at", TIMESTAMP, nullable=False),
        sa.Column("finished_at", TIMESTAMP, nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("host", sa.Text(), nullable=False),
        sa.Column("targets", sa.JSON(), nullable=False),
        sa.Column("ruleset_version", sa.Text(), nullable=False),
        sa.Column("scanner_version", sa.Text(), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_scans"),
    )
    op.create_table(
        "objects",
        sa.Column("object_id", sa.Text(), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("parent_id", sa.Text(), nullable=True),
        sa.Column("host", sa.Text(), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=True),
        sa.Column("mtime", sa.Double(), nullable=True),
        sa.Column("content_hash", sa.Text(), nullable=True),
        sa.Column("kind", sa.Text(), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("label", sa.Text(), nullable=True),
        sa.Column("label_rank", sa.Integer(), nullable=True),
        sa.Column("rules", sa.JSON(), nullable=True),
        sa.Column("explanation", sa.Text(), nullable=True),
        sa.Column("counts", sa.JSON(), nullable=True),
        sa.Column("data_subjects", sa.Integer(), nullable=False),
        sa.Column("first_seen", TIMESTAMP, nullable=False),
        sa.Column("last_seen", TIMESTAMP, nullable=False),
        sa.Column("last_scan_id", sa.String(36), nullable=False),
        sa.Column("present", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["last_scan_id"], ["scans.id"], name="fk_objects_last_scan_id_scans"
        ),
        sa.PrimaryKeyConstraint("object_id", name="pk_objects"),
    )
    op.create_index("ix_objects_path", "objects", ["path"])
    op.create_index("ix_objects_label", "objects", ["label"])
    op.create_table(
        "findings",
        sa.Column("id", AUTO_ID, autoincrement=True, nullable=False),
        sa.Column("object_id", sa.Text(), nullable=False),
        sa.Column("entity_type", sa.Text(), nullable=False),
        sa.Column("fingerprint", sa.Text(), nullable=False),
        sa.Column("masked", sa.Text(), nullable=False),
        sa.Column("score", sa.Double(), nullable=False),
        sa.Column("recognizer", sa.Text(), nullable=False),
        sa.Column("location", sa.JSON(), nullable=False),
        sa.Column("occurrences", sa.Integer(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("status_reason", sa.Text(), nullable=True),
        sa.Column("first_seen", TIMESTAMP, nullable=False),
        sa.Column("last_seen", TIMESTAMP, nullable=False),
        sa.Column("last_scan_id", sa.String(36), nullable=False),
        sa.Column("resolved_at", TIMESTAMP, nullable=True),
        sa.ForeignKeyConstraint(
            ["object_id"], ["objects.object_id"], name="fk_findings_object_id_objects"
        ),
        sa.ForeignKeyConstraint(
            ["last_scan_id"], ["scans.id"], name="fk_findings_last_scan_id_scans"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_findings"),
        sa.UniqueConstraint(
            "object_id",
            "entity_type",
            "fingerprint",
            name="uq_findings_object_id_entity_type_fingerprint",
        ),
    )
    op.create_index("ix_findings_fingerprint", "findings", ["fingerprint"])
    op.create_index("ix_findings_entity_type", "findings", ["entity_type"])
    op.create_index("ix_findings_status", "findings", ["status"])
    op.create_table(
        "finding_events",
        sa.Column("id", AUTO_ID, autoincrement=True, nullable=False),
        sa.Column("finding_id", AUTO_ID, nullable=False),
        sa.Column("at", TIMESTAMP, nullable=False),
        sa.Column("old_status", sa.String(16), nullable=True),
        sa.Column("new_status", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("scan_id", sa.String(36), nullable=True),
        sa.ForeignKeyConstraint(
            ["finding_id"], ["findings.id"], name="fk_finding_events_finding_id_findings"
        ),
        sa.ForeignKeyConstraint(["scan_id"], ["scans.id"], name="fk_finding_events_scan_id_scans"),
        sa.PrimaryKeyConstraint("id", name="pk_finding_events"),
    )
    op.create_index("ix_finding_events_finding_id", "finding_events", ["finding_id"])


def downgrade() -> None:
    op.drop_table("finding_events")
    op.drop_table("findings")
    op.drop_table("objects")
    op.drop_table("scans")
