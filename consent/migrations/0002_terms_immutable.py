"""
Terms versions are immutable in the database itself: pitches and grants point at the version
they were agreed under, and a grant's snapshot hashes it. The app never updates a terms row (a
change is a new version: actors.services.listings.terms_create_version), so the database
refuses any UPDATE that names a column of what a version states. Only ``created_by`` may change
(Django sets it to NULL if an account row is ever removed). DELETE stays possible for rows
nothing refers to: pitches and grants hold theirs with PROTECT.

Hand-written SQL, one trigger per backend; ``0001_initial`` stays as makemigrations writes it.
"""

from django.db import migrations

COLUMNS = [
    "listing_id",
    "version",
    "created_at",
    "use_types",
    "genres",
    "formats",
    "red_lines",
    "red_line_terms",
    "training_data_mining",
    "training_ai_inference",
    "training_ai_generative_training",
    "training_ai_training",
    "training_notes",
    "territories",
    "max_term_months",
    "fee_floor",
    "currency",
    "response_window_hours",
    "has_counsel",
    "has_union_representation",
]
MESSAGE = "actors_terms rows are immutable: publish a new terms version instead"

POSTGRES_FORWARD = [
    f"""
    CREATE OR REPLACE FUNCTION actors_terms_refuse_update() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'restrict_violation';
    END;
    $$ LANGUAGE plpgsql
    """,
    "DROP TRIGGER IF EXISTS actors_terms_immutable ON actors_terms",
    f"""
    CREATE TRIGGER actors_terms_immutable
    BEFORE UPDATE OF {", ".join(COLUMNS)} ON actors_terms
    FOR EACH ROW EXECUTE FUNCTION actors_terms_refuse_update()
    """,
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS actors_terms_immutable ON actors_terms",
    "DROP FUNCTION IF EXISTS actors_terms_refuse_update()",
]
SQLITE_FORWARD = [
    "DROP TRIGGER IF EXISTS actors_terms_immutable",
    f"""
    CREATE TRIGGER actors_terms_immutable
    BEFORE UPDATE OF {", ".join(COLUMNS)} ON actors_terms
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END
    """,
]
SQLITE_BACKWARD = ["DROP TRIGGER IF EXISTS actors_terms_immutable"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("actors", "0002_search_indexes"),
        ("consent", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        ),
    ]
