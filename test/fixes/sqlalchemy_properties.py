#!/usr/bin/python3
"""Configures a rendered SQLAlchemy module and prints every configured
relationship property, for comparing a model before and after a fix.

Run with Debian's /usr/bin/python3 (python3-sqlalchemy 1.4), once per module
in a fresh interpreter (configuration state is process-global).

Prints one JSON object: {"error": null | "Type: message",
"warnings": [sorted messages], "properties": {"Class.key": {...}}}.
Attribute order is not compared: §6.4 of the semantics notes lists it among
what an exact rewrite changes.
"""
import json
import sys
import re
import warnings


def text(value):
    return None if value is None else str(value)


def columns(cols):
    return sorted(str(c) for c in (cols or ()))


def pairs(items):
    return sorted("%s -> %s" % (a, b) for a, b in (items or ()))


def describe(prop):
    order_by = prop.order_by
    if order_by is not False and order_by is not None:
        order_by = [str(o) for o in order_by]
    return {
        "target": "%s.%s" % (prop.mapper.class_.__module__,
                             prop.mapper.class_.__name__),
        "direction": prop.direction.name,
        "uselist": prop.uselist,
        "lazy": text(prop.lazy),
        "primaryjoin": text(prop.primaryjoin),
        "secondaryjoin": text(prop.secondaryjoin),
        "secondary": text(getattr(prop.secondary, "name", prop.secondary)),
        "remote_side": columns(prop.remote_side),
        "local_columns": columns(prop.local_columns),
        "foreign_keys": columns(prop._calculated_foreign_keys),
        "user_foreign_keys": columns(prop._user_defined_foreign_keys),
        "local_remote_pairs": pairs(prop.local_remote_pairs),
        "synchronize_pairs": pairs(prop.synchronize_pairs),
        "secondary_synchronize_pairs": pairs(prop.secondary_synchronize_pairs),
        "back_populates": prop.back_populates,
        "reverse": sorted("%s.%s" % (r.parent.class_.__name__, r.key)
                          for r in prop._reverse_property),
        "viewonly": prop.viewonly,
        "sync_backref": prop.sync_backref,
        "cascade": sorted(prop.cascade),
        "order_by": order_by,
        "passive_deletes": prop.passive_deletes,
        "passive_updates": prop.passive_updates,
        "post_update": prop.post_update,
        "collection_class": text(getattr(prop.collection_class, "__name__",
                                         prop.collection_class)),
        "single_parent": prop.single_parent,
        "innerjoin": prop.innerjoin,
        "join_depth": prop.join_depth,
        "active_history": prop.active_history,
        "enable_typechecks": prop.enable_typechecks,
        "omit_join": prop.omit_join,
        "distinct_target_key": prop.distinct_target_key,
        "load_on_pending": prop.load_on_pending,
        "cascade_backrefs": prop.cascade_backrefs,
        "doc": prop.doc,
        "info": text(prop.info) if prop.info else None,
        "use_get": getattr(prop.strategy, "use_get", None),
    }


OVERLAP_RE = re.compile(
    r"SAWarning: relationship '(?P<name>[^']+)' will copy column (?P<src>\S+) "
    r"to column (?P<dst>\S+), which conflicts with relationship\(s\): "
    r"(?P<others>.*?)\. If this is not the intention")
OTHER_RE = re.compile(r"'(?P<name>[^']+)' \(copies (?P<src>\S+) to (?P<dst>\S+)\)")


def normalized_warnings(messages):
    """Sorted warnings, each overlap warning (relationships.py,
    _check_sync_targets_for_conflicts... "will copy column ... which
    conflicts with relationship(s)") split into the conflicting pairs it
    names, each pair once whichever side names it. SQLAlchemy reports a
    conflict from the relationship configured second; a backref's generated
    side is configured later than the explicit declaration an exact fix
    writes, so the same conflicts are reported from the other side, in
    other sentences. What a user can see, the pairs that conflict and the
    columns each copies, is what is compared."""
    out = set()
    for message in messages:
        match = OVERLAP_RE.match(message)
        if not match:
            out.add(message)
            continue
        one = "%s (copies %s to %s)" % (match["name"], match["src"], match["dst"])
        for other in OTHER_RE.finditer(match["others"]):
            two = "%s (copies %s to %s)" % (other["name"], other["src"],
                                            other["dst"])
            out.add("SAWarning: overlapping relationships: %s and %s"
                    % tuple(sorted((one, two))))
    return sorted(out)


def declarative_registries(namespace):
    """(prefix, registry) of Base and of every other declarative base the
    module defines (ORM_MODEL's base=); same-named classes of two registries
    get their base's name as prefix."""
    from sqlalchemy.orm import registry as registry_type
    found = []
    base = namespace.get("Base")
    if base is not None:
        found.append(("", base.registry))
    for name, value in sorted(namespace.items()):
        if not isinstance(value, type) or not isinstance(
                vars(value).get("registry"), registry_type):
            continue
        if not any(value.registry is known for _, known in found):
            found.append((name + ":", value.registry))
    return found


def main():
    path = sys.argv[1]
    from sqlalchemy.orm import configure_mappers
    result = {"error": None, "warnings": [], "properties": {}}
    namespace = {"__name__": "__main__", "__file__": path}
    with open(path) as handle:
        source = handle.read()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            exec(compile(source, path, "exec"), namespace)
            configure_mappers()
            mappers = [(prefix, mapper) for prefix, registry
                       in declarative_registries(namespace)
                       for mapper in registry.mappers]
            for prefix, mapper in mappers:
                cls = mapper.class_
                for prop in mapper.relationships:
                    if prop.parent is not mapper:
                        continue  # an inherited copy
                    name = "%s%s.%s.%s" % (prefix, cls.__module__,
                                           cls.__name__, prop.key)
                    result["properties"][name] = describe(prop)
        except Exception as exc:  # a refusal is data here
            result["error"] = "%s: %s" % (type(exc).__name__, exc)
    result["warnings"] = normalized_warnings(
        "%s: %s" % (w.category.__name__, w.message) for w in caught)
    print(json.dumps(result, sort_keys=True))


if __name__ == "__main__":
    main()
