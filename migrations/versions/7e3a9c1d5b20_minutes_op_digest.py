"""a minutes operation keeps a digest of what it asked for: its op id reused for another edit is a conflict

Revision ID: 7e3a9c1d5b20
Revises: d41c7e2b9f63
Create Date: 2026-12-03 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7e3a9c1d5b20'
down_revision = 'd41c7e2b9f63'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('minutes_op', schema=None) as batch_op:
        batch_op.add_column(sa.Column('digest', sa.String(length=64), nullable=True))


def downgrade():
    with op.batch_alter_table('minutes_op', schema=None) as batch_op:
        batch_op.drop_column('digest')
