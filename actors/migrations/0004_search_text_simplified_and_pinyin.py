"""
Rewrite the stored search text of every listing and opt-out: it now holds Simplified
characters (Traditional folded in by OpenCC), no Latin accents or tone marks, and the pinyin
of the name (actors/search.py). Rows written before would not be found by pinyin or in the
other script. Batched, so a large directory is not held in memory at once.
"""

from django.db import migrations

BATCH = 2000


def _rewrite(model, fields):
    from actors.search import listing_search_fields

    class _Probe:
        def __init__(self, row):
            for field in ("stage_name", "headline", "bio", "skills", "credits"):
                setattr(self, field, getattr(row, field, ""))

    def run(apps, schema_editor):
        rows = apps.get_model("actors", model).objects.only("pk", *fields).order_by("pk")
        batch = []
        for row in rows.iterator(chunk_size=BATCH):
            if model == "OptOut":
                row.stage_name = row.public_name
            row.search_text, row.search_grams = listing_search_fields(_Probe(row))
            batch.append(row)
            if len(batch) >= BATCH:
                rows.model.objects.bulk_update(batch, ["search_text", "search_grams"])
                batch = []
        if batch:
            rows.model.objects.bulk_update(batch, ["search_text", "search_grams"])

    return run


class Migration(migrations.Migration):
    dependencies = [("actors", "0003_text_limits")]

    operations = [
        migrations.RunPython(
            _rewrite("Listing", ["stage_name", "headline", "bio", "skills", "credits"]),
            migrations.RunPython.noop,
            elidable=True,
        ),
        migrations.RunPython(
            _rewrite("OptOut", ["public_name"]), migrations.RunPython.noop, elidable=True
        ),
    ]
