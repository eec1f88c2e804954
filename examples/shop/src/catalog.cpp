// Catalog queries over in-memory objects: category paths and tag filters.
#include "catalog.h"

#include "models/category.hpp"
#include "models/product.hpp"
#include "models/tag.hpp"

#include <algorithm>

namespace shop {

std::string categoryPath(const Category &Leaf) {
  std::vector<const Category *> Chain;
  for (const Category *C = &Leaf; C != nullptr; C = C->parent)
    Chain.push_back(C);
  std::string Path;
  for (auto It = Chain.rbegin(); It != Chain.rend(); ++It) {
    if (!Path.empty())
      Path += " / ";
    Path += (*It)->name;
  }
  return Path;
}

std::vector<const Product *> productsTagged(const Category &Root,
                                            const std::string &Label) {
  std::vector<const Product *> Found;
  std::vector<const Category *> Pending{&Root};
  while (!Pending.empty()) {
    const Category *C = Pending.back();
    Pending.pop_back();
    for (const Product *P : C->products) {
      bool Tagged =
          std::any_of(P->tags.begin(), P->tags.end(),
                      [&](const Tag *T) { return T->label == Label; });
      if (Tagged)
        Found.push_back(P);
    }
    Pending.insert(Pending.end(), C->children.begin(), C->children.end());
  }
  return Found;
}

} // namespace shop
