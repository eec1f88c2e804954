#!/usr/bin/python3
"""Configures one rendered SQLAlchemy module and reports what happened.

Run once per fixture, in a fresh interpreter: SQLAlchemy 1.4's configuration
state is process-global and a failed configure_mappers() poisons every later
one (semantics notes, section 7.2).

Prints one JSON object on the last line of stdout:
  {"sqlalchemy": "1.4.46",
   "error": null | {"phase": "class body" | "configure" | "inspection",
                    "type": "ArgumentError",
                    "module": "sqlalchemy.exc", "message": str(exc)},
   "warnings": [{"category": "SAWarning", "message": ...}],
   "relationships": [{"class": "Address", "key": "user", "target": "User",
                      "direction": "MANYTOONE", "uselist": false,
                      "back_populates": null, "generated": true,
                      "reverse": ["User.addresses"]}],
   "checks": [{"expression": ..., "ok": true, "value": "..."}]}
"""
import json
import sys
import traceback
import warnings


def describe(exc, phase):
    return {"phase": phase, "type": type(exc).__name__,
            "module": type(exc).__module__, "message": str(exc),
            "traceback": traceback.format_exc(limit=8)}


def inspect_relationships(namespace, declared):
    # Base's registry and those of the other declarative bases (base=).
    from sqlalchemy.orm import registry as registry_type
    registries = []
    for value in [namespace.get("Base")] + list(namespace.values()):
        if (isinstance(value, type)
                and isinstance(vars(value).get("registry"), registry_type)
                and not any(value.registry is r for r in registries)):
            registries.append(value.registry)
    found = []
    mappers = [m for r in registries for m in r.mappers]
    for mapper in sorted(mappers,
                         key=lambda m: (m.class_.__module__, m.class_.__name__)):
        for prop in mapper.relationships:
            if prop.parent is not mapper:
                continue  # an inherited copy
            cls = mapper.class_
            name = "%s.%s" % (cls.__module__, cls.__name__)
            found.append({
                "class": cls.__name__,
                "module": cls.__module__,
                "key": prop.key,
                "target": prop.mapper.class_.__name__,
                "direction": prop.direction.name,
                "uselist": prop.uselist,
                "back_populates": prop.back_populates,
                "viewonly": prop.viewonly,
                "generated": prop.key not in declared.get(name, ()),
                "reverse": sorted("%s.%s" % (r.parent.class_.__name__, r.key)
                                  for r in prop._reverse_property),
                "primaryjoin": str(prop.primaryjoin),
            })
    return found


def evaluate(expression, namespace):
    try:
        value = eval(expression, namespace)
    except Exception as exc:
        return {"expression": expression, "ok": False,
                "value": "%s: %s" % (type(exc).__name__, exc)}
    return {"expression": expression, "ok": bool(value), "value": repr(value)}


def main():
    path = sys.argv[1]
    declared = json.loads(sys.argv[2]) if len(sys.argv) > 2 else {}
    # Python expressions evaluated in the module after configuring (used by
    # check_rendering.py): each must be true.
    expressions = json.loads(sys.argv[3]) if len(sys.argv) > 3 else []
    import sqlalchemy
    from sqlalchemy.orm import configure_mappers
    result = {"sqlalchemy": sqlalchemy.__version__, "error": None,
              "warnings": [], "relationships": [], "checks": []}
    namespace = {"__name__": "__main__", "__file__": path}
    with open(path) as handle:
        source = handle.read()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        phase = "class body"
        try:
            exec(compile(source, path, "exec"), namespace)
            phase = "configure"
            configure_mappers()
        except Exception as exc:  # every refusal is data here
            result["error"] = describe(exc, phase)
        else:
            try:
                result["relationships"] = inspect_relationships(namespace,
                                                                declared)
            except Exception as exc:
                result["error"] = describe(exc, "inspection")
            result["checks"] = [evaluate(e, namespace) for e in expressions]
    for warning in caught:
        result["warnings"].append({"category": warning.category.__name__,
                                   "message": str(warning.message)})
    sys.stdout.write("\n" + json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
