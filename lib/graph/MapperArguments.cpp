//===- MapperArguments.cpp ------------------------------------------------===//
#include "graph/MapperArguments.h"

namespace relcheck {

using K = PyExpr::Kind;

MapperArgsSpelling interpretMapperArgs(const PyExpr &Value) {
  MapperArgsSpelling S;
  if (!Value.is(K::Dict))
    return S;
  for (size_t I = 0; I + 1 < Value.Children.size(); I += 2) {
    const PyExpr &Key = Value.Children[I];
    if (!Key.is(K::String))
      continue;
    const PyExpr *V = &Value.Children[I + 1];
    S.Entries.push_back({Key.Text, &Key, V});
    if (Key.Text == "inherit_condition")
      S.InheritCondition = V;
    else if (Key.Text == "polymorphic_on")
      S.PolymorphicOn = V;
    else if (Key.Text == "polymorphic_identity")
      S.PolymorphicIdentity = V;
  }
  return S;
}

const std::vector<std::string> &mapperKeywords() {
  // inspect.signature(sqlalchemy.orm.Mapper.__init__), less self and
  // class_ (declarative passes those itself).
  static const std::vector<std::string> Names = {
      "local_table",          "properties",         "primary_key",
      "non_primary",          "inherits",           "inherit_condition",
      "inherit_foreign_keys", "always_refresh",     "version_id_col",
      "version_id_generator", "polymorphic_on",     "_polymorphic_map",
      "polymorphic_identity", "concrete",           "with_polymorphic",
      "polymorphic_load",     "allow_partial_pks",  "batch",
      "column_prefix",        "include_properties", "exclude_properties",
      "passive_updates",      "passive_deletes",    "confirm_deleted_rows",
      "eager_defaults",       "legacy_is_orphan",   "_compiled_cache_size"};
  return Names;
}

} // namespace relcheck
