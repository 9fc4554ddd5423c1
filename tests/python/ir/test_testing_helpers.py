"""tessel.testing.expect_error: returns the expected error, fails on none, passes others on."""

import pytest

from tessel.error import InvalidArgumentError, ScheduleError, TesselError
from tessel.testing import expect_error


def _raise(err):
    raise err


def test_returns_the_raised_error():
    err = expect_error(lambda: _raise(ScheduleError("split: factor 0")), ScheduleError)
    assert isinstance(err, ScheduleError)
    assert str(err) == "split: factor 0"


def test_a_subclass_counts_and_the_default_is_the_tessel_family():
    err = expect_error(lambda: _raise(InvalidArgumentError("bad")))
    assert isinstance(err, TesselError)


def test_no_error_is_a_failure():
    with pytest.raises(AssertionError, match="expected ScheduleError, but the call returned"):
        expect_error(lambda: None, ScheduleError)


def test_another_error_propagates():
    with pytest.raises(KeyError):
        expect_error(lambda: {}["missing"], ScheduleError)
