"""python_udfs.learning_stats against values computed once with scipy 1.17 (written in, not imported)."""

import pytest

from python_udfs import learning_stats as st

TOL = 1e-9


def test_student_t_tail_matches_scipy():
    assert st.student_t_sf(2.0, 10) == pytest.approx(0.03669401738537018, abs=TOL)   # t.sf(2, 10)
    assert st.student_t_sf(-1.3, 3.7) == pytest.approx(0.8656666379136863, abs=TOL)  # t.sf(-1.3, 3.7)


def test_chi_square_tail_matches_scipy():
    assert st.chi_square_sf(3.841459, 1) == pytest.approx(0.04999999465319563, abs=TOL)
    assert st.chi_square_sf(10.5, 3) == pytest.approx(0.014760897143990665, abs=TOL)
    assert st.chi_square_sf(0.2, 2) == pytest.approx(0.9048374180359595, abs=TOL)


def test_two_proportion_z_test_45_of_100_against_60_of_100():
    result = st.two_proportion_z_test(45, 100, 60, 100)
    assert result["z"] == pytest.approx(2.1239769762143657, abs=TOL)
    assert result["p_value"] == pytest.approx(0.033672068856345855, abs=TOL)  # 2 * norm.sf(z)


def test_two_proportion_z_test_without_variance_has_no_evidence():
    assert st.two_proportion_z_test(0, 10, 0, 10)["p_value"] == 1.0
    assert st.two_proportion_z_test(0, 0, 3, 10)["p_value"] == 1.0


def test_welch_t_test_matches_scipy_ttest_ind_unequal_variances():
    a = [0.2, 0.5, 0.9, 0.4, 0.7, 0.65]
    b = [0.8, 0.95, 0.7, 0.9, 0.85, 0.99, 0.75]
    mean = lambda xs: sum(xs) / len(xs)  # noqa: E731
    var = lambda xs: sum((x - mean(xs)) ** 2 for x in xs) / (len(xs) - 1)  # noqa: E731
    result = st.welch_t_test(mean(a), var(a), len(a), mean(b), var(b), len(b))
    assert result["t"] == pytest.approx(2.687076094551641, abs=1e-9)
    assert result["df"] == pytest.approx(6.574222556975725, abs=1e-9)
    assert result["p_value"] == pytest.approx(0.03312810490179631, abs=1e-9)


def test_sample_ratio_mismatch_matches_scipy_chisquare():
    balanced = st.sample_ratio_mismatch([520, 480], [50, 50])
    assert balanced["chi_square"] == pytest.approx(1.6) and balanced["p_value"] == pytest.approx(0.20590321073206466)
    broken = st.sample_ratio_mismatch([5300, 4700], [50, 50])
    assert broken["chi_square"] == pytest.approx(36.0)
    assert broken["p_value"] == pytest.approx(1.9731752900753933e-09, rel=1e-6)
    uneven = st.sample_ratio_mismatch([2100, 7900], [20, 80])
    assert uneven["p_value"] == pytest.approx(0.01241933065155227, abs=TOL)


def test_sample_ratio_mismatch_units_in_an_arm_planned_empty():
    assert st.sample_ratio_mismatch([3, 10], [0, 100])["p_value"] == 0.0


def test_chance_to_beat_matches_numerical_integration():
    # scipy: quad(lambda x: beta(1+sb, 1+nb-sb).pdf(x) * beta(1+sa, 1+na-sa).cdf(x), 0, 1)
    assert st.chance_to_beat(10, 50, 15, 50) == pytest.approx(0.8721142007283471, abs=1e-9)
    assert st.chance_to_beat(40, 100, 50, 100) == pytest.approx(0.9214262485064179, abs=1e-9)
    assert st.chance_to_beat(3, 10, 3, 10) == pytest.approx(0.5, abs=1e-9)


def test_chance_to_beat_normal_approximation_for_large_counts():
    assert st.chance_to_beat(2500, 10000, 2600, 10000) == pytest.approx(0.9476211838417758, abs=1e-4)


def test_msprt_p_value_is_one_below_the_minimum_sample():
    assert st.msprt_p_value(0, 10, 10, 10) == 1.0


def test_msprt_p_value_by_hand():
    # 30/100 against 50/100, tau2 = 0.01, diff = 0.2; variance from the Laplace-smoothed rates 31/102
    # and 51/102: V = 0.00211553 + 0.0025 = 0.00461553; log Lambda = 0.5 ln(V / (V + tau2))
    # + tau2 diff^2 / (2 V (V + tau2)) = -0.576329 + 2.964787 = 2.388459; p = exp(-2.388459).
    assert st.msprt_p_value(30, 100, 50, 100) == pytest.approx(0.0917710, abs=1e-6)


def test_msprt_p_value_sees_all_failures_against_all_successes():
    assert st.msprt_p_value(0, 40, 40, 40) < 1e-100
    assert st.msprt_p_value(0, 40, 0, 40) == 1.0


def test_always_valid_p_value_keeps_the_running_minimum():
    assert st.always_valid_p_value(0.01, 30, 100, 31, 100) == 0.01
    assert st.always_valid_p_value(None, 30, 100, 50, 100) == pytest.approx(0.0917710, abs=1e-6)
