"""the annex label (word and number) belongs to the workshop; an annex's number may follow it

Revision ID: b7d41e0c9a52
Revises: 9d6fab2738bd
Create Date: 2026-11-30 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b7d41e0c9a52'
down_revision = '9d6fab2738bd'
branch_labels = None
depends_on = None


def upgrade():
    # Plain ADD COLUMN, never a batch copy: recreating a table on SQLite would cascade-delete
    # the rows that refer to it.
    op.add_column('workshop', sa.Column(
        'annex_label_word', sa.String(length=40), nullable=False, server_default=''
    ))
    op.add_column('workshop', sa.Column(
        'annex_label_number', sa.String(length=20), nullable=False, server_default='1'
    ))
    # "1" was every annex's default; "" now means "the workshop's number" (also "1").
    op.execute("UPDATE annex SET label_number = '' WHERE label_number = '1'")


def downgrade():
    op.execute(
        "UPDATE annex SET label_number = (SELECT annex_label_number FROM workshop"
        " WHERE workshop.id = annex.workshop_id) WHERE label_number = ''"
    )
    op.drop_column('workshop', 'annex_label_number')
    op.drop_column('workshop', 'annex_label_word')
