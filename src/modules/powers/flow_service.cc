// Flows of powers: BPMN in (checked against the unit's posts, then stored with its normalised steps), and the
// same flow out as BPMN, SVG and the Petri net monitoring replays events against (PNML).
#include <boost/json.hpp>

#include "formats/bpmn.h"
#include "formats/flow_svg.h"
#include "formats/pnml.h"
#include "modules/powers/service.h"
#include "modules/powers/service_util.h"

namespace lf::powers {
using db::Connection;
using detail::readable;
using detail::writable;

namespace {

constexpr size_t kMaxFlowBytes = 4u << 20;

engine::PostDirectory directory_of(const std::vector<PostRef>& posts) {
  engine::PostDirectory dir;
  for (const auto& p : posts) dir.posts.push_back({std::to_string(p.id), p.name});
  return dir;
}

// The stored flow of a power, parsed and checked against the unit's posts as they are now.
struct LoadedFlow {
  store::FlowDocument doc;
  engine::FlowModel model;
  std::vector<PostRef> posts;
};

Result<LoadedFlow> load_flow(Connection& c, const Power& p) {
  LF_TRY(auto doc, store::flow_document(c, p.id));
  if (!doc) return make_error("flow.not_found", "", 404);
  LF_TRY(engine::FlowModel model, formats::read_bpmn(doc->bpmn));
  LF_TRY(auto posts, store::unit_posts(c, p.unit_id));
  engine::check_flow(model, directory_of(posts));  // resolves post names to ids; issues were refused on save
  return LoadedFlow{std::move(*doc), std::move(model), std::move(posts)};
}

FlowView view_of(int64_t power_id, const engine::FlowModel& model, std::vector<Step> steps, std::string updated_at) {
  FlowView v;
  v.power_id = power_id;
  v.steps = std::move(steps);
  v.lanes = model.lanes;
  engine::PetriNet net = engine::compile_flow(model);
  v.places = net.places.size();
  v.transitions = net.transitions.size();
  v.silent = net.silent_count();
  v.labels = net.labels();
  v.updated_at = std::move(updated_at);
  return v;
}

// Steps as the flow says, with post names, for the audit log.
std::string steps_json(const std::vector<Step>& steps) {
  boost::json::array a;
  for (const auto& s : steps)
    a.push_back(boost::json::object{{"id", s.element_id}, {"name", s.name}, {"post", s.post_name}});
  return boost::json::serialize(boost::json::object{{"steps", a}});
}

}  // namespace

Result<FlowView> PowerService::flow(const Principal& who, int64_t power_id) {
  return db::read<FlowView>(db_, [&](Connection& c) -> Result<FlowView> {
    LF_TRY(Power p, readable(c, who, power_id));
    LF_TRY(LoadedFlow f, load_flow(c, p));
    LF_TRY(auto steps, store::steps(c, power_id));
    return view_of(power_id, f.model, std::move(steps), f.doc.updated_at);
  });
}

Result<FlowSave> PowerService::save_flow(const Principal& who, int64_t power_id, const std::string& bpmn) {
  if (bpmn.size() > kMaxFlowBytes) return make_error("flow.too_large", "", 413);
  return db::write<FlowSave>(db_, [&](Connection& c) -> Result<FlowSave> {
    LF_TRY(Power p, writable(c, who, power_id));
    LF_TRY(engine::FlowModel model, formats::read_bpmn(bpmn));
    LF_TRY(auto posts, store::unit_posts(c, p.unit_id));
    FlowSave out;
    out.issues = engine::check_flow(model, directory_of(posts));
    if (!out.issues.empty()) return out;  // nothing written
    LF_TRY(auto before, store::steps(c, power_id));
    LF_CHECK(store::save_flow(c, power_id, bpmn, model));
    LF_TRY(auto after, store::steps(c, power_id));
    LF_CHECK(audit::append(c, {who.id, who.username, "update", "power_flow", std::to_string(power_id),
                               before.empty() ? "null" : steps_json(before), steps_json(after)}));
    LF_TRY(auto doc, store::flow_document(c, power_id));
    out.saved = true;
    out.view = view_of(power_id, model, std::move(after), doc ? doc->updated_at : "");
    return out;
  });
}

Result<std::string> PowerService::flow_bpmn(const Principal& who, int64_t power_id) {
  return db::read<std::string>(db_, [&](Connection& c) -> Result<std::string> {
    LF_TRY(Power p, readable(c, who, power_id));
    LF_TRY(auto doc, store::flow_document(c, power_id));
    if (!doc) return make_error("flow.not_found", "", 404);
    return doc->bpmn;
  });
}

Result<std::string> PowerService::flow_svg(const Principal& who, int64_t power_id) {
  return db::read<std::string>(db_, [&](Connection& c) -> Result<std::string> {
    LF_TRY(Power p, readable(c, who, power_id));
    LF_TRY(LoadedFlow f, load_flow(c, p));
    return formats::flow_svg(f.model, directory_of(f.posts));  // draws posts by name, not by id
  });
}

Result<std::string> PowerService::flow_pnml(const Principal& who, int64_t power_id) {
  return db::read<std::string>(db_, [&](Connection& c) -> Result<std::string> {
    LF_TRY(Power p, readable(c, who, power_id));
    LF_TRY(LoadedFlow f, load_flow(c, p));
    if (f.doc.pnml) return *f.doc.pnml;
    engine::PetriNet net = engine::compile_flow(f.model);
    net.name = p.name;
    return formats::write_pnml(net);
  });
}

Status PowerService::save_net(const Principal& who, int64_t power_id, const std::string& pnml) {
  if (pnml.size() > kMaxFlowBytes) return make_error("flow.too_large", "", 413);
  LF_TRY(engine::PetriNet net, formats::read_pnml(pnml));
  return db_.transaction([&](Connection& c) -> Status {
    LF_TRY(Power p, writable(c, who, power_id));
    LF_TRY(auto doc, store::flow_document(c, power_id));
    if (!doc) return make_error("flow.not_found", "", 404);
    LF_CHECK(store::save_net(c, power_id, pnml));
    const std::string summary = boost::json::serialize(boost::json::object{
        {"places", net.places.size()}, {"transitions", net.transitions.size()}, {"silent", net.silent_count()}});
    return audit::append(c, {who.id, who.username, "update", "power_net", std::to_string(power_id), "null", summary});
  });
}

}  // namespace lf::powers
