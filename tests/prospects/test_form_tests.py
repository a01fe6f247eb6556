"""Form-test answers from real-looking raw e-mails: automatic or not (RFC 3834 headers, subjects,
in the database) and the tone of the automatic ones (the offline provider's rules)."""

import json
from datetime import timedelta

import pytest

from avenir.prospects.form_tests import parse_response, record_response

REPLIES = sorted(p for p in (__import__("pathlib").Path(__file__).parent / "data" / "replies").glob("*.eml"))
EXPECTED = json.loads((REPLIES[0].parent / "expected.json").read_text())


@pytest.mark.parametrize("path", REPLIES, ids=[p.stem for p in REPLIES])
def test_a_raw_reply_is_classified(conn, path):
    response = parse_response(path.read_bytes())
    prospect = conn.execute("insert into prospect_candidates (business_name, website) "
                            "values ('Tested Co', %s) returning id", [f"{path.stem.replace('_', '-')}.test"]).fetchone()
    test = conn.execute("select record_form_test_submission(%s, %s) as r",
                        [prospect["id"], response.received_at - timedelta(minutes=10)]).fetchone()["r"]
    submission = "Bonjour, I would like a wedding cake tasting for Saturday, flavours listed below."
    result = record_response(conn, test["form_test_id"], response, sender_name="Marie Lefebvre",
                             company="Tested Co", submission=submission)
    expected = EXPECTED[path.name]
    assert (result["has_autoresponder"], result["autoresponder_tone"]) == (expected["auto"], expected["tone"])
    assert result["response_time_minutes"] == 10
    assert 0 <= result["score"] <= 100
    stored = conn.execute("select test_status, autoresponder_content from prospect_form_tests where id = %s",
                          [test["form_test_id"]]).fetchone()
    assert stored["test_status"] == "completed"
    assert (stored["autoresponder_content"] is not None) == expected["auto"]


def test_every_reply_file_has_an_expectation():
    assert {p.name for p in REPLIES} == set(EXPECTED) and len(REPLIES) >= 8


def test_an_encoded_french_subject_is_decoded():
    response = parse_response((REPLIES[0].parent / "french_subject_only.eml").read_bytes())
    assert response.subject == "Réponse automatique : absence"
    assert "fermée" in response.body
