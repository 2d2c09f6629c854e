// Reading a rule file (engine/rules.h): every field checked, every error naming the rule and the field.
#include <boost/json.hpp>

#include <set>

#include "engine/rules.h"
#include "engine/text_hash.h"

namespace lf::engine {

namespace json = boost::json;

ActivityPattern::ActivityPattern(std::string text) : text_(std::move(text)), glob_(text_.find('*') != std::string::npos) {}

bool ActivityPattern::matches(std::string_view s) const {
  if (!glob_) return s == text_;
  // Greedy match with one backtrack point per '*': linear enough for short activity names.
  const std::string_view p = text_;
  size_t i = 0, j = 0, star = std::string_view::npos, mark = 0;
  while (i < s.size()) {
    if (j < p.size() && p[j] != '*' && p[j] == s[i]) {
      ++i;
      ++j;
    } else if (j < p.size() && p[j] == '*') {
      star = j++;
      mark = i;
    } else if (star != std::string_view::npos) {
      j = star + 1;
      i = ++mark;
    } else {
      return false;
    }
  }
  while (j < p.size() && p[j] == '*') ++j;
  return j == p.size();
}

bool PatternSet::matches(std::string_view s) const {
  for (const auto& p : any)
    if (p.matches(s)) return true;
  return false;
}

std::string PatternSet::text() const {
  std::string out;
  for (const auto& p : any) out += (out.empty() ? "" : "、") + p.text();
  return out;
}

std::string Rule::check() const {
  switch (kind) {
    case RuleKind::precedence: return "PRECEDENCE";
    case RuleKind::response: return "RESPONSE";
    case RuleKind::separation: return "SOD";
    case RuleKind::limit: return "AUTH-LIMIT";
    case RuleKind::collective: return "COLLECTIVE";
    case RuleKind::time: return from.empty() ? "TIME-CASE" : "TIME-STEP";
    case RuleKind::split: return "SPLIT";
    case RuleKind::flow: return "FLOW";
  }
  return "";
}

namespace {

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
}

Error rule_error(std::string_view code, std::string_view rule, std::string_view field, std::string_view extra = {}) {
  Error e = make_error(code, field);
  for (std::string* t : {&e.message, &e.message_en}) {
    replace_all(*t, "{rule}", rule);
    replace_all(*t, "{field}", field);
    replace_all(*t, "{kind}", extra);
    replace_all(*t, "{model}", extra);
  }
  return e;
}

// Reads one rule's fields; `id` names the rule in errors (its code, or #n when it has none).
class RuleReader {
 public:
  RuleReader(const json::object& o, std::string id) : o_(o), id_(std::move(id)) {}

  Status patterns(std::string_view key, PatternSet& out, bool required) {
    const json::value* v = o_.if_contains(key);
    if (v == nullptr || v->is_null()) return required ? bad(key) : ok();
    auto add = [&](const json::value& x) {
      if (!x.is_string() || x.as_string().empty()) return false;
      out.any.emplace_back(std::string(x.as_string()));
      return true;
    };
    if (v->is_array()) {
      for (const auto& x : v->as_array())
        if (!add(x)) return bad(key);
    } else if (!add(*v)) {
      return bad(key);
    }
    return out.empty() && required ? bad(key) : ok();
  }

  Status text(std::string_view key, std::string& out, bool required) {
    const json::value* v = o_.if_contains(key);
    if (v == nullptr || v->is_null()) return required ? bad(key) : ok();
    if (!v->is_string() || v->as_string().empty()) return bad(key);
    out = std::string(v->as_string());
    return ok();
  }

  Status number(std::string_view key, double& out, bool required, double min = -1e300) {
    const json::value* v = o_.if_contains(key);
    if (v == nullptr || v->is_null()) return required ? bad(key) : ok();
    if (!v->is_number()) return bad(key);
    out = v->to_number<double>();
    return out < min ? bad(key) : ok();
  }

  Status integer(std::string_view key, int& out, bool required, int min, int max) {
    if (!has(key)) return required ? bad(key) : ok();
    double d = out;
    LF_CHECK(number(key, d, required));
    if (d != static_cast<double>(static_cast<int64_t>(d)) || d < min || d > max) return bad(key);
    out = static_cast<int>(d);
    return ok();
  }

  bool has(std::string_view key) const {
    const json::value* v = o_.if_contains(key);
    return v != nullptr && !v->is_null();
  }
  const json::value* get(std::string_view key) const { return o_.if_contains(key); }
  Error bad(std::string_view key) const { return rule_error("rules.field_invalid", id_, key); }

