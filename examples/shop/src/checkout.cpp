// Order totals and the customer's open-order summary.
#include "checkout.h"

#include "models/customer.hpp"
#include "models/order.hpp"
#include "models/product.hpp"

namespace shop {

std::int64_t orderTotalCents(const Order &O) {
  std::int64_t Total = 0;
  for (const auto &Item : O.items)
    Total += Item->totalCents();
  return Total;
}

std::int64_t openBalanceCents(const Customer &C) {
  std::int64_t Balance = 0;
  for (const Order *O : C.open_orders)
    Balance += orderTotalCents(*O);
  return Balance;
}

void addToOrder(Order &O, Product &P, int Quantity) {
  std::unique_ptr<OrderItem> Item(new OrderItem());
  Item->order_id = O.id;
  Item->order = &O;
  Item->product_id = P.id;
  Item->product = &P;
  Item->quantity = Quantity;
  Item->unit_price_cents = P.price_cents;
  P.order_items.push_back(Item.get());
  O.items.push_back(std::move(Item));
}

} // namespace shop
