"""Reply-or-return: an inbox's reply window, and a claim's reply due time

Revision ID: 8b83f260a398
Revises: 9c1f5e2a7b30
Create Date: 2026-12-07 01:21:14.448038+00:00
"""

from collections.abc import Sequence

import fastapi_users_db_sqlalchemy.generics
import sqlalchemy as sa
from alembic import op

revision: str = "8b83f260a398"
down_revision: str | None = "9c1f5e2a7b30"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Null: off. Business minutes on the escalation's SLA calendar; shorter than the claim
    # itself, or the claim would always lapse first and the setting would never act.
    op.add_column("inbox", sa.Column("reply_within_minutes", sa.Integer(), nullable=True))
    op.create_check_constraint(
        "reply_within_range", "inbox", "reply_within_minutes BETWEEN 1 AND 1439"
    )
    op.create_check_constraint(
        "reply_within_claim", "inbox", "reply_within_minutes < assignment_duration_minutes"
    )
    op.add_column("escalation", sa.Column("claim_reply_due_at", sa.DateTime(timezone=True)))
    op.add_column(
        "escalation",
        sa.Column(
            "returned_from",
            fastapi_users_db_sqlalchemy.generics.GUID(),
            sa.ForeignKey("user.id", ondelete="SET NULL"),
            nullable=True,
        ),
    )
    # NOT VALID, then VALIDATE: every existing row passes (the column is new), and validating
    # separately does not hold the table's exclusive lock while a million rows are read.
    op.execute(
        "ALTER TABLE escalation ADD CONSTRAINT ck_escalation_reply_due_while_claimed"
        " CHECK (claim_reply_due_at IS NULL OR status = 'claimed') NOT VALID"
    )
    op.execute("ALTER TABLE escalation VALIDATE CONSTRAINT ck_escalation_reply_due_while_claimed")
    # The worker's sweep: claims whose reply is overdue (only live claims carry a due time).
    op.create_index(
        "ix_escalation_claim_reply_due",
        "escalation",
        ["claim_reply_due_at"],
        unique=False,
        postgresql_where=sa.text("claim_reply_due_at IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_escalation_claim_reply_due", table_name="escalation")
    op.drop_constraint(op.f("ck_escalation_reply_due_while_claimed"), "escalation", type_="check")
    op.drop_column("escalation", "returned_from")
    op.drop_column("escalation", "claim_reply_due_at")
    op.drop_constraint("reply_within_claim", "inbox", type_="check")
    op.drop_constraint("reply_within_range", "inbox", type_="check")
    op.drop_column("inbox", "reply_within_minutes")
