"""Tolerances of our own, as teams write them beside their experiments (a `tolerances` module
with `should_not_have_any_errors`): chaoslib passes the checked output as `value`."""


def should_not_have_any_errors(value: dict = None) -> bool:
    """True when an http probe's answer is not an error (its status is below 400)."""
    return value is not None and int(value.get("status", 500)) < 400
