"""The watch daemon: its persistent work queue, its heartbeat, and why objects left.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of the model types: a migration must not change when models.py does.
TIMESTAMP = sa.DateTime(timezone=True)
AUTO_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("objects") as batch:
        batch.add_column(sa.Column("gone_at", TIMESTAMP, nullable=True))
        batch.add_column(sa.Column("gone_reason", sa.Text(), nullable=True))
    op.create_table(
        "work_queue",
        sa.Column("id", AUTO_ID, autoincrement=True, nullable=False),
        sa.Column("host", sa.Text(), nullable=False),
        sa.Column("root", sa.Text(), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("fs_path", sa.LargeBinary(), nullable=True),
        sa.Column("action", sa.String(8), nullable=False),
        sa.Column("tree", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=True),
        sa.Column("mtime", sa.Double(), nullable=True),
        sa.Column("not_before", sa.Double(), nullable=False),
        sa.Column("enqueued_at", sa.Double(), nullable=False),
        sa.Column("updated_at", sa.Double(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("claimed_by", sa.Text(), nullable=True),
        sa.Column("claimed_at", sa.Double(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_work_queue"),
        sa.UniqueConstraint("host", "path", name="uq_work_queue_host_path"),
    )
    op.create_index("ix_work_queue_host_not_before", "work_queue", ["host", "not_before"])
    op.create_table(
        "watch_daemons",
        sa.Column("host", sa.Text(), nullable=False),
        sa.Column("session", sa.Text(), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.Column("scan_id", sa.String(36), nullable=False),
        sa.Column("started_at", TIMESTAMP, nullable=False),
        sa.Column("heartbeat_at", TIMESTAMP, nullable=False),
        sa.Column("heartbeat_interval", sa.Double(), nullable=False),
        sa.Column("stopped_at", TIMESTAMP, nullable=True),
        sa.Column("last_event_at", TIMESTAMP, nullable=True),
        sa.Column("errors", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("last_error_at", TIMESTAMP, nullable=True),
        sa.Column("roots", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("host", name="pk_watch_daemons"),
    )


def downgrade() -> None:
    op.drop_table("watch_daemons")
    op.drop_index("ix_work_queue_host_not_before", table_name="work_queue")
    op.drop_table("work_queue")
    with op.batch_alter_table("objects") as batch:
        batch.drop_column("gone_reason")
        batch.drop_column("gone_at")
