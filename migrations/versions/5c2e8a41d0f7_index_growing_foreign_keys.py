"""every foreign key of a table that grows with a meeting is indexed

A row's delete sets NULL in (or deletes) the rows that refer to it. Without an index the
database scans the whole referring table once for every row deleted: deleting a workshop of
1,000 participants scanned the note table 1,000 times (4 s on SQLite with three such
workshops, the write lock held throughout, every live room's notes waiting).

Revision ID: 5c2e8a41d0f7
Revises: 75667393596b
Create Date: 2026-12-01 13:40:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '5c2e8a41d0f7'
down_revision = '75667393596b'
branch_labels = None
depends_on = None

INDEXED = [
    ('participant', 'group_id'),
    ('connection', 'group_id'),
    ('connection', 'facilitator_id'),
    ('note', 'participant_id'),
    ('note', 'facilitator_id'),
    ('note_revision', 'participant_id'),
    ('note_revision', 'facilitator_id'),
    ('change', 'group_id'),
    ('annex_point', 'question_id'),
    ('vote_point', 'question_id'),
    ('vote_point', 'group_id'),
    ('vote_point', 'annex_point_id'),
    ('dot', 'point_id'),
    ('dot', 'group_id'),
]


def upgrade():
    # Plain CREATE INDEX, never a batch copy: recreating a table on SQLite would cascade-delete
    # the rows that refer to it.
    for table, column in INDEXED:
        op.create_index(f'ix_{table}_{column}', table, [column], unique=False)


def downgrade():
    for table, column in reversed(INDEXED):
        op.drop_index(f'ix_{table}_{column}', table_name=table)
