// Inside the OCDS reader (formats/ocds.cc): the generic part of the walk over one line with simdjson's On Demand
// API — every value visited and validated as serde_json would (On Demand only checks what it is asked for),
// objects and arrays with serde_json's nesting limit, strings, numbers, ids and organisation references. The
// release-specific part (tender, bids, awards, parties, contracts) is ocds.cc's Walk, built on this one.
#pragma once
#include <simdjson.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "formats/ocds.h"

namespace lf::formats::ocds_walk {

namespace od = simdjson::ondemand;
using engine::redflags::Money;
using engine::redflags::OptionalId;
using engine::redflags::OrgRef;
using engine::redflags::Party;

// serde_json refuses a 128th level of nested arrays and objects.
inline constexpr int kMaxDepth = 127;

// A walk over one line. Every method validates what it visits and returns false once the line is invalid;
// `level` is the nesting level a container at that place would have (the release object is level 1).
class JsonWalk {
 public:
  std::string why;
  bool chinese = false;  // also read what the Chinese patterns need

  bool check(simdjson::error_code e) {
    if (e == simdjson::SUCCESS) return true;
    return fail(simdjson::error_message(e));
  }
  bool fail(std::string_view reason) {
    if (why.empty()) why = reason;
    return false;
  }

  // Any value, dropped.
  bool skip(od::value v, int level) {
    od::json_type t{};
    if (!check(v.type().get(t))) return false;
    switch (t) {
      case od::json_type::object:
        return object(v, level, [&](std::string_view, od::value x, int l) { return skip(x, l); });
      case od::json_type::array:
        return array(v, level, [&](od::value x, int l) { return skip(x, l); });
      case od::json_type::number:
        return read_json_number(v.raw_json_token()) ? true : fail("invalid number or number out of range");
      case od::json_type::string: {
        std::string_view s;
        return check(v.get_string().get(s));
      }
      case od::json_type::boolean: {
        bool b;
        return check(v.get_bool().get(b));
      }
      case od::json_type::null: {
        bool n = false;
        return check(v.is_null().get(n)) && (n || fail("invalid literal"));
      }
    }
    return fail("unexpected value");
  }

  // The members of an object: field(key, value, level) must consume the value. Not an object: skipped.
  template <class Field>
  bool object(od::value v, int level, Field&& field, bool* is_object = nullptr) {
    od::json_type t{};
    if (!check(v.type().get(t))) return false;
    if (is_object != nullptr) *is_object = t == od::json_type::object;
    if (t != od::json_type::object) return skip(v, level);
    if (level > kMaxDepth) return fail("recursion limit exceeded");
    od::object obj;
    if (!check(v.get_object().get(obj))) return false;
    for (auto member : obj) {
      od::field f;
      std::string_view key;
      if (!check(std::move(member).get(f)) || !check(f.unescaped_key().get(key))) return false;
      if (!field(key, od::value(f.value()), level + 1)) return false;
    }
    return true;
  }

  template <class Element>
  bool array(od::value v, int level, Element&& element, bool* is_array = nullptr) {
    od::json_type t{};
    if (!check(v.type().get(t))) return false;
    if (is_array != nullptr) *is_array = t == od::json_type::array;
    if (t != od::json_type::array) return skip(v, level);
    if (level > kMaxDepth) return fail("recursion limit exceeded");
    od::array arr;
    if (!check(v.get_array().get(arr))) return false;
    for (auto item : arr) {
      od::value x;
      if (!check(item.get(x)) || !element(x, level + 1)) return false;
    }
    return true;
  }

  // A string, or nothing when the value is of another type.
  bool string(od::value v, int level, std::optional<std::string>& out) {
    out.reset();
    od::json_type t{};
    if (!check(v.type().get(t))) return false;
    if (t != od::json_type::string) return skip(v, level);
    std::string_view s;
    if (!check(v.get_string().get(s))) return false;
    out.emplace(s);
    return true;
  }

  bool number(od::value v, int level, std::optional<JsonNumber>& out) {
    out.reset();
    od::json_type t{};
    if (!check(v.type().get(t))) return false;
    if (t != od::json_type::number) return skip(v, level);
    out = read_json_number(v.raw_json_token());
    return out ? true : fail("invalid number or number out of range");
  }

