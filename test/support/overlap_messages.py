"""relcheck-overlapping-writers' messages read back as SQLAlchemy's W1
sentences, for the tests that compare the two (the fixture agreement test
and the real-world test), so both read relcheck's wording one way.

A finding's message is SQLAlchemy's sentence for its first column, maybe
"(and N more columns, in the notes)", then "; ... add overlaps="k1,k2" to
'Rel'"; each further column is a note "and <sentence>"."""

import re

RULE = "relcheck-overlapping-writers"
SENTENCE = (r"relationship '(?P<name>[^']*)' will copy column \S+ to column "
            r"\S+, which conflicts with relationship\(s\): ")
_MESSAGE_RE = re.compile(
    r"^(?P<sentence>" + SENTENCE + r"[^;]*?)"
    r"(?: \(and \d+ more columns?, in the notes\))?"
    r"(?:;(?:.*?add overlaps=\"(?P<keys>[^\"]*)\" to '[^']*')?.*)?$", re.S)
_NOTE_RE = re.compile(r"^and (?P<sentence>" + SENTENCE + r".*)$", re.S)


class UnknownForm(Exception):
    pass


def sentences(finding):
    """[(relationship, sentence)] of one finding, its message's then its
    notes'; raises UnknownForm when the message is not the rule's."""
    match = _MESSAGE_RE.match(finding.get("message", ""))
    if not match:
        raise UnknownForm(finding.get("message", ""))
    found = [(match["name"], match["sentence"])]
    for note in finding.get("related") or []:
        more = _NOTE_RE.match(note.get("message", ""))
        if more:
            found.append((more["name"], more["sentence"]))
    return found


def overlaps_keys(finding):
    """The overlaps= keys the finding proposes, as a set (empty if none)."""
    match = _MESSAGE_RE.match(finding.get("message", ""))
    return set(match["keys"].split(",")) if match and match["keys"] else set()
