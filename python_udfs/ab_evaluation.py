"""One hourly look at a prompt A/B test: the arms' metrics, the checks and the decision.

Input: the arms' sums from one SQL aggregate (evaluate_ab_tests) and the test's settings; output:
the two metrics objects, the p-value that decides (always-valid, so hourly looks are safe) and
what to do. Pure stdlib, called by PL/Python or by the sidecar.

Rules (the numbers live here, once):
- sample-ratio mismatch: chi-square of the exposures against the planned split; p < 0.001 (the
  threshold GrowthBook and Statsig use) pauses the test: the assignment, not the prompt, is broken;
- winner: both arms have at least min_sample_size judged executions and the always-valid mSPRT
  p-value of the success rates is at most significance_level; the arm with the higher rate wins;
- a test past max_duration_days without a winner ends without one.
The reason of a decision is an English template with its arguments ({text, args}); the database
words it in English and French (private.ui_text in apply_ab_look: the French is the dictionary's).
"""

from __future__ import annotations

from . import learning_stats as st

SRM_P_THRESHOLD = 0.001
# Chi-square needs enough units: below this many exposures in all, the SRM check waits.
SRM_MIN_EXPOSURES = 50
# The reasons of a decision, English templates: their French is the dictionary's (db/seeds/ui_texts.sql).
REASONS = {
    "pause": "sample ratio mismatch: %1$s control / %2$s treatment units against a planned %3$s/%4$s split "
             "(chi-square p = %5$s < %6$s)",
    "treatment_wins": "treatment wins: always-valid p = %1$s <= %2$s",
    "control_wins": "control wins: always-valid p = %1$s <= %2$s",
    "end": "max_duration_days reached without a significant winner",
}


def arm_metrics(arm: dict) -> dict:
    """Success rate and mean quality of one arm, each with its count, from SQL's sums."""
    judged = int(arm.get("judged") or 0)
    successes = int(arm.get("successes") or 0)
    quality_n = int(arm.get("quality_n") or 0)
    quality_sum = float(arm.get("quality_sum") or 0)
    quality_sq = float(arm.get("quality_sq_sum") or 0)
    mean = quality_sum / quality_n if quality_n else None
    variance = ((quality_sq - quality_n * mean * mean) / (quality_n - 1)) if quality_n > 1 else None
    return {
        "exposures": int(arm.get("exposures") or 0),
        "judged": judged,
        "successes": successes,
        "success_rate": round(successes / judged, 6) if judged else None,
        "quality_n": quality_n,
        "mean_quality": round(mean, 6) if mean is not None else None,
        "quality_variance": round(max(variance, 0.0), 6) if variance is not None else None,
    }


def evaluate(test: dict) -> dict:
    """Decide one look. `test`: {control, treatment (arm sums), control_share, treatment_share,
    min_sample_size, significance_level, previous_p (the running always-valid p or null), expired}."""
    control, treatment = arm_metrics(test["control"]), arm_metrics(test["treatment"])
    alpha = float(test.get("significance_level") or 0.05)
    min_sample = int(test.get("min_sample_size") or 100)

    exposures = [control["exposures"], treatment["exposures"]]
    if sum(exposures) >= SRM_MIN_EXPOSURES:
        srm = st.sample_ratio_mismatch(exposures, [float(test["control_share"]), float(test["treatment_share"])])
    else:
        srm = {"chi_square": None, "p_value": None}
    z = st.two_proportion_z_test(control["successes"], control["judged"], treatment["successes"], treatment["judged"])
    if control["quality_n"] > 1 and treatment["quality_n"] > 1:
        welch = st.welch_t_test(control["mean_quality"], control["quality_variance"], control["quality_n"],
                                treatment["mean_quality"], treatment["quality_variance"], treatment["quality_n"])
    else:
        welch = {"t": None, "df": None, "p_value": None}
    previous = test.get("previous_p")
    sequential_p = st.always_valid_p_value(None if previous is None else float(previous),
                                           control["successes"], control["judged"],
                                           treatment["successes"], treatment["judged"])
    beat = st.chance_to_beat(control["successes"], control["judged"], treatment["successes"], treatment["judged"])

    comparison = {
        "sequential_p_value": round(sequential_p, 6),
        "z_test_p_value": round(z["p_value"], 6),
        "welch_p_value": None if welch["p_value"] is None else round(welch["p_value"], 6),
        "srm_chi_square": None if srm["chi_square"] is None else round(srm["chi_square"], 6),
        "srm_p_value": None if srm["p_value"] is None else round(srm["p_value"], 9),
        "chance_to_beat_control": round(beat, 6),
    }
    decision, winner, reason = "continue", None, None
    enough = control["judged"] >= min_sample and treatment["judged"] >= min_sample
    if srm["p_value"] is not None and srm["p_value"] < SRM_P_THRESHOLD:
        decision = "pause"
        reason = _reason("pause", exposures[0], exposures[1], test["control_share"], test["treatment_share"],
                         f"{srm['p_value']:.2e}", SRM_P_THRESHOLD)
    elif enough and sequential_p <= alpha and control["success_rate"] != treatment["success_rate"]:
        decision = "winner"
        winner = "treatment" if treatment["success_rate"] > control["success_rate"] else "control"
        reason = _reason(f"{winner}_wins", f"{sequential_p:.4f}", alpha)
    elif test.get("expired"):
        decision = "end"
        reason = _reason("end")
    return {"control_metrics": control, "treatment_metrics": treatment | comparison,
            "statistical_significance": round(sequential_p, 5), "decision": decision, "winner": winner,
            "reason": reason}


def _reason(code: str, *args) -> dict:
    """A decision's reason: its English template (REASONS) and the arguments, as text."""
    return {"text": REASONS[code], "args": [str(a) for a in args]}
