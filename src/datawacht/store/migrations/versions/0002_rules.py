"""Classification rules: suppressed findings, policy violations, ruleset per object.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("findings") as batch:
        batch.add_column(sa.Column("suppressed", sa.Text(), nullable=True))
    with op.batch_alter_table("objects") as batch:
        batch.add_column(sa.Column("violations", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("suppressed", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("risk", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("ruleset_version", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("objects") as batch:
        batch.drop_column("ruleset_version")
        batch.drop_column("risk")
        batch.drop_column("suppressed")
        batch.drop_column("violations")
    with op.batch_alter_table("findings") as batch:
        batch.drop_column("suppressed")
