"""share: the questions shared, so that a raw share follows its notes live

Revision ID: a3f1c5d7e9b2
Revises: ce0492276b1e
Create Date: 2026-11-30 12:45:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a3f1c5d7e9b2'
down_revision = 'ce0492276b1e'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('share', schema=None) as batch_op:
        batch_op.add_column(sa.Column('question_ids', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('share', schema=None) as batch_op:
        batch_op.drop_column('question_ids')
