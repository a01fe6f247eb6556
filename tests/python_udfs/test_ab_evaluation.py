"""python_udfs.ab_evaluation: one look's decision, and the simulation behind "peeking-safe"."""

import random
import re

from ui_texts import worded

from python_udfs import ab_evaluation as ab
from python_udfs import learning_stats as st


def arm(exposures, judged, successes):
    return {"exposures": exposures, "judged": judged, "successes": successes,
            "quality_n": judged, "quality_sum": float(successes), "quality_sq_sum": float(successes)}


def look(control, treatment, **settings):
    return {"control": control, "treatment": treatment, "control_share": 50, "treatment_share": 50,
            "min_sample_size": 100, "significance_level": 0.05, "previous_p": None, "expired": False} | settings


def test_clear_difference_with_enough_samples_names_the_treatment_winner():
    result = ab.evaluate(look(arm(300, 300, 120), arm(300, 300, 190)))
    assert result["decision"] == "winner" and result["winner"] == "treatment"
    assert result["reason"]["text"] == ab.REASONS["treatment_wins"] and result["reason"]["args"][1] == "0.05"
    assert result["statistical_significance"] <= 0.05
    assert result["treatment_metrics"]["chance_to_beat_control"] > 0.99
    assert result["control_metrics"]["success_rate"] == 0.4 and result["control_metrics"]["judged"] == 300


def test_a_significant_difference_below_min_sample_size_does_not_conclude():
    result = ab.evaluate(look(arm(90, 90, 20), arm(90, 90, 70)))
    assert result["decision"] == "continue" and result["winner"] is None


def test_sample_ratio_mismatch_pauses_with_a_bilingual_reason():
    result = ab.evaluate(look(arm(700, 300, 150), arm(300, 300, 200)))
    assert result["decision"] == "pause"
    assert result["treatment_metrics"]["srm_p_value"] < ab.SRM_P_THRESHOLD
    reason = result["reason"]  # an English template and its arguments; the database words it in French
    assert reason["text"] == ab.REASONS["pause"]
    assert reason["args"][:4] == ["700", "300", "50", "50"] and reason["args"][5] == "0.001"
    assert float(reason["args"][4]) < ab.SRM_P_THRESHOLD


def test_expired_test_without_winner_ends():
    result = ab.evaluate(look(arm(200, 200, 100), arm(200, 200, 101), expired=True))
    assert result["decision"] == "end" and result["winner"] is None
    assert result["reason"] == {"text": ab.REASONS["end"], "args": []}


def test_quality_means_get_a_welch_p_value():
    control = {"exposures": 50, "judged": 50, "successes": 25, "quality_n": 50, "quality_sum": 30.0,
               "quality_sq_sum": 20.0}
    result = ab.evaluate(look(control, control))
    assert result["treatment_metrics"]["welch_p_value"] == 1.0
    assert result["control_metrics"]["mean_quality"] == 0.6


def test_the_winner_rule_is_the_sequential_p_value_at_min_sample_size():
    # The simulation below applies this rule directly (evaluate() per look is too slow for 50 000 looks).
    result = ab.evaluate(look(arm(100, 100, 30), arm(100, 100, 50)))
    assert result["treatment_metrics"]["sequential_p_value"] == round(st.msprt_p_value(30, 100, 50, 100), 6)
    assert result["decision"] == "continue", "p = 0.09 > 0.05 although the z-test p is 0.004"
    assert result["treatment_metrics"]["z_test_p_value"] < 0.01


def simulate(tests, hours, units_per_hour, rate_a, rate_b, seed, naive=False):
    """Share of tests that declare a winner when evaluated every hour, as evaluate_ab_tests does."""
    rng = random.Random(seed)
    winners = 0
    for _ in range(tests):
        sa = na = sb = nb = 0
        previous = None
        for _ in range(hours):
            for _ in range(units_per_hour):
                if rng.random() < 0.5:
                    na += 1
                    sa += rng.random() < rate_a
                else:
                    nb += 1
                    sb += rng.random() < rate_b
            if naive:  # the fixed-horizon z-test, peeked at every hour
                p = st.two_proportion_z_test(sa, na, sb, nb)["p_value"]
                if min(na, nb) >= 100 and p <= 0.05:
                    winners += 1
                    break
            else:  # evaluate()'s winner rule: both arms at min_sample_size, always-valid p <= alpha
                previous = st.always_valid_p_value(previous, sa, na, sb, nb)
                if min(na, nb) >= 100 and previous <= 0.05:
                    winners += 1
                    break
    return winners / tests


def test_hourly_looks_at_aa_tests_keep_false_winners_at_most_alpha():
    # 300 A/A tests, a week of hourly looks, 12 units an hour: the always-valid p-value keeps the
    # false-winner rate under alpha = 0.05, while the naive z-test peeked at hourly exceeds it.
    assert simulate(300, 168, 12, 0.3, 0.3, seed=7) <= 0.05
    assert simulate(300, 168, 12, 0.3, 0.3, seed=7, naive=True) > 0.10


def test_hourly_looks_still_find_a_real_improvement():
    assert simulate(100, 168, 12, 0.3, 0.45, seed=11) >= 0.9


def test_every_reason_has_its_verified_french_in_the_dictionary(conn):
    """Each reason template is worded in French by the dictionary (db/seeds/ui_texts.sql): a template
    edited here without its French row would reach a French reader in English."""
    for code, template in ab.REASONS.items():
        english, french = worded(conn, template)
        assert set(re.findall(r"<(\d)>", french)) == set(re.findall(r"<(\d)>", english)), code
