// Catalog queries (no ORM annotations here: plain declarations).
#pragma once

#include <string>
#include <vector>

namespace shop {

struct Category;
struct Product;

/// "Garden / Tools / Spades" for the category Spades.
std::string categoryPath(const Category &Leaf);

/// Products in Root or below it that carry the tag Label.
std::vector<const Product *> productsTagged(const Category &Root,
                                            const std::string &Label);

} // namespace shop
