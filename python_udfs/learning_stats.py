"""Statistics of the learning loop: significance tests, sample-ratio mismatch, always-valid
sequential p-values and the Bayesian chance to beat. Pure stdlib (math only), so PL/Python can
import it and the sidecar can run the same code where plpython3u is missing (Supabase, Neon).

Every function returns plain floats; the tests pin them to values computed with scipy.
"""

from __future__ import annotations

import math

# Below this many units per arm the normal approximations behind the z-test and the mSPRT are
# too rough: the sequential p-value stays 1 (no evidence yet) rather than risk a false signal.
SEQUENTIAL_MIN_UNITS = 30
# Mixing variance of the mSPRT prior on the difference of two success rates (tau = 0.1: the
# differences a prompt change plausibly makes). Larger tau detects big effects sooner, small ones later.
SEQUENTIAL_TAU2 = 0.01
# Above this many successes the exact Beta comparison sum is long; the normal approximation of
# the two Beta posteriors is then accurate to well under 0.001.
EXACT_BETA_MAX_SUCCESSES = 2000


def normal_sf(z: float) -> float:
    """P(Z > z) for a standard normal Z."""
    return 0.5 * math.erfc(z / math.sqrt(2.0))


def two_proportion_z_test(successes_a: int, n_a: int, successes_b: int, n_b: int) -> dict:
    """Pooled two-proportion z-test of p_b - p_a; two-sided p-value (1.0 when undefined)."""
    if n_a <= 0 or n_b <= 0:
        return {"z": 0.0, "p_value": 1.0}
    pooled = (successes_a + successes_b) / (n_a + n_b)
    variance = pooled * (1 - pooled) * (1 / n_a + 1 / n_b)
    if variance <= 0:
        return {"z": 0.0, "p_value": 1.0}
    z = (successes_b / n_b - successes_a / n_a) / math.sqrt(variance)
    return {"z": z, "p_value": min(1.0, 2 * normal_sf(abs(z)))}


def _betacf(a: float, b: float, x: float) -> float:
    """Continued fraction of the incomplete beta function (modified Lentz)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1, a - 1
    c, d = 1.0, 1 - qab * x / qap
    d = 1 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 300):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1 + aa * d
        d = 1 / (d if abs(d) > tiny else tiny)
        c = 1 + aa / c if abs(1 + aa / c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1 + aa * d
        d = 1 / (d if abs(d) > tiny else tiny)
        c = 1 + aa / c if abs(1 + aa / c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1) < 1e-14:
            break
    return h


def regularized_beta(a: float, b: float, x: float) -> float:
    """I_x(a, b), the regularized incomplete beta function."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    log_front = (math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
                 + a * math.log(x) + b * math.log1p(-x))
    if x < (a + 1) / (a + b + 2):
        return math.exp(log_front) * _betacf(a, b, x) / a
    return 1 - math.exp(log_front) * _betacf(b, a, 1 - x) / b


def student_t_sf(t: float, df: float) -> float:
    """P(T > t) for Student's t with df degrees of freedom."""
    tail = 0.5 * regularized_beta(df / 2, 0.5, df / (df + t * t))
    return tail if t >= 0 else 1 - tail


def welch_t_test(mean_a: float, var_a: float, n_a: int, mean_b: float, var_b: float, n_b: int) -> dict:
    """Welch's unequal-variance t-test of mean_b - mean_a from summary statistics (sample
    variances); two-sided p-value, Welch-Satterthwaite degrees of freedom."""
    if n_a < 2 or n_b < 2:
        return {"t": 0.0, "df": 0.0, "p_value": 1.0}
    se_a, se_b = var_a / n_a, var_b / n_b
    if se_a + se_b <= 0:
        return {"t": 0.0, "df": float(n_a + n_b - 2), "p_value": 1.0 if mean_a == mean_b else 0.0}
    t = (mean_b - mean_a) / math.sqrt(se_a + se_b)
    df = (se_a + se_b) ** 2 / (se_a ** 2 / (n_a - 1) + se_b ** 2 / (n_b - 1))
    return {"t": t, "df": df, "p_value": min(1.0, 2 * student_t_sf(abs(t), df))}


def _regularized_gamma_q(s: float, x: float) -> float:
    """Q(s, x) = Gamma(s, x) / Gamma(s): the chi-square survival function is Q(k/2, x/2)."""
    if x <= 0:
        return 1.0
    log_front = s * math.log(x) - x - math.lgamma(s)
    if x < s + 1:  # series for P(s, x)
        term = total = 1 / s
        k = s
        for _ in range(1000):
            k += 1
            term *= x / k
            total += term
            if abs(term) < abs(total) * 1e-15:
                break
        return 1 - total * math.exp(log_front)
    tiny = 1e-300  # continued fraction for Q(s, x)
    b = x + 1 - s
    c, d = 1 / tiny, 1 / b
    h = d
    for i in range(1, 1000):
        an = -i * (i - s)
        b += 2
        d = an * d + b
        d = 1 / (d if abs(d) > tiny else tiny)
        c = b + an / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1) < 1e-15:
            break
    return math.exp(log_front) * h


