// shop::Category -- a tree of product categories (an adjacency list).
#pragma once

#include <relcheck/orm.hpp>

#include <string>
#include <vector>

namespace shop {

struct Product;

struct ORM_MODEL("category") Category {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("category.id")) int parent_id;
  ORM_COLUMN(String(80), nullable=False) std::string name;

  // Self-referential: remote_side marks the many-to-one side.
  ORM_RELATIONSHIP("Category", back_populates="parent")
  std::vector<Category*> children;
  ORM_RELATIONSHIP("Category", back_populates="children",
                   remote_side="Category.id")
  Category* parent;

  ORM_RELATIONSHIP("Product", back_populates="category")
  std::vector<Product*> products;

  bool isRoot() const { return parent == nullptr; }
};

} // namespace shop
