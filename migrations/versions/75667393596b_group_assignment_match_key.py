"""a listed name's key is stored and indexed: a join looks up one row, not the whole list

Revision ID: 75667393596b
Revises: a3f1c5d7e9b2
Create Date: 2026-12-01 07:45:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '75667393596b'
down_revision = 'a3f1c5d7e9b2'
branch_labels = None
depends_on = None


def name_key(name):
    # models.assignment.name_key as of this revision: trimmed, inner spaces collapsed, case-folded.
    return " ".join(name.split()).casefold()


def upgrade():
    # Plain ADD COLUMN, never a batch copy: recreating a table on SQLite would cascade-delete
    # the rows that refer to it.
    op.add_column('group_assignment', sa.Column(
        'match_key', sa.String(length=240), nullable=False, server_default=''
    ))
    connection = op.get_bind()
    table = sa.table(
        'group_assignment', sa.column('id', sa.Integer), sa.column('name', sa.String),
        sa.column('match_key', sa.String),
    )
    rows = connection.execute(sa.select(table.c.id, table.c.name)).all()
    for row_id, name in rows:
        connection.execute(
            table.update().where(table.c.id == row_id).values(match_key=name_key(name))
        )
    op.create_index(
        'ix_group_assignment_workshop_key', 'group_assignment', ['workshop_id', 'match_key'],
        unique=False,
    )


def downgrade():
    op.drop_index('ix_group_assignment_workshop_key', table_name='group_assignment')
    op.drop_column('group_assignment', 'match_key')
