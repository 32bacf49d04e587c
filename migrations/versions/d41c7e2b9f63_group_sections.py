"""the headings a group chose whole are kept, so a question added under one later is the group's

Revision ID: d41c7e2b9f63
Revises: 5c2e8a41d0f7
Create Date: 2026-12-03 07:45:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd41c7e2b9f63'
down_revision = '5c2e8a41d0f7'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('group_section',
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('section_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['group.id'], name=op.f('fk_group_section_group_id_group'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['section_id'], ['section.id'], name=op.f('fk_group_section_section_id_section'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('group_id', 'section_id', name=op.f('pk_group_section'))
    )
    op.create_index(op.f('ix_group_section_section_id'), 'group_section', ['section_id'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_group_section_section_id'), table_name='group_section')
    op.drop_table('group_section')
