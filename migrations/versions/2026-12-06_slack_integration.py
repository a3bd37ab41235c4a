"""Slack actions (issue 26): an organisation's Slack app (workspace, signing secret encrypted)
and the Slack users its members confirmed as theirs

Revision ID: 4b7d2e91c0a6
Revises: 62db6c434d5b
Create Date: 2026-12-06 23:50:00.000000+00:00
"""

from collections.abc import Sequence

import fastapi_users_db_sqlalchemy.generics  # noqa: F401  (user ids are GUID())
import sqlalchemy as sa
from alembic import op

revision: str = "4b7d2e91c0a6"
down_revision: str | None = "62db6c434d5b"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "slack_integration",
        sa.Column("org_id", sa.Uuid(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("signing_secret_encrypted", sa.Text(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organisation.id"],
            name=op.f("fk_slack_integration_org_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("org_id", name=op.f("pk_slack_integration")),
        sa.UniqueConstraint("team_id", name=op.f("uq_slack_integration_team_id")),
    )
    op.create_table(
        "slack_user_link",
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("slack_user_id", sa.String(length=32), nullable=False),
        sa.Column("org_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", fastapi_users_db_sqlalchemy.generics.GUID(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organisation.id"],
            name=op.f("fk_slack_user_link_org_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user.id"],
            name=op.f("fk_slack_user_link_user_id_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("team_id", "slack_user_id", name=op.f("pk_slack_user_link")),
    )
    op.create_index(op.f("ix_slack_user_link_org_id"), "slack_user_link", ["org_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_slack_user_link_org_id"), table_name="slack_user_link")
    op.drop_table("slack_user_link")
    op.drop_table("slack_integration")
