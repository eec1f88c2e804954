// Checkout arithmetic (no ORM annotations here: plain declarations).
#pragma once

#include <cstdint>

namespace shop {

struct Customer;
struct Order;
struct Product;

std::int64_t orderTotalCents(const Order &O);
std::int64_t openBalanceCents(const Customer &C);
void addToOrder(Order &O, Product &P, int Quantity);

} // namespace shop
