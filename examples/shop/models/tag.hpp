// shop::Tag -- free-form labels on products, and the association table.
#pragma once

#include <relcheck/orm.hpp>

#include <string>
#include <vector>

namespace shop {

struct Product;

/// Rows linking products and tags (secondary= of Product.tags / Tag.products).
ORM_TABLE(product_tag,
          Column("product_id", ForeignKey("product.id"), primary_key=True),
          Column("tag_id", ForeignKey("tag.id"), primary_key=True));

struct ORM_MODEL("tag") Tag {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(String(40), nullable=False, unique=True) std::string label;

  ORM_RELATIONSHIP("Product", secondary="product_tag", back_populates="tags")
  std::vector<Product*> products;
};

} // namespace shop
