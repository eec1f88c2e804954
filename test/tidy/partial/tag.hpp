#pragma once
#include <relcheck/orm.hpp>

#include <vector>

struct User;

ORM_TABLE(user_tag,
          Column("user_id", ForeignKey("user.id"), primary_key=True),
          Column("tag_id", ForeignKey("tag.id"), primary_key=True));

struct ORM_MODEL("tag") Tag {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("User", secondary="user_tag", back_populates="tags") std::vector<User*> users;
};
