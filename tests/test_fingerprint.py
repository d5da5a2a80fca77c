"""Fingerprints change exactly when the data a page shows changes."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from dataclasses import dataclass, field

import pytest

from generator.fingerprint import Fingerprinter
from tests import factories as f


def test_equal_data_gives_equal_fingerprints_across_instances() -> None:
    assert Fingerprinter().of(f.incident(1)) == Fingerprinter().of(f.incident(1))


def test_any_field_change_changes_the_fingerprint() -> None:
    base = f.incident(1, updates=(f.note("n1", 1, "text"),))
    changed = [
        dataclasses.replace(base, title="Other"),
        dataclasses.replace(base, updates=(f.note("n1", 1, "text!"),)),
        dataclasses.replace(base, declared_at=f.at(2)),
        dataclasses.replace(base, postmortem=f.postmortem(1)),
    ]
    digests = {Fingerprinter().of(item) for item in [base, *changed]}
    assert len(digests) == 5


def test_stable_across_processes_unlike_hash() -> None:
    code = (
        "from generator.fingerprint import Fingerprinter; from tests import factories as f; "
        "print(Fingerprinter().of(f.incident(3)))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed, "PYTHONPATH": "."},
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1 and Fingerprinter().of(f.incident(3)) + "\n" in outputs


@dataclass(eq=False)
class Member:
    url: str
    label: str
    group: Group | None = None


@dataclass(eq=False)
class Group:
    url: str
    title: str
    members: list[Member] = field(default_factory=list)


def group(title: str = "G", labels: tuple[str, ...] = ("a", "b", "c")) -> Group:
    made = Group("g/", title)
    for label in labels:
        made.members.append(Member(f"{label}/", label, made))
    return made


REFERENCES = {Member: frozenset({"group"})}


def test_back_references_give_one_digest_whatever_the_walk_order() -> None:
    first, second = group(), group()
    forward = Fingerprinter(reference_fields=REFERENCES)
    backward = Fingerprinter(reference_fields=REFERENCES)
    digests_forward = [forward.of(member) for member in first.members] + [forward.of(first)]
    digests_backward = [backward.of(second)] + [backward.of(member) for member in reversed(second.members)]
    assert digests_forward == [*reversed(digests_backward[1:]), digests_backward[0]]


def test_a_change_anywhere_in_the_group_changes_every_members_digest() -> None:
    before = group()
    after = group(labels=("a", "b", "c-renamed"))
    renamed = group(title="G2")
    fingerprints = Fingerprinter(reference_fields=REFERENCES)
    assert fingerprints.of(before.members[0]) != fingerprints.of(after.members[0])
    assert fingerprints.of(before.members[0]) != fingerprints.of(renamed.members[0])


def test_an_undeclared_cycle_is_an_error_not_an_order_dependent_key() -> None:
    with pytest.raises(TypeError, match="refers back to itself"):
        Fingerprinter().of(group())


def test_properties_are_not_part_of_the_fingerprint() -> None:
    @dataclass
    class WithProperty:
        source: str

        @property
        def html(self) -> str:
            raise AssertionError("a fingerprint must not compute derived values")

    assert Fingerprinter().of(WithProperty("x"))


@dataclass(frozen=True)
class _Soon:
    at: int
    count: int


@dataclass(frozen=True)
class _Holder:
    name: str
    soon: _Soon | None
    items: tuple[object, ...] = ()


def test_a_value_that_holds_a_moving_one_is_told_also_when_its_digest_comes_from_the_memo() -> None:
    fingerprints = Fingerprinter(derived_fields={_Soon: frozenset({"count"})}, moving_types=(_Soon,))
    holder = _Holder("a", _Soon(1, 28))
    assert fingerprints.moving(holder)[1]
    assert fingerprints.moving(_Holder("outer", None, (holder,)))[1]  # the holder's digest is memoised by now
    assert fingerprints.moving(holder)[1]
    assert not fingerprints.moving(_Holder("b", None, (_Holder("c", None),)))[1]
    # Keyed by what lasts (the start), not by the count, which is derived.
    assert fingerprints.moving(_Holder("a", _Soon(1, 27)))[0] == fingerprints.moving(holder)[0]
    assert fingerprints.moving(_Holder("a", _Soon(2, 28)))[0] != fingerprints.moving(holder)[0]
