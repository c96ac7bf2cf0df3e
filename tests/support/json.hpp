// Tests: JSON that diaglot writes, read back with Boost.PropertyTree.
#pragma once

// Boost 1.74 property_tree includes boost/bind.hpp, which warns without this.
#define BOOST_BIND_GLOBAL_PLACEHOLDERS
#include <boost/property_tree/json_parser.hpp>
#include <boost/property_tree/ptree.hpp>
#include <sstream>
#include <string>

namespace diaglot::testing {

/// The document; throws boost::property_tree::json_parser_error when it is not JSON.
inline boost::property_tree::ptree parse_json(const std::string& text) {
  std::istringstream in(text);
  boost::property_tree::ptree tree;
  boost::property_tree::read_json(in, tree);
  return tree;
}

}  // namespace diaglot::testing
