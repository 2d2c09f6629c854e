// PNML core model (place/transition nets) as ProM and PM4Py write it: places with initialMarking, transitions
// whose <toolspecific activity="$invisible$"> marks them silent, arcs with an optional inscription (weight),
// nested <page>s, and PM4Py's <finalmarkings> block after the pages.
#include <charconv>
#include <optional>
#include <string>
#include <unordered_map>

#include <pugixml.hpp>

#include "base/text.h"
#include "formats/pnml.h"

namespace lf::formats {
namespace {

using engine::PetriNet;

std::string_view local_name(const char* qname) {
  std::string_view s(qname);
  size_t colon = s.find(':');
  return colon == std::string_view::npos ? s : s.substr(colon + 1);
}

pugi::xml_node child_local(const pugi::xml_node& n, std::string_view name) {
  for (pugi::xml_node c : n.children()) {
    if (c.type() == pugi::node_element && local_name(c.name()) == name) return c;
  }
  return {};
}

// <name><text>...</text></name>, <initialMarking><text>...</text></initialMarking> and the like.
std::string text_of(const pugi::xml_node& n, std::string_view child) {
  return child_local(child_local(n, child), "text").text().get();
}

// A count in a <text>; nullopt when it is not a non-negative integer.
std::optional<int32_t> count_of(std::string_view text) {
  std::string t = trim(text);
  int32_t v = 0;
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (t.empty() || ec != std::errc() || end != t.data() + t.size() || v < 0) return std::nullopt;
  return v;
}

pugi::xml_node find_net(const pugi::xml_node& n) {
  if (local_name(n.name()) == "net") return n;
  for (pugi::xml_node c : n.children()) {
    if (c.type() != pugi::node_element) continue;
    if (pugi::xml_node found = find_net(c)) return found;
  }
  return {};
}

// Places, transitions and arcs of a net, gathered through its (possibly nested) pages in document order.
struct Parts {
  std::vector<pugi::xml_node> places, transitions, arcs;
};

void gather(const pugi::xml_node& n, Parts& parts) {
  for (pugi::xml_node c : n.children()) {
    if (c.type() != pugi::node_element) continue;
    std::string_view tag = local_name(c.name());
    if (tag == "page") gather(c, parts);
    else if (tag == "place") parts.places.push_back(c);
    else if (tag == "transition") parts.transitions.push_back(c);
    else if (tag == "arc") parts.arcs.push_back(c);
  }
}

bool invisible(const pugi::xml_node& transition) {
  for (pugi::xml_node c : transition.children()) {
    if (local_name(c.name()) == "toolspecific" && std::string_view(c.attribute("activity").value()) == "$invisible$") {
      return true;
    }
  }
  return false;
}

Error bad_arc(const pugi::xml_node& arc) {
  Error e = make_error("pnml.bad_arc");
  e.detail = std::string("arc ") + arc.attribute("id").value() + " from " + arc.attribute("source").value() +
             " to " + arc.attribute("target").value();
  return e;
}

struct StringWriter : pugi::xml_writer {
  std::string out;
  void write(const void* data, size_t size) override { out.append(static_cast<const char*>(data), size); }
};

void named(pugi::xml_node n, const std::string& name) {
  n.append_child("name").append_child("text").text() = name.c_str();
}

}  // namespace

Result<engine::PetriNet> read_pnml(std::string_view xml) {
  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_buffer(xml.data(), xml.size());
  if (!parsed) {
    Error e = make_error("pnml.not_xml");
    e.detail = std::string(parsed.description()) + " at byte " + std::to_string(parsed.offset);
    return e;
  }
  pugi::xml_node net_node = find_net(doc.document_element());
  if (!net_node) return make_error("pnml.no_net");

  PetriNet net;
  net.id = net_node.attribute("id").value();
  net.name = text_of(net_node, "name");
  Parts parts;
  gather(net_node, parts);

  std::unordered_map<std::string, int32_t> place_at, transition_at;
  for (const auto& p : parts.places) {
    int32_t i = net.add_place(p.attribute("id").value(), text_of(p, "name"));
    place_at.emplace(net.places[i].id, i);
    if (auto tokens = count_of(text_of(p, "initialMarking"))) net.initial[i] = *tokens;
  }
  for (const auto& t : parts.transitions) {
    // No name, or ProM's "$invisible$" activity: a silent transition (tau).
    std::string label = invisible(t) ? "" : text_of(t, "name");
    int32_t i = net.add_transition(t.attribute("id").value(), std::move(label));
    transition_at.emplace(net.transitions[i].id, i);
  }
  for (const auto& a : parts.arcs) {
    std::string source = a.attribute("source").value(), target = a.attribute("target").value();
    int32_t weight = 1;
    if (pugi::xml_node inscription = child_local(a, "inscription")) {
      auto w = count_of(child_local(inscription, "text").text().get());
      if (!w || *w == 0) return bad_arc(a);
      weight = *w;
    }
    auto p = place_at.find(source), t = transition_at.find(target);
    if (p != place_at.end() && t != transition_at.end()) {
      net.add_input(t->second, p->second, weight);
      continue;
    }
    t = transition_at.find(source);
    p = place_at.find(target);
    if (p != place_at.end() && t != transition_at.end()) {
      net.add_output(t->second, p->second, weight);
      continue;
    }
    return bad_arc(a);
  }
  // PM4Py's extension: <finalmarkings><marking><place idref="..."><text>1</text></place>...; the first marking.
  pugi::xml_node marking = child_local(child_local(net_node, "finalmarkings"), "marking");
  for (pugi::xml_node p : marking.children()) {
    if (local_name(p.name()) != "place") continue;
    auto at = place_at.find(p.attribute("idref").value());
    auto tokens = count_of(child_local(p, "text").text().get());
    if (at != place_at.end() && tokens) net.final_marking[at->second] = *tokens;
  }
  return net;
}

std::string write_pnml(const engine::PetriNet& net) {
  pugi::xml_document doc;
  pugi::xml_node decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  pugi::xml_node root = doc.append_child("pnml");
  pugi::xml_node n = root.append_child("net");
  n.append_attribute("id") = net.id.empty() ? "net1" : net.id.c_str();
  n.append_attribute("type") = "http://www.pnml.org/version-2009/grammar/pnmlcoremodel";
  if (!net.name.empty()) named(n, net.name);
  pugi::xml_node page = n.append_child("page");
  page.append_attribute("id") = "n0";

  for (size_t i = 0; i < net.places.size(); ++i) {
    pugi::xml_node p = page.append_child("place");
    p.append_attribute("id") = net.places[i].id.c_str();
    if (!net.places[i].name.empty()) named(p, net.places[i].name);
    if (i < net.initial.size() && net.initial[i] > 0) {
      p.append_child("initialMarking").append_child("text").text() = net.initial[i];
    }
  }
  for (const auto& t : net.transitions) {
    pugi::xml_node x = page.append_child("transition");
    x.append_attribute("id") = t.id.c_str();
    // ProM shows the name; a silent transition is named by its id and flagged invisible.
    named(x, t.silent() ? t.id : t.label);
    if (t.silent()) {
      pugi::xml_node tool = x.append_child("toolspecific");
      tool.append_attribute("tool") = "ProM";
      tool.append_attribute("version") = "6.4";
      tool.append_attribute("activity") = "$invisible$";
    }
  }
  size_t arc = 0;
  auto add_arc = [&](const std::string& source, const std::string& target, int32_t weight) {
    pugi::xml_node a = page.append_child("arc");
    a.append_attribute("id") = ("arc_" + std::to_string(++arc)).c_str();
    a.append_attribute("source") = source.c_str();
    a.append_attribute("target") = target.c_str();
    if (weight != 1) a.append_child("inscription").append_child("text").text() = weight;
  };
  for (size_t t = 0; t < net.transitions.size(); ++t) {
    for (auto [p, w] : net.inputs[t]) add_arc(net.places[p].id, net.transitions[t].id, w);
    for (auto [p, w] : net.outputs[t]) add_arc(net.transitions[t].id, net.places[p].id, w);
  }

  pugi::xml_node marking = n.append_child("finalmarkings").append_child("marking");
  for (size_t i = 0; i < net.places.size() && i < net.final_marking.size(); ++i) {
    if (net.final_marking[i] == 0) continue;
    pugi::xml_node p = marking.append_child("place");
    p.append_attribute("idref") = net.places[i].id.c_str();
    p.append_child("text").text() = net.final_marking[i];
  }

  StringWriter writer;
  doc.save(writer, "  ", pugi::format_default, pugi::encoding_utf8);
  return std::move(writer.out);
}

}  // namespace lf::formats