  // The string `id` of an object (a tenderer, a supplier, the buyer).
  bool id_of(od::value v, int level, OptionalId& out) {
    out.reset();
    return object(v, level, [&](std::string_view key, od::value x, int l) {
      return key == "id" ? string(x, l, out) : skip(x, l);
    });
  }

  // Cardinal's string ids and, for the Chinese patterns, the references (ids may be numbers, names).
  bool ids(od::value v, int level, std::vector<OptionalId>& out, std::vector<OrgRef>* refs = nullptr) {
    out.clear();
    if (refs != nullptr) refs->clear();
    if (!chinese || refs == nullptr)
      return array(v, level, [&](od::value x, int l) { return id_of(x, l, out.emplace_back()); });
    return array(v, level, [&](od::value x, int l) {
      OptionalId& id = out.emplace_back();
      OrgRef r = recycled_ref();
      bool is_object = false;
      const bool ok = object(
          x, l,
          [&](std::string_view key, od::value y, int m) {
            if (key == "id") return any_id(y, m, r.id, &id);
            if (key == "name") return text(y, m, r.name);
            return skip(y, m);
          },
          &is_object);
      if (ok && is_object) refs->push_back(std::move(r));
      return ok;
    });
  }

  // An id that may be a string or a number (kept as written); "" for anything else. `cardinal` gets the
  // string only, as Cardinal reads ids.
  bool any_id(od::value v, int level, std::string& out, OptionalId* cardinal = nullptr) {
    out.clear();
    if (cardinal != nullptr) cardinal->reset();
    od::json_type t{};
    if (!check(v.type().get(t))) return false;
    if (t == od::json_type::number) {
      std::string_view token = v.raw_json_token();
      if (!read_json_number(token)) return fail("invalid number or number out of range");
      while (!token.empty() && (token.back() == ' ' || token.back() == '\t' || token.back() == '\n' || token.back() == '\r'))
        token.remove_suffix(1);
      out.assign(token);
      return true;
    }
    if (t != od::json_type::string) return skip(v, level);
    std::string_view s;
    if (!check(v.get_string().get(s))) return false;
    out.assign(s);
    if (cardinal != nullptr) cardinal->emplace(s);
    return true;
  }

  // A string into `out` ("" when of another type), in place: a recycled string keeps its buffer.
  bool text(od::value v, int level, std::string& out) {
    out.clear();
    od::json_type t{};
    if (!check(v.type().get(t))) return false;
    if (t != od::json_type::string) return skip(v, level);
    std::string_view s;
    if (!check(v.get_string().get(s))) return false;
    out.assign(s);
    return true;
  }

  // References of the previous release, handed back by OcdsReader::read: their strings keep their buffers,
  // so that a release's names and ids are not allocated afresh (they were most of the reader's allocations).
  // Parties are reused in place (ocds.cc, Walk::party).
  std::vector<OrgRef>* spare_refs = nullptr;

  OrgRef recycled_ref() {
    if (spare_refs == nullptr || spare_refs->empty()) return {};
    OrgRef r = std::move(spare_refs->back());
    spare_refs->pop_back();
    r.id.clear();
    r.name.clear();
    return r;
  }

  bool money(od::value v, int level, Money& out) {
    out = {};
    return object(v, level, [&](std::string_view k, od::value y, int m) {
      if (k == "currency") return string(y, m, out.currency);
      if (k != "amount") return skip(y, m);
      std::optional<JsonNumber> n;
      if (!number(y, m, n)) return false;
      out.amount.reset();
      if (n) out.amount = n->as_double();
      return true;
    });
  }

  bool org_refs(od::value v, int level, std::vector<OrgRef>& out) {
    out.clear();
    return array(v, level, [&](od::value x, int l) {
      OrgRef r = recycled_ref();
      bool is_object = false;
      if (!object(
              x, l,
              [&](std::string_view key, od::value y, int m) {
                if (key == "id") return any_id(y, m, r.id);
                if (key == "name") return text(y, m, r.name);
                return skip(y, m);
              },
              &is_object))
        return false;
      if (is_object) out.push_back(std::move(r));
      return true;
    });
  }
};

}  // namespace lf::formats::ocds_walk