def chi_square_sf(statistic: float, df: int) -> float:
    """P(X > statistic) for a chi-square variable with df degrees of freedom."""
    return _regularized_gamma_q(df / 2, statistic / 2)


def sample_ratio_mismatch(observed: list[int], planned_shares: list[float]) -> dict:
    """Chi-square goodness of fit of the arms' unit counts against the planned traffic split
    (shares in percent or fractions). A tiny p-value means the assignment is broken."""
    total = sum(observed)
    share_sum = sum(planned_shares)
    if total == 0 or share_sum <= 0:
        return {"chi_square": 0.0, "p_value": 1.0}
    statistic = 0.0
    for count, share in zip(observed, planned_shares, strict=True):
        expected = total * share / share_sum
        if expected > 0:
            statistic += (count - expected) ** 2 / expected
        elif count > 0:  # units in an arm planned to get none
            return {"chi_square": math.inf, "p_value": 0.0}
    df = sum(1 for share in planned_shares if share > 0) - 1
    if df < 1:
        return {"chi_square": statistic, "p_value": 1.0}
    return {"chi_square": statistic, "p_value": chi_square_sf(statistic, df)}


def msprt_p_value(successes_a: int, n_a: int, successes_b: int, n_b: int,
                  tau2: float = SEQUENTIAL_TAU2) -> float:
    """One look of the mixture sequential probability ratio test (Johari, Pekelis, Walsh 2017)
    for p_b - p_a with a normal N(0, tau2) mixture: 1 / Lambda_n, capped at 1.

    The always-valid p-value of a test is the running minimum of this over all looks
    (`always_valid_p_value`); rejecting when it falls below alpha keeps the false-positive
    rate at most alpha however often one looks.
    """
    if min(n_a, n_b) < SEQUENTIAL_MIN_UNITS:
        return 1.0
    diff = successes_b / n_b - successes_a / n_a
    # The variance uses Laplace-smoothed rates ((s + 1) / (n + 2)): with all-failure against
    # all-success arms the raw estimate is 0 and would hide the strongest evidence there is.
    s_a, s_b = (successes_a + 1) / (n_a + 2), (successes_b + 1) / (n_b + 2)
    variance = s_a * (1 - s_a) / n_a + s_b * (1 - s_b) / n_b
    log_lambda = (0.5 * math.log(variance / (variance + tau2))
                  + tau2 * diff * diff / (2 * variance * (variance + tau2)))
    return 1.0 if log_lambda <= 0 else math.exp(-log_lambda)


def always_valid_p_value(previous: float | None, successes_a: int, n_a: int, successes_b: int, n_b: int,
                         tau2: float = SEQUENTIAL_TAU2) -> float:
    """The running minimum of the mSPRT p-value: this look's value or an earlier, smaller one."""
    current = msprt_p_value(successes_a, n_a, successes_b, n_b, tau2)
    return current if previous is None else min(previous, current)


def chance_to_beat(successes_a: int, n_a: int, successes_b: int, n_b: int) -> float:
    """P(p_b > p_a) under independent Beta(1 + successes, 1 + failures) posteriors (uniform
    priors). Exact (Evan Miller's closed form) for small counts, a normal approximation beyond."""
    alpha_a, beta_a = 1 + successes_a, 1 + n_a - successes_a
    alpha_b, beta_b = 1 + successes_b, 1 + n_b - successes_b
    if alpha_b - 1 <= EXACT_BETA_MAX_SUCCESSES:
        def log_beta(x: float, y: float) -> float:
            return math.lgamma(x) + math.lgamma(y) - math.lgamma(x + y)
        total = 0.0
        for i in range(int(alpha_b)):
            total += math.exp(log_beta(alpha_a + i, beta_a + beta_b) - math.log(beta_b + i)
                              - log_beta(1 + i, beta_b) - log_beta(alpha_a, beta_a))
        return min(1.0, max(0.0, total))
    def moments(alpha: float, beta: float) -> tuple[float, float]:
        mean = alpha / (alpha + beta)
        return mean, alpha * beta / ((alpha + beta) ** 2 * (alpha + beta + 1))
    mean_a, var_a = moments(alpha_a, beta_a)
    mean_b, var_b = moments(alpha_b, beta_b)
    return 1 - normal_sf((mean_b - mean_a) / math.sqrt(var_a + var_b)) if var_a + var_b > 0 else 0.5