 private:
  const json::object& o_;
  std::string id_;
};

Result<RuleKind> kind_of(std::string_view k, std::string_view id) {
  static const std::pair<std::string_view, RuleKind> kinds[] = {
      {"precedence", RuleKind::precedence}, {"response", RuleKind::response}, {"separation", RuleKind::separation},
      {"limit", RuleKind::limit},           {"collective", RuleKind::collective}, {"time", RuleKind::time},
      {"split", RuleKind::split},           {"flow", RuleKind::flow}};
  for (auto [name, kind] : kinds)
    if (name == k) return kind;
  return rule_error("rules.kind_unknown", id, "kind", k);
}

Status read_kind_fields(RuleReader& r, Rule& rule, const ModelLoader& load_model, std::string_view id) {
  switch (rule.kind) {
    case RuleKind::precedence: {
      LF_CHECK(r.patterns("activity", rule.activity, true));
      const json::value* req = r.get("requires");
      if (req == nullptr || !(req->is_array() || req->is_string())) return r.bad("requires");
      json::array items = req->is_array() ? req->as_array() : json::array{*req};
      if (items.empty()) return r.bad("requires");
      for (const auto& x : items) {
        if (!x.is_string() || x.as_string().empty()) return r.bad("requires");
        rule.requires_.push_back(PatternSet{{ActivityPattern(std::string(x.as_string()))}});
      }
      return ok();
    }
    case RuleKind::response: {
      LF_CHECK(r.patterns("activity", rule.activity, true));
      LF_CHECK(r.patterns("then", rule.then, true));
      if (r.has("within_hours") == r.has("within_working_days")) return r.bad("within_hours");
      double hours = 0;
      LF_CHECK(r.number("within_hours", hours, false, 0));
      rule.within_ms = static_cast<int64_t>(hours * 3600000.0);
      return r.integer("within_working_days", rule.within_working_days, false, 1, 3650);
    }
    case RuleKind::separation: {
      const json::value* a = r.get("activities");
      if (a == nullptr || !a->is_array() || a->as_array().size() != 2) return r.bad("activities");
      for (int side = 0; side < 2; ++side) {
        const auto& x = a->as_array()[static_cast<size_t>(side)];
        if (!x.is_string() || x.as_string().empty()) return r.bad("activities");
        (side == 0 ? rule.first : rule.second).any.emplace_back(std::string(x.as_string()));
      }
      return ok();
    }
    case RuleKind::limit: {
      LF_CHECK(r.patterns("activity", rule.activity, true));
      LF_CHECK(r.text("field", rule.field, false));
      LF_CHECK(r.text("by", rule.by, false));
      const json::value* l = r.get("limits");
      if (l == nullptr || !l->is_object() || l->as_object().empty()) return r.bad("limits");
      for (const auto& [k, v] : l->as_object()) {
        if (!v.is_number()) return r.bad("limits");
        rule.limits[std::string(k)] = v.to_number<double>();
      }
      return ok();
    }
    case RuleKind::collective:
      LF_CHECK(r.patterns("activity", rule.activity, true));
      LF_CHECK(r.number("threshold", rule.threshold, true, 0));
      return r.patterns("decision", rule.decision, true);
    case RuleKind::time:
      LF_CHECK(r.patterns("from", rule.from, false));
      LF_CHECK(r.patterns("to", rule.to, true));
      LF_CHECK(r.integer("working_days", rule.working_days, true, 1, 3650));
      return r.integer("follow_up_days", rule.follow_up_days, false, 1, 3650);
    case RuleKind::split:
      LF_CHECK(r.patterns("activity", rule.activity, true));
      LF_CHECK(r.number("threshold", rule.threshold, true, 0));
      LF_CHECK(r.integer("window_days", rule.window_days, false, 1, 3650));
      LF_CHECK(r.text("group_by", rule.group_by, false));
      return r.integer("min_count", rule.min_count, false, 2, 1000);
    case RuleKind::flow: {
      LF_CHECK(r.text("model", rule.model, false));
      if (!load_model) return rule_error("rules.model_missing", id, "model");
      LF_TRY(PetriNet net, load_model(rule.model));
      rule.net = std::make_shared<const PetriNet>(std::move(net));
      return ok();
    }
  }
  return ok();
}

Status read_settings(const json::object& top, RuleSet& set) {
  auto bad = [](std::string_view key) { return rule_error("rules.setting_invalid", "", key); };
  if (const json::value* tz = top.if_contains("timezone"); tz != nullptr) {
    // "+08:00" / "-05:30" / "Z": China has one zone and no summer time, so a fixed offset is enough.
    if (!tz->is_string()) return bad("timezone");
    std::string_view s = tz->as_string();
    if (s == "Z" || s == "UTC") {
      set.utc_offset_minutes = 0;
    } else if (s == "Asia/Shanghai") {
      set.utc_offset_minutes = 480;
    } else {
      if (s.size() != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':') return bad("timezone");
      const int h = (s[1] - '0') * 10 + (s[2] - '0'), m = (s[4] - '0') * 10 + (s[5] - '0');
      if (h < 0 || h > 14 || m < 0 || m > 59) return bad("timezone");
      set.utc_offset_minutes = (s[0] == '-' ? -1 : 1) * (h * 60 + m);
    }
  }
  if (const json::value* c = top.if_contains("close_after_days"); c != nullptr) {
    if (!c->is_number() || c->to_number<double>() < 0) return bad("close_after_days");
    set.close_after_days = static_cast<int>(c->to_number<double>());
  }
  if (const json::value* cal = top.if_contains("calendar"); cal != nullptr) {
    if (!cal->is_object()) return bad("calendar");
    const auto& o = cal->as_object();
    if (const json::value* base = o.if_contains("base"); base != nullptr) {
      if (*base == "weekdays") set.calendar = WorkCalendar::weekdays();
      else if (*base != "china") return bad("calendar.base");
    }
    for (const char* key : {"holidays", "workdays"}) {
      const json::value* days = o.if_contains(key);
      if (days == nullptr) continue;
      if (!days->is_array()) return bad(std::string("calendar.") + key);
      for (const auto& d : days->as_array()) {
        auto day = d.is_string() ? parse_day(d.as_string()) : std::nullopt;
        if (!day) return bad(std::string("calendar.") + key);
        set.calendar.set_day(*day, std::string_view(key) == "workdays");
      }
    }
  }
  return ok();
}

uint64_t net_hash(const PetriNet& net, uint64_t h) {
  for (const auto& t : net.transitions) h = hash_text(t.label, hash_text(t.id, h));
  for (size_t t = 0; t < net.transitions.size(); ++t) {
    for (auto [p, w] : net.inputs[t]) h = mix64(h ^ (static_cast<uint64_t>(p) << 32 | static_cast<uint32_t>(w)));
    for (auto [p, w] : net.outputs[t]) h = mix64(h ^ ~(static_cast<uint64_t>(p) << 32 | static_cast<uint32_t>(w)));
  }
  for (int32_t m : net.initial) h = mix64(h + static_cast<uint64_t>(m));
  for (int32_t m : net.final_marking) h = mix64(h + static_cast<uint64_t>(m) * 3);
  return h;
}

}  // namespace

