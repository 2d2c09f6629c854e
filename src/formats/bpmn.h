// BPMN 2.0 XML in and out. Reads files made by bpmn-js, Camunda Modeler, Signavio and others: the first
// process (or the process of the first participant), its lanes, tasks of every type, events, gateways and
// sequence flows; Lianfang's step properties from extension elements (namespace kLianfangNs, element
// <lf:step>), timer boundary events as time limits. Parts Lianfang does not understand are kept in the stored
// document untouched (the document is stored as uploaded; the model is derived from it).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "engine/flow.h"

namespace lf::formats {

inline constexpr const char* kLianfangNs = "urn:lianfang:bpmn:1";

// Parses BPMN XML. Errors: bpmn.not_xml, bpmn.no_process (with a message in both languages).
Result<engine::FlowModel> read_bpmn(std::string_view xml);

// Writes a flow as BPMN 2.0 XML with Lianfang extension elements and a diagram (BPMNDI) laid out left to right,
// one lane per distinct post/lane, so that bpmn-js shows it. Used for generated flows (demo data) and exports.
std::string write_bpmn(const engine::FlowModel& flow);
// The same, naming the lanes drawn for posts (when the flow has no lanes of its own) after the posts in
// `posts` rather than by the post ids the steps hold after check_flow.
std::string write_bpmn(const engine::FlowModel& flow, const engine::PostDirectory& posts);

}  // namespace lf::formats
