"""avenir prospects import: canonical keys, alias domains, sources, rejects, re-import, progress."""

import json
import os
import subprocess
import sys

from avenir.prospects.importer import import_file


def prospects(conn):
    return conn.execute("select business_name, website, contact_email, industry, region, language, metadata "
                        "from prospect_candidates order by website").fetchall()


def test_variants_of_the_same_companies_produce_zero_duplicates(conn, data_dir):
    conn.execute("delete from prospect_candidates")
    result = import_file(conn, data_dir / "variants.csv", "csv")
    assert result.summary["inserted"] == 4 and result.summary["rejected"] == 0
    assert result.summary["folded"] == 10
    rows = prospects(conn)
    assert [r["website"] for r in rows] == ["acme-dental.com", "northwind-legal.com", "plomberie-tremblay.qc.ca",
                                             "xn--caf-lune-d1a.fr"]
    acme = rows[0]
    # First-seen values are kept; later lines only fill what was empty.
    assert (acme["business_name"], acme["contact_email"], acme["language"]) == (
        "Acme Dental", "hello@acme-dental.com", "fr")
    assert rows[2]["language"] == "fr"  # "French" in the file
    domains = conn.execute("select domain from private.prospect_domains d join prospect_candidates p "
                           "on p.id = d.prospect_id where p.website = 'northwind-legal.com' order by domain").fetchall()
    assert [d["domain"] for d in domains] == ["northwind-legal.com", "northwind.legal", "northwindlaw.com"]
    assert rows[1]["contact_email"] == "contact@northwindlaw.com"


def test_reimport_of_the_same_file_changes_nothing(conn, data_dir):
    conn.execute("delete from prospect_candidates")
    import_file(conn, data_dir / "variants.csv", "csv")
    before = conn.execute("select id, updated_at, metadata from prospect_candidates order by id").fetchall()
    again = import_file(conn, data_dir / "variants.csv", "csv").summary
    assert (again["inserted"], again["updated"], again["unchanged"]) == (0, 0, 4)
    assert conn.execute("select id, updated_at, metadata from prospect_candidates order by id").fetchall() == before


def test_a_later_import_with_an_alias_domain_updates_the_same_prospect(conn, data_dir, tmp_path):
    conn.execute("delete from prospect_candidates")
    import_file(conn, data_dir / "variants.csv", "csv")
    later = tmp_path / "later.jsonl"
    later.write_text(json.dumps({"name": "Northwind LLP", "website": "northwindlaw.com",
                                 "linkedin_url": "linkedin.com/company/northwind", "summary": "Law firm"}) + "\n")
    summary = import_file(conn, later, "pdl").summary
    assert (summary["inserted"], summary["updated"]) == (0, 1)
    row = conn.execute("select business_name, metadata from prospect_candidates "
                       "where website = 'northwind-legal.com'").fetchone()
    assert row["business_name"] == "Northwind Legal"  # first seen kept
    assert set(row["metadata"]["sources"]) == {"csv", "pdl"}
    assert row["metadata"]["sources"]["pdl"]["fields"]["linkedin_url"] == "linkedin.com/company/northwind"
    assert conn.execute("select count(*) as n from prospect_candidates").fetchone()["n"] == 4


def test_rejected_lines_have_their_number_and_reason_and_the_rest_loads(conn, data_dir):
    conn.execute("delete from prospect_candidates")
    result = import_file(conn, data_dir / "malformed.csv", "csv")
    assert result.summary["inserted"] == 2 and result.summary["rejected"] == 6
    reasons = dict(result.rejects)
    assert sorted(reasons) == [3, 4, 5, 6, 7, 8]
    assert reasons[3] == "business name is missing"
    assert reasons[4] == "website is missing"
    assert "not a website" in reasons[5] and "not a domain name" in reasons[5]
    assert "not-an-email" in reasons[6]
    assert "'de'" in reasons[7] and "en nor fr" in reasons[7]
    assert reasons[8] == "5 fields where the header has 4"


def test_each_source_shape_is_mapped_and_its_other_fields_kept(conn, data_dir):
    conn.execute("delete from prospect_candidates")
    pdl = import_file(conn, data_dir / "pdl.jsonl", "pdl")
    assert pdl.summary["inserted"] == 2
    assert sorted(r for r, _ in pdl.rejects) == [2, 3]
    import_file(conn, data_dir / "apollo.csv", "apollo")
    import_file(conn, data_dir / "google_places.jsonl", "google_places")
    rows = {r["website"]: r for r in prospects(conn)}
    clinic = rows["clinique-parc.ca"]
    assert (clinic["industry"], clinic["region"]) == ("medical practice", "quebec")
    assert clinic["metadata"]["sources"]["pdl"]["fields"]["linkedin_url"] == "linkedin.com/company/clinique-parc"
    assert clinic["metadata"]["description"] == "Family dental clinic"
    first_seen = clinic["metadata"]["sources"]["pdl"]["first_seen"]
    assert first_seen == clinic["metadata"]["sources"]["pdl"]["last_seen"]
    studio = rows["studio-martin.com"]
    assert (studio["business_name"], studio["contact_email"], studio["region"]) == (
        "Studio Martin", "sophie@studio-martin.com", "Quebec")
    apollo_fields = studio["metadata"]["sources"]["apollo"]["fields"]
    assert apollo_fields["Company Linkedin Url"] == "linkedin.com/company/studio-martin"
    bakery = rows["boulangerie-tremblay.ca"]
    assert (bakery["business_name"], bakery["industry"], bakery["language"]) == ("Boulangerie Tremblay", "bakery", "fr")
    assert bakery["metadata"]["sources"]["google_places"]["fields"]["rating"] == 4.7
    alias = conn.execute("select p.website from private.prospect_domains d join prospect_candidates p "
                         "on p.id = d.prospect_id where d.domain = 'cliniqueparc.com'").fetchone()
    assert alias["website"] == "clinique-parc.ca"


def test_cli_prints_progress_counts_and_rejects_for_a_large_file(db_url, tmp_path):
    big = tmp_path / "big.csv"
    with big.open("w") as f:
        f.write("business_name,website,contact_email,industry\n")
        for i in range(25_000):
            f.write(f"Company {i},https://www.cli-import-{i}.test/,info@cli-import-{i}.test,Industry {i % 12}\n")
        f.write("Broken,not a site,,\n")
    env = {**os.environ, "AVENIR_DB_URL": db_url}
    try:
        run = subprocess.run([sys.executable, "-m", "avenir.cli", "prospects", "import", str(big)],
                             capture_output=True, text=True, env=env, timeout=300)
        assert run.returncode == 0, run.stderr
        assert "10,000 lines read" in run.stderr and "20,000 lines read" in run.stderr
        assert "25001 lines, 25000 inserted, 0 updated, 0 unchanged, 1 rejected" in run.stdout
        assert "line 25002: website 'not a site' is not a domain name" in run.stdout
        again = subprocess.run([sys.executable, "-m", "avenir.cli", "prospects", "import", str(big), "--json",
                                "--quiet"], capture_output=True, text=True, env=env, timeout=300)
        summary = json.loads(again.stdout)
        assert (summary["inserted"], summary["updated"], summary["unchanged"]) == (0, 0, 25_000)
        assert summary["rejects"] == [{"line": 25002, "reason": "website 'not a site' is not a domain name"}]
        assert again.stderr == ""
    finally:
        import psycopg

        with psycopg.connect(db_url) as c:
            c.execute("delete from prospect_candidates where website like 'cli-import-%'")