Result<RuleSet> parse_rules(std::string_view text, const ModelLoader& load_model) {
  boost::system::error_code ec;
  json::value doc = json::parse(json::string_view(text.data(), text.size()), ec);
  if (ec) {
    Error e = make_error("rules.not_json");
    e.detail = ec.message();
    return e;
  }
  if (!doc.is_object() || !doc.as_object().contains("rules") || !doc.at("rules").is_array())
    return make_error("rules.no_rules", "rules");
  RuleSet set;
  LF_CHECK(read_settings(doc.as_object(), set));
  std::set<std::string, std::less<>> codes;
  const auto& items = doc.at("rules").as_array();
  for (size_t i = 0; i < items.size(); ++i) {
    std::string id = "#" + std::to_string(i + 1);
    if (!items[i].is_object()) return rule_error("rules.field_invalid", id, "rules");
    const auto& o = items[i].as_object();
    if (const auto* c = o.if_contains("code"); c != nullptr && c->is_string() && !c->as_string().empty())
      id = std::string(c->as_string());
    RuleReader r(o, id);
    Rule rule;
    LF_CHECK(r.text("code", rule.code, true));
    if (!codes.insert(rule.code).second) return rule_error("rules.code_duplicate", id, "code");
    std::string kind;
    LF_CHECK(r.text("kind", kind, true));
    LF_TRY(rule.kind, kind_of(kind, id));
    rule.name = rule.code;
    LF_CHECK(r.text("name", rule.name, false));
    LF_CHECK(r.text("level", rule.level, false));
    if (rule.level != "reminder" && rule.level != "yellow" && rule.level != "red") return r.bad("level");
    LF_CHECK(r.patterns("power", rule.power, false));
    LF_CHECK(r.patterns("source", rule.source, false));
    LF_CHECK(r.patterns("end", rule.end, false));
    LF_CHECK(read_kind_fields(r, rule, load_model, id));
    set.rules.push_back(std::move(rule));
  }
  set.fingerprint = hash_text(json::serialize(doc));
  for (const auto& rule : set.rules)
    if (rule.net) set.fingerprint = net_hash(*rule.net, set.fingerprint);
  return set;
}

}  // namespace lf::engine
