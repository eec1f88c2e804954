// shop::Order and shop::OrderItem -- what a customer bought.
#pragma once

#include <relcheck/orm.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace shop {

struct Customer;
struct OrderItem;
struct Product;

struct ORM_MODEL("order") Order {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("customer.id"), nullable=False)
  int customer_id;
  ORM_COLUMN(String(16), nullable=False, default="open") std::string status;
  ORM_COLUMN(DateTime) std::int64_t placed_at;

  // The partner of the filtered 'Customer.open_orders'. The target is named
  // by its module path, as SQLAlchemy's registry allows.
  ORM_RELATIONSHIP("shop.Customer", back_populates="open_orders",
                   overlaps="customer,orders")
  Customer* open_customer;

  // No target string: the member type names the class.
  ORM_RELATIONSHIP(back_populates="order", cascade="all, delete-orphan",
                   order_by="OrderItem.id")
  std::vector<std::unique_ptr<OrderItem>> items;
};

struct ORM_MODEL("order_item") OrderItem {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("order.id"), nullable=False) int order_id;
  ORM_COLUMN(Integer, ForeignKey("product.id"), nullable=False) int product_id;
  ORM_COLUMN(Integer, nullable=False, default=1) int quantity;
  ORM_COLUMN(Integer, nullable=False) std::int64_t unit_price_cents;

  ORM_RELATIONSHIP("Order", back_populates="items") Order* order;

  // Deliberate problem 2 (relcheck-back-populates-mismatch): a typo;
  // 'Product' has 'order_items', not 'order_item'. SQLAlchemy refuses to
  // configure the mappers.
  ORM_RELATIONSHIP("Product", back_populates="order_item") Product* product;

  std::int64_t totalCents() const { return unit_price_cents * quantity; }
};

} // namespace shop
