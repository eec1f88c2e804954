// shop::Customer -- a customer account and the orders it places.
#pragma once

#include <relcheck/orm.hpp>

#include <string>
#include <vector>

namespace shop {

struct Order;

struct ORM_MODEL("customer") Customer {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(String(254), nullable=False, unique=True) std::string email;
  ORM_COLUMN(String(80)) std::string display_name;

  // Deliberate problem 1 (relcheck-legacy-backref): backref= makes SQLAlchemy
  // add 'Order.customer' at configuration time; no C++ reader of order.hpp
  // can see that attribute.
  ORM_RELATIONSHIP("Order", order_by="Order.placed_at", backref="customer")
  std::vector<Order*> orders;

  // Deliberate problem 3 (relcheck-one-way-filtered-collection): a filtered
  // collection that 'Order.open_customer' populates back, so assigning a
  // shipped order's open_customer still puts it into this list until the
  // next load. overlaps= silences SQLAlchemy's overlapping-writers warning:
  // these relationships all write order.customer_id on purpose.
  ORM_RELATIONSHIP("Order",
                   primaryjoin="and_(Customer.id == Order.customer_id, "
                               "Order.status == 'open')",
                   back_populates="open_customer", overlaps="customer,orders")
  std::vector<Order*> open_orders;

  bool hasOpenOrders() const { return !open_orders.empty(); }
};

} // namespace shop
