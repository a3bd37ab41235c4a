"""Hand-off templates (issue 24): per inbox and category, prefilling the escalate dialog

Revision ID: 9c1f5e2a7b30
Revises: 4b7d2e91c0a6
Create Date: 2026-12-07 00:10:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "9c1f5e2a7b30"
down_revision: str | None = "4b7d2e91c0a6"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "handoff_template",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("org_id", sa.Uuid(), nullable=False),
        sa.Column("inbox_id", sa.Uuid(), nullable=True),
        sa.Column("category", sa.String(length=200), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("steps_taken", sa.Text(), nullable=True),
        sa.Column("offers_made", sa.Text(), nullable=True),
        sa.Column("help_needed", sa.Text(), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organisation.id"],
            name=op.f("fk_handoff_template_org_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["inbox_id"],
            ["inbox.id"],
            name=op.f("fk_handoff_template_inbox_id_inbox"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handoff_template")),
    )
    op.create_index(
        op.f("ix_handoff_template_inbox_id"), "handoff_template", ["inbox_id"], unique=False
    )
    op.create_index(
        "ix_handoff_template_org_id_name", "handoff_template", ["org_id", "name"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_handoff_template_org_id_name", table_name="handoff_template")
    op.drop_index(op.f("ix_handoff_template_inbox_id"), table_name="handoff_template")
    op.drop_table("handoff_template")
