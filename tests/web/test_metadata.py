"""metadata.yml and the serve command line, checked without a server (issue #7 items 1, 8, 9)."""
from __future__ import annotations

import yaml
from datasette.app import SETTINGS

from archive.schema import TABLES
from frontdoor.serve import METADATA, datasette_args, settings

META = yaml.safe_load(METADATA.read_text())
DB = META["databases"]["archive"]


def test_every_table_and_column_of_the_schema_has_a_description():
    missing = []
    for table, spec in TABLES.items():
        meta = DB["tables"].get(table) or {}
        if not (meta.get("description") or "").strip():
            missing.append(table)
        for column in spec["columns"]:
            if not str((meta.get("columns") or {}).get(column) or "").strip():
                missing.append(f"{table}.{column}")
    assert not missing, f"add descriptions to metadata.yml for: {', '.join(missing)}"


def test_metadata_describes_no_table_or_column_the_schema_lacks():
    stale = [t for t in DB["tables"] if t not in TABLES]
    stale += [f"{t}.{c}" for t, m in DB["tables"].items() if t in TABLES
              for c in (m.get("columns") or {}) if c not in TABLES[t]["columns"]]
    assert not stale, f"metadata.yml describes what archive/schema.py does not declare: {stale}"


def test_licences_sources_and_queries_are_documented():
    assert "Open Government Licence" in META["license"] and "MIT" in META["license"]
    for key in ("license_url", "source", "source_url", "about", "about_url", "title", "description_html"):
        assert META.get(key), key
    for name, query in DB["queries"].items():
        assert query.get("title") and query.get("description"), name


def test_facets_and_sorts_name_real_columns():
    for table, meta in DB["tables"].items():
        columns = TABLES[table]["columns"]
        for facet in meta.get("facets", []):
            column = facet if isinstance(facet, str) else next(iter(facet.values()))
            assert column in columns, (table, facet)
        for key in ("sort", "sort_desc", "label_column"):
            if key in meta:
                assert meta[key] in columns, (table, key)


def test_command_line_has_limits_templates_plugins_and_is_not_immutable(tmp_path):
    args = datasette_args(tmp_path / "archive.db", 8123)
    joined = " ".join(args)
    for flag in ("--metadata", "--template-dir", "--plugins-dir", "--static"):
        assert flag in args, flag
    assert "-i" not in args and "--immutable" not in args and "--cors" not in args
    assert "sql_time_limit_ms" in joined and "max_returned_rows" in joined
    for name in settings():
        assert name in {s.name for s in SETTINGS}, f"web/settings.yml: {name} is not a Datasette setting"
    assert 0 < settings()["sql_time_limit_ms"] <= 5000
    assert "secret" not in joined.lower()
