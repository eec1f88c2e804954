// shop::Product -- something for sale, in one category, with any tags.
#pragma once

#include <relcheck/orm.hpp>

#include "models/tag.hpp"

#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace shop {

struct Category;
struct OrderItem;

struct ORM_MODEL("product") Product {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(String(32), nullable=False, unique=True) std::string sku;
  ORM_COLUMN(String(200), nullable=False) std::string name;
  ORM_COLUMN(Integer, nullable=False) std::int64_t price_cents;
  ORM_COLUMN(Integer, ForeignKey("category.id")) int category_id;

  ORM_RELATIONSHIP("Category", back_populates="products") Category* category;

  // Many-to-many through the plain table 'product_tag' (models/tag.hpp).
  ORM_RELATIONSHIP("Tag", secondary=product_tag, back_populates="products",
                   lazy="selectin")
  std::set<Tag*> tags;

  ORM_RELATIONSHIP("OrderItem", back_populates="product")
  std::vector<OrderItem*> order_items;
};

} // namespace shop
