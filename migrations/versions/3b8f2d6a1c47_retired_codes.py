"""renewed join and submission codes are kept as retired: typed again, they say "replaced", not "wrong"

Revision ID: 3b8f2d6a1c47
Revises: 7e3a9c1d5b20
Create Date: 2026-12-03 22:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3b8f2d6a1c47'
down_revision = '7e3a9c1d5b20'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'retired_join_code',
        sa.Column('code', sa.String(length=16), nullable=False),
        sa.Column('workshop_id', sa.Integer(), nullable=False),
        sa.Column('retired_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['workshop_id'],
            ['workshop.id'],
            name=op.f('fk_retired_join_code_workshop_id_workshop'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('code', name=op.f('pk_retired_join_code')),
    )
    with op.batch_alter_table('retired_join_code', schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f('ix_retired_join_code_workshop_id'), ['workshop_id'], unique=False
        )
    op.create_table(
        'retired_submission_code',
        sa.Column('code', sa.String(length=16), nullable=False),
        sa.Column('meeting_id', sa.Integer(), nullable=False),
        sa.Column('retired_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['meeting_id'],
            ['meeting.id'],
            name=op.f('fk_retired_submission_code_meeting_id_meeting'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('code', name=op.f('pk_retired_submission_code')),
    )
    with op.batch_alter_table('retired_submission_code', schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f('ix_retired_submission_code_meeting_id'), ['meeting_id'], unique=False
        )


def downgrade():
    with op.batch_alter_table('retired_submission_code', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_retired_submission_code_meeting_id'))
    op.drop_table('retired_submission_code')
    with op.batch_alter_table('retired_join_code', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_retired_join_code_workshop_id'))
    op.drop_table('retired_join_code')
