// A tiny demo: build a catalog and an order in memory and print totals.
#include "catalog.h"
#include "checkout.h"

#include "models/category.hpp"
#include "models/customer.hpp"
#include "models/order.hpp"
#include "models/product.hpp"
#include "models/tag.hpp"

#include <iostream>

int main() {
  shop::Category Garden;
  Garden.id = 1;
  Garden.parent_id = 0;
  Garden.name = "Garden";
  Garden.parent = nullptr;
  shop::Category Tools;
  Tools.id = 2;
  Tools.parent_id = Garden.id;
  Tools.name = "Tools";
  Tools.parent = &Garden;
  Garden.children.push_back(&Tools);

  shop::Tag Steel;
  Steel.id = 1;
  Steel.label = "steel";
  shop::Product Spade;
  Spade.id = 7;
  Spade.sku = "SP-7";
  Spade.name = "Spade";
  Spade.price_cents = 2499;
  Spade.category_id = Tools.id;
  Spade.category = &Tools;
  Spade.tags.insert(&Steel);
  Steel.products.push_back(&Spade);
  Tools.products.push_back(&Spade);

  shop::Customer Ada;
  Ada.id = 1;
  Ada.email = "ada@example.com";
  shop::Order First;
  First.id = 100;
  First.customer_id = Ada.id;
  First.status = "open";
  First.placed_at = 0;
  First.open_customer = &Ada;
  shop::addToOrder(First, Spade, 2);
  Ada.orders.push_back(&First);
  Ada.open_orders.push_back(&First);

  std::cout << shop::categoryPath(Tools) << ": "
            << shop::productsTagged(Garden, "steel").size()
            << " steel product(s)\n";
  std::cout << Ada.email << " owes " << shop::openBalanceCents(Ada)
            << " cents on " << Ada.open_orders.size() << " open order(s)\n";
  return Ada.hasOpenOrders() ? 0 : 1;
}
