"""Words naming a kind of person (``THUG``, ``DOORMAN``), shared by the cast finder and the
numbered-cast rule."""

from __future__ import annotations

from assistant.analysis.breakdown.lexicon import singular

ROLE_NOUNS = frozenset(
    """
man woman boy girl guy kid child person officer cop guard soldier agent thug goon henchman
gunman nurse doctor reporter waiter waitress worker student customer passenger driver technician
tech detective trooper deputy marine sailor pilot priest nun teen teenager stranger villager
clerk teller bartender attendant cashier prisoner inmate patient victim witness fan dancer
singer musician hostage robber burglar biker cowboy kidnapper mugger servant maid butler lawyer
juror judge paramedic fireman firefighter scientist engineer operator dispatcher voice caller
""".split()  # noqa: SIM905 (a word list reads better as text)
)
"""Words naming a kind of person: ``THUG 1`` and ``THUG 2`` are two extras, not one actor."""


_NOT_PEOPLE_IN_MAN = frozenset(
    """
ottoman doberman dobermann talisman snowman german roman caiman cayman walkman pullman dolman
brahman firman tasman
""".split()  # noqa: SIM905 (a word list reads better as text)
)
"""Words in -man that name a thing, an animal or a nationality, not a kind of person: ``an
OTTOMAN`` (a footstool), ``a DOBERMAN`` (a dog), ``a TALISMAN``, ``a SNOWMAN``, ``a GERMAN``
(an adjective far more often than a part)."""


def names_one_person(word: str) -> bool:
    """Whether ``word`` (any case) is a singular kind of person: a role noun or a compound in
    -man/-woman (``DOORMAN``, ``STEERSMAN``) that is no thing (``OTTOMAN``); plurals
    (``SOLDIERS``) are groups, so no."""
    lowered = word.lower()
    if lowered in ROLE_NOUNS:
        return True
    if singular(lowered) != lowered or lowered in _NOT_PEOPLE_IN_MAN:
        return False
    return len(lowered) > 5 and lowered.endswith(("man", "woman"))
