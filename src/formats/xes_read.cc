// XES reading over a pugixml DOM: the <log>'s extensions and globals first, then trace by trace.
#include <optional>
#include <string>

#include <pugixml.hpp>

#include "formats/xes.h"
#include "formats/xes_date.h"

namespace lf::formats {
namespace {

using engine::Attribute;

std::string_view local_name(const char* qname) {
  std::string_view s(qname);
  size_t colon = s.find(':');
  return colon == std::string_view::npos ? s : s.substr(colon + 1);
}

std::optional<Attribute::Type> attribute_type(std::string_view tag) {
  if (tag == "string") return Attribute::Type::string;
  if (tag == "date") return Attribute::Type::date;
  if (tag == "int") return Attribute::Type::integer;
  if (tag == "float") return Attribute::Type::real;
  if (tag == "boolean") return Attribute::Type::boolean;
  if (tag == "id") return Attribute::Type::id;
  if (tag == "list") return Attribute::Type::list;
  if (tag == "container") return Attribute::Type::container;
  return std::nullopt;
}

// An attribute element with its nested attributes: a list's items (inside <values>, or directly under the
// list in files older than the 2016 standard), a container's members, any element's meta-attributes.
void read_children(const pugi::xml_node& n, std::vector<Attribute>& out);

std::optional<Attribute> read_attribute(const pugi::xml_node& n) {
  auto type = attribute_type(local_name(n.name()));
  if (!type) return std::nullopt;
  Attribute a;
  a.key = n.attribute("key").value();
  a.type = *type;
  a.value = n.attribute("value").value();
  read_children(n, a.children);
  return a;
}

void read_children(const pugi::xml_node& n, std::vector<Attribute>& out) {
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    if (local_name(c.name()) == "values") {
      read_children(c, out);
    } else if (auto a = read_attribute(c)) {
      out.push_back(std::move(*a));
    }
  }
}

// The keys of the standard attributes, under the prefixes the log declares for their extensions.
struct Keys {
  std::string name = "concept:name";
  std::string time = "time:timestamp";
  std::string resource = "org:resource";

  void declare(const pugi::xml_node& extension) {
    std::string_view uri = extension.attribute("uri").value();
    std::string_view ext = extension.attribute("name").value();
    std::string prefix = extension.attribute("prefix").value();
    if (prefix.empty()) return;
    auto is = [&](std::string_view file, std::string_view display) {
      return uri.ends_with(file) || ext == display;
    };
    if (is("/concept.xesext", "Concept")) name = prefix + ":name";
    else if (is("/time.xesext", "Time")) time = prefix + ":timestamp";
    else if (is("/org.xesext", "Organizational")) resource = prefix + ":resource";
  }
};

Error event_error(std::string_view code, const engine::Case& c, size_t event, std::string_view what = {}) {
  Error e = make_error(code);
  e.detail = "trace " + c.id + ", event " + std::to_string(event + 1);
  if (!what.empty()) e.detail += ": " + std::string(what);
  return e;
}

class Reader {
 public:
  Result<engine::EventLog> run(const pugi::xml_node& log) {
    for (pugi::xml_node c = log.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element) continue;
      std::string_view tag = local_name(c.name());
      if (tag == "extension") {
        keys_.declare(c);
      } else if (tag == "global") {
        std::string_view scope = c.attribute("scope").value();
        read_children(c, scope == "trace" ? trace_globals_ : event_globals_);
      } else if (tag == "trace") {
        LF_CHECK(trace(c));
      } else if (auto a = read_attribute(c)) {
        out_.attrs.push_back(std::move(*a));
      }
      // <classifier> and unknown elements are not needed to read the cases.
    }
    return std::move(out_);
  }

 private:
  Status trace(const pugi::xml_node& t) {
    engine::Case c;
    bool named = false;
    for (pugi::xml_node n = t.first_child(); n; n = n.next_sibling()) {
      if (n.type() != pugi::node_element) continue;
      if (local_name(n.name()) == "event") continue;
      auto a = read_attribute(n);
      if (!a) continue;
      if (a->key == keys_.name) {
        c.id = std::move(a->value);
        named = true;
      } else {
        c.attrs.push_back(std::move(*a));
      }
    }
    for (const auto& g : trace_globals_) {
      if (g.key != keys_.name) {
        if (!has_key(c.attrs, g.key)) c.attrs.push_back(g);
      } else if (!named) {
        c.id = g.value;
        named = true;
      }
    }
    if (!named) c.id = std::to_string(out_.cases.size() + 1);
    for (pugi::xml_node n = t.first_child(); n; n = n.next_sibling()) {
      if (n.type() == pugi::node_element && local_name(n.name()) == "event") LF_CHECK(event(n, c));
    }
    out_.cases.push_back(std::move(c));
    return ok();
  }

  Status event(const pugi::xml_node& n, engine::Case& c) {
    engine::Event e;
    std::optional<std::string_view> activity, time, resource;
    for (pugi::xml_node x = n.first_child(); x; x = x.next_sibling()) {
      if (x.type() != pugi::node_element) continue;
      const char* key = x.attribute("key").value();
      // The three standard keys are read straight from the DOM, without building an Attribute.
      if (keys_.name == key) {
        activity = x.attribute("value").value();
      } else if (keys_.time == key && local_name(x.name()) == "date") {
        time = x.attribute("value").value();
      } else if (keys_.resource == key) {
        resource = x.attribute("value").value();
      } else if (auto a = read_attribute(x)) {
        e.attrs.push_back(std::move(*a));
      }
    }
    size_t index = c.events.size();
    // Globals stand in for what the event leaves out.
    for (const auto& g : event_globals_) {
      if (g.key == keys_.name) {
        if (!activity) activity = g.value;
      } else if (g.key == keys_.time) {
        if (!time && g.type == Attribute::Type::date) time = g.value;
      } else if (g.key == keys_.resource) {
        if (!resource) resource = g.value;
      } else if (!has_key(e.attrs, g.key)) {
        e.attrs.push_back(g);
      }
    }
    if (!activity) return event_error("xes.event_without_activity", c, index);
    e.activity = out_.intern(*activity);
    if (time) {
      e.time = parse_timestamp(*time);
      if (!e.time) return event_error("xes.bad_date", c, index, *time);
    }
    if (resource) e.resource = *resource;
    c.events.push_back(std::move(e));
    return ok();
  }

  static bool has_key(const std::vector<Attribute>& attrs, const std::string& key) {
    for (const auto& a : attrs) {
      if (a.key == key) return true;
    }
    return false;
  }

  Keys keys_;
  std::vector<Attribute> trace_globals_, event_globals_;
  engine::EventLog out_;
};

Result<engine::EventLog> read_document(pugi::xml_document& doc, const pugi::xml_parse_result& parsed) {
  if (!parsed) {
    Error e = make_error("xes.not_xml");
    e.detail = std::string(parsed.description()) + " at byte " + std::to_string(parsed.offset);
    return e;
  }
  pugi::xml_node log = doc.document_element();
  if (!log || local_name(log.name()) != "log") return make_error("xes.no_log");
  return Reader().run(log);
}

}  // namespace

Result<engine::EventLog> read_xes(std::string_view xml) {
  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_buffer(xml.data(), xml.size());
  return read_document(doc, parsed);
}

Result<engine::EventLog> read_xes_in_place(std::string xml) {
  pugi::xml_document doc;
  // pugixml keeps pointers into the buffer, which outlives the document here.
  pugi::xml_parse_result parsed = doc.load_buffer_inplace(xml.data(), xml.size());
  return read_document(doc, parsed);
}

}  // namespace lf::formats
