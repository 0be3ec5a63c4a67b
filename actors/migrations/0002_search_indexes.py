"""
Indexes for the directory search (actors/selectors.py), PostgreSQL only; SQLite needs none of
them for its substring fallback, so there these operations do nothing.

Their expressions must stay identical to the selector's SQL, or PostgreSQL will not use them:
- ``search_grams @> '[...]'``: CJK unigrams/bigrams, GIN ``jsonb_path_ops`` (a two-character
  name is below pg_trgm's three-character floor);
- ``search_english @@ plainto_tsquery(...)``: English words. ``search_english`` is a stored
  column generated from ``search_text``: the selector's text test ORs a trigram ``LIKE`` with
  full-text, so PostgreSQL rechecks matched rows, and ``to_tsvector()`` per row made a broad
  word cost 600 ms over 100,000 actors; read from the row it costs next to nothing. It is not
  a model field (SQLite has no tsvector), so Django neither reads nor writes it;
- ``search_text LIKE '%...%'``: trigram GIN for partial Latin names and long CJK runs;
- newest first among visible listings, a partial b-tree the default order walks and stops.
  It carries the profile filters' columns, so counting a filter that matches fewer than the
  cap (which must look at every listing) reads this narrow index, not the wide table: 10 ms
  instead of a 90 ms sequential scan at 100,000 actors.

They are not in ``Meta.indexes`` because Django cannot express a GIN index without
``django.contrib.postgres`` and the project must run a fresh checkout on SQLite.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS listing_search_grams_gin ON actors_listing "
    "USING gin (search_grams jsonb_path_ops)",
    "ALTER TABLE actors_listing ADD COLUMN IF NOT EXISTS search_english tsvector "
    "GENERATED ALWAYS AS (to_tsvector('english'::regconfig, search_text)) STORED",
    "CREATE INDEX IF NOT EXISTS listing_search_english_gin ON actors_listing "
    "USING gin (search_english)",
    "CREATE INDEX IF NOT EXISTS listing_search_trgm_gin ON actors_listing "
    "USING gin (search_text gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS listing_directory_newest_idx ON actors_listing "
    "(listed_at DESC, id DESC) INCLUDE (status, current_terms_id, verified_at, playing_age_min, "
    "playing_age_max, gender, location, languages) WHERE status IN ('listed', 'paused')",
]
# pg_trgm stays: dropping an extension other tables may use is not this migration's call.
BACKWARD = [
    "DROP INDEX IF EXISTS listing_directory_newest_idx",
    "DROP INDEX IF EXISTS listing_search_trgm_gin",
    "DROP INDEX IF EXISTS listing_search_english_gin",
    "ALTER TABLE actors_listing DROP COLUMN IF EXISTS search_english",
    "DROP INDEX IF EXISTS listing_search_grams_gin",
]


def _run_on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("actors", "0001_initial")]

    operations = [
        migrations.RunPython(_run_on_postgresql(FORWARD), _run_on_postgresql(BACKWARD)),
    ]
