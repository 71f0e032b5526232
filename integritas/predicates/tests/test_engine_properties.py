"""Hypothesis properties of the checker: monotone in the facts, consistent output."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from integritas.predicates.engine import (
    GRADES,
    OPINIONS,
    RULES,
    add_years,
    check_prerequisites,
    parse_check_input,
    result_json,
)

days = st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31))
maybe = lambda s: st.none() | s  # noqa: E731
percent = maybe(st.integers(0, 100) | st.decimals(0, 100, places=2))
predicate = st.fixed_dictionaries(
    {
        "level": st.sampled_from(["wbk", "wbbm"]),
        "granted_on": days,
        "revoked_on": maybe(st.integers(0, 3000)),
    }
)


def _predicate(raw):
    granted = raw["granted_on"]
    revoked = None if raw["revoked_on"] is None else granted + timedelta(days=raw["revoked_on"])
    return {
        "level": raw["level"],
        "granted_on": granted.isoformat(),
        "revoked_on": revoked and revoked.isoformat(),
    }


inputs = st.fixed_dictionaries({
    "level": st.sampled_from(["wbk", "wbbm"]),
    "as_of": days.map(date.isoformat),
    "institution": st.fixed_dictionaries({
        "kind": maybe(st.sampled_from(["pemda", "kl"])), "opini_bpk": maybe(st.sampled_from(OPINIONS)),
        "sakip": maybe(st.sampled_from(GRADES)), "indeks_rb": maybe(st.sampled_from(GRADES)),
        "spip_level": maybe(st.integers(1, 5)),
    }),
    "unit": st.fixed_dictionaries({
        "stranas_pk": st.booleans(), "core_service": maybe(st.booleans()),
        "significant_impact": maybe(st.booleans()), "tlhp_percent": percent, "lhkpn_percent": percent,
        "lhkasn_percent": percent, "building_since": maybe(days.map(date.isoformat)),
        "sakip_internal": maybe(st.sampled_from(GRADES)),
    }),
    "predicates": st.lists(predicate.map(_predicate), max_size=3),
})  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(inputs)
def test_output_is_consistent(data):
    result = result_json(check_prerequisites(parse_check_input(data)))
    assert list(result) == ["level", "eligible", "affirmation", "failures", "proposable_from"]
    rules = [f["rule"] for f in result["failures"]]
    assert rules == [r for r in RULES if r in rules]  # each rule once, in the contract order
    assert result["eligible"] is not any(f["blocking"] for f in result["failures"])
    assert result["affirmation"] is any(not f["blocking"] for f in result["failures"])
    if not data["unit"]["stranas_pk"]:
        assert result["affirmation"] is False
    for failure in result["failures"]:
        if failure["rule"] in ("standing_wbk", "already_holds", "revocation_bar"):
            assert failure["blocking"] is True
    date_rules = {f["rule"] for f in result["failures"] if f["blocking"]} & {
        "building_period",
        "revocation_bar",
    }
    if result["proposable_from"] is not None:
        assert date_rules
        assert result["proposable_from"] > data["as_of"]


@settings(max_examples=200, deadline=None)
@given(inputs, days, st.integers(-800, 800), st.lists(st.integers(0, 1500), max_size=3))
def test_checking_again_on_proposable_from_clears_the_date_rules(data, as_of, since, revoked_ago):
    # every date rule can clear: the building date is known, every revocation is on or before as_of
    data["as_of"] = as_of.isoformat()
    data["unit"]["building_since"] = (as_of - timedelta(days=since)).isoformat()
    data["predicates"] = [
        {
            "level": "wbk",
            "granted_on": "2010-01-01",
            "revoked_on": (as_of - timedelta(days=ago)).isoformat(),
        }
        for ago in revoked_ago
    ]
    result = result_json(check_prerequisites(parse_check_input(data)))
    if result["proposable_from"] is None:
        return
    later = dict(data, as_of=result["proposable_from"])
    again = result_json(check_prerequisites(parse_check_input(later)))
    blocking = {f["rule"] for f in again["failures"] if f["blocking"]}
    assert not blocking & {"building_period", "revocation_bar"}


@settings(max_examples=200, deadline=None)
@given(inputs, st.sampled_from(["tlhp_percent", "lhkpn_percent", "lhkasn_percent"]))
def test_raising_a_percent_to_100_never_adds_a_failure(data, key):
    before = {
        f["rule"] for f in result_json(check_prerequisites(parse_check_input(data)))["failures"]
    }
    data["unit"][key] = 100
    after = {
        f["rule"] for f in result_json(check_prerequisites(parse_check_input(data)))["failures"]
    }
    assert after <= before


@given(days, st.integers(0, 10))
def test_add_years_keeps_month_and_day_except_29_february(day, years):
    later = add_years(day, years)
    assert later.year == day.year + years and later.month == day.month
    assert later.day == day.day or (day.month, day.day, later.day) == (2, 29, 28)
