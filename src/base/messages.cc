// The message catalogue: every error a user can meet, in Chinese and English. Routes never invent text.
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/result.h"

namespace lf {
namespace {

struct Text {
  const char* zh;
  const char* en;
};

const std::unordered_map<std::string_view, Text>& catalogue() {
  static const std::unordered_map<std::string_view, Text> m = {
      // generic
      {"request.bad_json", {"请求内容不是有效的 JSON", "The request body is not valid JSON"}},
      {"request.field_type", {"字段类型不正确", "A field has the wrong type"}},
      {"request.page_invalid", {"页码必须是正整数", "page must be a positive integer"}},
      {"request.size_invalid", {"每页条数必须在 1 到 500 之间", "size must be between 1 and 500"}},
      {"request.id_invalid", {"编号无效", "Invalid id"}},
      {"request.not_found", {"请求的资源不存在", "Not found"}},
      {"request.method", {"不支持该请求方法", "Method not allowed"}},
      {"request.too_large", {"请求内容过大", "Request body too large"}},
      {"internal", {"服务器内部错误，请稍后重试", "Internal server error, please try again"}},
      {"db.constraint", {"数据冲突", "Conflict with existing data"}},
      // auth
      {"auth.required", {"请先登录", "Please log in"}},
      {"auth.bad_credentials", {"用户名或密码错误", "Wrong username or password"}},
      {"auth.locked", {"登录失败次数过多，请 15 分钟后再试", "Too many failed logins; try again in 15 minutes"}},
      {"auth.disabled", {"该账号已停用", "This account is disabled"}},
      {"auth.csrf_missing", {"缺少或错误的 CSRF 令牌，请刷新页面后重试", "Missing or wrong CSRF token; reload the page and retry"}},
      {"auth.forbidden", {"当前角色无权执行此操作", "Your role may not do this"}},
      {"auth.out_of_scope", {"超出您的管理范围", "Outside your scope"}},
      {"auth.password_weak", {"密码至少 8 位，且须同时包含字母和数字", "Password needs at least 8 characters with letters and digits"}},
      {"auth.username_invalid", {"用户名须为 3–32 位字母、数字、下划线或点", "Username must be 3–32 letters, digits, '_' or '.'"}},
      {"auth.username_taken", {"用户名已存在", "Username already taken"}},
      {"auth.role_invalid", {"角色无效", "Invalid role"}},
      {"auth.roles_required", {"至少选择一个角色", "Choose at least one role"}},
      {"auth.scope_invalid", {"管理范围无效：请选择一个单位或一个部门", "Invalid scope: choose one unit or one department"}},
      {"auth.display_name_required", {"请填写姓名", "Display name is required"}},
      {"auth.user_not_found", {"用户不存在", "User not found"}},
      {"auth.self_disable", {"不能停用自己的账号", "You cannot disable your own account"}},
      // org
      {"org.unit.not_found", {"单位不存在", "Unit not found"}},
      {"org.unit.code_invalid", {"单位代码须为 1–32 位字母、数字、下划线或连字符", "Unit code must be 1–32 letters, digits, '_' or '-'"}},
      {"org.unit.code_taken", {"单位代码已被使用", "Unit code already in use"}},
      {"org.unit.name_required", {"请填写单位名称", "Unit name is required"}},
      {"org.unit.name_too_long", {"单位名称不能超过 100 个字", "Unit name must be at most 100 characters"}},
      {"org.unit.kind_invalid", {"单位类型无效", "Invalid unit kind"}},
      {"org.unit.parent_invalid", {"上级单位无效", "Invalid parent unit"}},
      {"org.unit.cycle", {"不能把单位移到它自己的下级", "A unit cannot move under itself"}},
      {"org.unit.not_empty", {"该单位下还有下级单位、部门或人员，不能删除", "The unit still has units, departments or people"}},
      {"org.department.not_found", {"部门不存在", "Department not found"}},
      {"org.department.name_required", {"请填写部门名称", "Department name is required"}},
      {"org.department.name_too_long", {"部门名称不能超过 100 个字", "Department name must be at most 100 characters"}},
      {"org.department.duplicate", {"同级已有同名部门", "A sibling department has this name"}},
      {"org.department.parent_invalid", {"上级部门无效（须属于同一单位）", "Invalid parent department (must be in the same unit)"}},
      {"org.department.cycle", {"不能把部门移到它自己的下级", "A department cannot move under itself"}},
      {"org.department.not_empty", {"该部门下还有下级部门、岗位或人员，不能删除", "The department still has departments, posts or people"}},
      {"org.department.unit_required", {"请选择所属单位", "Choose the unit"}},
      {"org.post.not_found", {"岗位不存在", "Post not found"}},
      {"org.post.name_required", {"请填写岗位名称", "Post name is required"}},
      {"org.post.name_too_long", {"岗位名称不能超过 100 个字", "Post name must be at most 100 characters"}},
      {"org.post.duties_too_long", {"岗位职责不能超过 4000 个字", "Duties must be at most 4000 characters"}},
      {"org.post.tier_invalid", {"岗位层级无效（领导班子 / 中层 / 一般）", "Invalid tier (leader / middle / staff)"}},
      {"org.post.key_invalid", {"关键岗位标志无效", "Invalid key-post flag"}},
      {"org.post.headcount_invalid", {"编制人数须在 1 到 999 之间", "Headcount must be between 1 and 999"}},
      {"org.post.department_required", {"请选择所属部门", "Choose the department"}},
      {"org.post.in_use", {"该岗位有任职记录，不能删除", "The post has assignments and cannot be deleted"}},
      {"org.person.not_found", {"人员不存在", "Person not found"}},
      {"org.person.name_required", {"请填写姓名", "Name is required"}},
      {"org.person.name_too_long", {"姓名不能超过 50 个字", "Name must be at most 50 characters"}},
      {"org.person.employee_no_required", {"请填写工号", "Employee number is required"}},
      {"org.person.employee_no_taken", {"该单位已有此工号", "This employee number is already used in the unit"}},
      {"org.person.gender_invalid", {"性别无效", "Invalid gender"}},
      {"org.person.status_invalid", {"人员状态无效", "Invalid status"}},
      {"org.person.unit_required", {"请选择所属单位或部门", "Choose the unit or department"}},
      {"org.person.in_use", {"该人员有任职记录或关联账号，不能删除", "The person has assignments or an account"}},
      {"org.assignment.not_found", {"任职记录不存在", "Assignment not found"}},
      {"org.assignment.dates", {"任职日期无效：结束日期不能早于开始日期", "Invalid dates: the end cannot be before the start"}},
      {"org.assignment.date_invalid", {"日期格式应为 YYYY-MM-DD", "Dates must be YYYY-MM-DD"}},
      {"org.assignment.overlap", {"该人员在这段时间已任此岗位", "The person already holds this post over these dates"}},
      {"org.assignment.person_invalid", {"人员无效", "Invalid person"}},
      {"org.assignment.post_invalid", {"岗位无效", "Invalid post"}},
      // powers
      {"power.not_found", {"职权事项不存在", "Power not found"}},
      {"power.name_required", {"请填写权力名称", "Power name is required"}},
      {"power.name_too_long", {"权力名称不能超过 200 个字", "Power name must be at most 200 characters"}},
      {"power.text_too_long", {"内容过长（不超过 4000 个字）", "Text too long (at most 4000 characters)"}},
      {"power.code_invalid", {"职权编码须为 1–40 位字母、数字、下划线、点或连字符", "Power code must be 1–40 letters, digits, '_', '.' or '-'"}},
      {"power.code_taken", {"本单位已有此职权编码", "This power code is already used in the unit"}},
      {"power.category_invalid", {"职权类别不在本单位的类别清单中", "The category is not in the unit's list"}},
      {"power.status_invalid", {"状态无效（草稿 / 施行 / 废止）", "Invalid status (draft / in force / repealed)"}},
      {"power.unit_required", {"请选择所属单位或部门", "Choose the unit or department"}},
      {"power.post_invalid", {"办理岗位须是本单位的岗位", "Posts must belong to the power's unit"}},
      {"power.time_limit_invalid", {"承诺时限须为 1 到 365 个工作日", "The time limit must be 1 to 365 working days"}},
      {"power.not_draft", {"只能删除草稿状态的职权；已施行的请改为废止", "Only drafts can be deleted; repeal a power in force instead"}},
      {"power.category_name_required", {"请填写类别名称", "Category name is required"}},
      {"power.category_taken", {"已有同名类别", "A category with this name exists"}},
      {"power.category_preset", {"预置类别不能删除", "Preset categories cannot be deleted"}},
      {"power.category_not_found", {"类别不存在", "Category not found"}},
      {"flow.not_found", {"该职权尚未绘制权力运行流程图", "This power has no flow yet"}},
      {"flow.invalid", {"流程图有问题，未保存", "The flow has problems and was not saved"}},
      {"flow.too_large", {"流程图文件过大", "The flow file is too large"}},
      {"import.invalid", {"导入文件有错误，未导入任何内容", "The file has errors; nothing was imported"}},
      {"import.no_sheet", {"文件中没有找到所需的表头", "No sheet with the expected headings was found"}},
      {"import.unknown_department", {"找不到部门“{}”", "No department named “{}”"}},
      {"import.unknown_post", {"岗位“{}”不是本单位的岗位", "“{}” is not a post of the unit"}},
      {"import.ambiguous_post", {"本单位有多个名为“{}”的岗位，请在岗位所在部门的表中填写", "Several posts of the unit are named “{}”; list the power under that post's department"}},
      {"import.name_required", {"权力名称不能为空", "The power name is empty"}},
      {"import.duplicate_row", {"同一部门重复列出了“{}”", "“{}” is listed twice for the same department"}},
      {"import.variant_invalid", {"表格样式无效", "Unknown form variant"}},
      // risks
      {"risk.not_found", {"风险点不存在", "Risk point not found"}},
      {"risk.description_required", {"请填写廉政风险点", "Describe the risk point"}},
      {"risk.text_too_long", {"内容过长", "Text too long"}},
      {"risk.finding_method_invalid", {"查找方式无效（自己找、群众提、互相查、领导点、组织评）", "Invalid finding method"}},
      {"risk.class_invalid", {"风险分类无效（廉洁风险 / 管理风险）", "Invalid risk class (integrity / management)"}},
      {"risk.category_invalid", {"风险类别不在本单位的类别清单中", "The category is not in the unit's list"}},
      {"risk.post_invalid", {"岗位无效", "Invalid post"}},
      {"risk.department_invalid", {"部门无效", "Invalid department"}},
      {"risk.unit_required", {"请选择风险点所属的单位、部门或岗位", "Choose the unit, department or post"}},
      {"risk.power_invalid", {"职权须是本单位的职权", "The power must be one of the unit's powers"}},
      {"risk.step_invalid", {"流程环节不存在", "No such step in the power's flow"}},
      {"risk.level_invalid", {"风险等级无效（高 / 中 / 低）", "Invalid level (high / medium / low)"}},
      {"risk.level_required", {"纪委界定时须确定风险等级", "The level must be set when the office defines it"}},
      {"risk.stage_invalid", {"环节无效", "Invalid stage"}},
      {"risk.override_reason_required", {"与计算结果不同的等级须说明理由", "A level other than the computed one needs a reason"}},
      {"risk.not_editable", {"风险点已提交，不能再修改内容；如需修改请先退回", "Submitted risks cannot be edited; return it first"}},
      {"risk.action_invalid", {"当前环节不能执行此操作", "This action does not apply at the current stage"}},
      {"risk.comment_required", {"请填写意见或理由", "A comment is required"}},
      {"risk.publicity_until_invalid", {"公示截止日期无效", "Invalid end of the publicity period"}},
      {"risk.publicity_running", {"公示期尚未结束，不能备案", "The publicity period has not ended"}},
      {"risk.cycle_closed", {"该年度风险台账已封存，不能修改", "The year's register is closed"}},
      {"risk.cycle_not_found", {"年度周期不存在", "Cycle not found"}},
      {"risk.batch_size", {"批量操作须选择 1 到 500 个风险点", "Choose 1 to 500 risk points"}},
      // event logs and conformance
      {"xes.not_xml", {"XES 文件不是有效的 XML", "The XES file is not valid XML"}},
      {"xes.no_log", {"XES 文件中没有 log 元素", "The XES file has no log element"}},
      {"xes.event_without_activity", {"XES 文件中有事件缺少活动名称（concept:name）", "An XES event has no activity (concept:name)"}},
      {"xes.bad_date", {"XES 文件中有无法识别的日期", "An XES date cannot be read"}},
      {"xes.unreadable", {"无法读取 XES 文件", "The XES file cannot be read"}},
      {"xes.bad_gzip", {"XES.gz 文件解压失败", "The XES.gz file cannot be decompressed"}},
      {"csv.empty", {"CSV 文件为空", "The CSV file is empty"}},
      {"csv.missing_column", {"CSV 文件缺少所需的列", "The CSV file lacks a required column"}},
      {"csv.bad_row", {"CSV 文件中有格式错误的行", "The CSV file has a malformed row"}},
      {"csv.empty_value", {"CSV 文件中有必填值为空", "A required CSV value is empty"}},
      {"csv.bad_time", {"CSV 文件中有无法识别的时间", "A CSV time cannot be read"}},
      {"csv.unreadable", {"无法读取 CSV 文件", "The CSV file cannot be read"}},
      {"alignment.no_final_marking", {"流程模型没有终止标识，无法计算对齐", "The model has no final marking; no alignment possible"}},
      {"alignment.too_large", {"对齐搜索超出上限，请简化模型或拆分日志", "The alignment search exceeded its limit"}},
      {"conformance.model_unreadable", {"无法读取流程模型（需 PNML 或 BPMN）", "The model cannot be read (PNML or BPMN expected)"}},
      {"demo.not_empty", {"数据库中已有数据，不能再载入演示数据", "The store already has data; demo data not loaded"}},
      // xlsx
      {"xlsx.not_xlsx", {"文件不是有效的 Excel 工作簿（.xlsx）", "The file is not a valid Excel workbook (.xlsx)"}},
      {"xlsx.too_large", {"Excel 文件过大：解压后超过 64 MB 或超过 100 万个单元格", "The workbook is too large: over 64 MB uncompressed or over 1,000,000 cells"}},
      {"xlsx.too_many_rows", {"行数或列数超过 Excel 的上限", "Too many rows or columns for Excel"}},
      {"xlsx.cell_too_long", {"单元格内容超过 Excel 的上限（32767 个字符）", "A cell exceeds Excel's limit of 32,767 characters"}},
      {"xlsx.write_failed", {"生成 Excel 文件失败，请稍后重试", "Could not create the Excel file; please try again"}},
      // pdf
      {"pdf.cell_too_long", {"单元格内容过长（超过 32767 个字符），无法生成 PDF", "A cell is too long for the PDF (over 32,767 characters)"}},
      {"pdf.write_failed", {"生成 PDF 文件失败，请稍后重试", "Could not create the PDF file; please try again"}},
      // flows (engine/flow.cc fills the placeholders: {node} is a node's kind and name, e.g. 步骤“付款”)
      {"flow.kind.task", {"步骤", "step"}},
      {"flow.kind.start_event", {"开始事件", "start event"}},
      {"flow.kind.end_event", {"结束事件", "end event"}},
      {"flow.kind.gateway", {"网关", "gateway"}},
      {"flow.kind.intermediate_event", {"中间事件", "intermediate event"}},
      {"flow.no_start", {"流程没有开始事件", "The flow has no start event"}},
      {"flow.many_starts", {"流程只能有一个开始事件，{node}是多余的", "A flow has exactly one start event; {node} is one too many"}},
      {"flow.no_end", {"流程没有结束事件", "The flow has no end event"}},
      {"flow.unreachable", {"{node}无法从开始事件到达", "{node} cannot be reached from the start"}},
      {"flow.dead_end", {"{node}无法到达结束事件", "{node} cannot reach an end event"}},
      {"flow.unnamed_task", {"{node}没有名称", "{node} has no name"}},
      {"flow.no_post", {"{node}没有指定办理岗位", "{node} has no post assigned"}},
      {"flow.unknown_post", {"{node}的岗位“{post}”不是本单位的岗位", "The post “{post}” of {node} is not a post of the unit"}},
      {"flow.ambiguous_post", {"本单位有多个岗位名为“{post}”，请为{node}指定岗位编号", "Several posts of the unit are named “{post}”; give {node} a post id"}},
      {"flow.limit_not_positive", {"{node}的审批限额和集体决策金额必须大于零（当前为 {amount} 分）", "Authorisation limits and the collective-decision amount of {node} must be positive (found {amount} fen)"}},
      {"flow.time_limit_not_positive", {"{node}的办理时限必须大于零（当前为 {days} 个工作日）", "The time limit of {node} must be positive (found {days} working days)"}},
      {"flow.sod_unknown_step", {"{node}要求与“{other}”不相容，但流程中没有这个步骤", "{node} must be separated from “{other}”, which is not a step of the flow"}},
      {"flow.sod_self", {"{node}不能与自身不相容", "{node} cannot be separated from itself"}},
      {"flow.edge_dangling", {"顺序流 {edge} 连接了不存在的节点“{other}”", "Sequence flow {edge} connects to a missing node “{other}”"}},
      // BPMN and PNML files
      {"bpmn.not_xml", {"文件不是有效的 XML，无法作为 BPMN 流程读取", "The file is not valid XML and cannot be read as BPMN"}},
      {"bpmn.no_process", {"BPMN 文件中没有流程（process）", "The BPMN file contains no process"}},
      {"pnml.not_xml", {"文件不是有效的 XML，无法作为 PNML 读取", "The file is not valid XML and cannot be read as PNML"}},
      {"pnml.no_net", {"PNML 文件中没有 Petri 网（net）", "The PNML file contains no net"}},
      {"pnml.bad_arc", {"PNML 文件中有一条弧没有连接一个库所和一个变迁", "An arc of the PNML file does not join a place and a transition"}},
      // risk grading (modules/risks/grading.cc): {why} is one of the risk.grading_why.* texts below, whose {max},
      // {n} and {preset} it fills with numbers and a preset name
      {"risk.grading_preset_unknown", {"没有名为“{}”的评级预设", "There is no grading preset named “{}”"}},
      {"risk.grading_model_invalid", {"评级模型设置有误：{why}", "The grading model is invalid: {why}"}},
      {"risk.grading_input_invalid", {"评级依据有误：{why}", "The grading inputs are invalid: {why}"}},
      {"risk.grading_why.model.method", {"评级方法须为 matrix（可能性 × 影响矩阵）、criteria（标准计数）、consequence（后果与权力类型）或 lec 之一", "the method must be matrix, criteria, consequence or lec"}},
      {"risk.grading_why.model.preset", {"预设“{preset}”不属于所选的评级方法", "the preset “{preset}” belongs to another method"}},
      {"risk.grading_why.model.size", {"矩阵大小须为 3 到 5 的整数（3×3 到 5×5）", "the matrix size must be a whole number from 3 to 5"}},
      {"risk.grading_why.model.medium_from", {"“中”的起始分值须为 1 到 {max} 的整数，且低于“高”的起始分值", "the medium cut-off must be a whole number from 1 to {max}, below the high cut-off"}},
      {"risk.grading_why.model.high_from", {"“高”的起始分值须为整数，高于“中”的起始分值且不超过 {max}", "the high cut-off must be a whole number above the medium cut-off and at most {max}"}},
      {"risk.grading_why.model.criteria", {"须恰好列出 {n} 条互不相同的评级标准，每条 1 到 {max} 个字", "exactly {n} different criteria are needed, each 1 to {max} characters"}},
      {"risk.grading_why.model.criteria_medium", {"定为“中”所需符合的标准条数须为 1 到 {n} 的整数，且少于定为“高”的条数", "the criteria count for medium must be a whole number from 1 to {n}, below the count for high"}},
      {"risk.grading_why.model.criteria_high", {"定为“高”所需符合的标准条数须为整数，多于定为“中”的条数且不超过 {n}", "the criteria count for high must be a whole number above the count for medium and at most {n}"}},
      {"risk.grading_why.model.high_power_types", {"高风险权力类型须为互不相同的文字，每项 1 到 {max} 个字", "high-risk power types must be different texts of 1 to {max} characters"}},
      {"risk.grading_why.model.lec_medium", {"LEC 的“中”界限须为大于零的数，且低于“高”界限", "the LEC medium band must be a number above zero, below the high band"}},
      {"risk.grading_why.model.lec_high", {"LEC 的“高”界限须为数值，且高于“中”界限", "the LEC high band must be a number above the medium band"}},
      {"risk.grading_why.model.display", {"等级显示方式须为 gzd（高/中/低）、level123（一级/二级/三级）或 abc（A/B/C）", "the display must be gzd (High/Medium/Low), level123 (Level 1/2/3) or abc (A/B/C)"}},
      {"risk.grading_why.model.validity_years", {"评级有效期须为 1 到 5 年的整数", "the validity must be a whole number of 1 to 5 years"}},
      {"risk.grading_why.input.likelihood", {"可能性须为 1 到 {max} 的整数", "likelihood must be a whole number from 1 to {max}"}},
      {"risk.grading_why.input.impact", {"影响程度须为 1 到 {max} 的整数", "impact must be a whole number from 1 to {max}"}},
      {"risk.grading_why.input.criteria", {"须对 {n} 条标准逐条回答“是”或“否”", "answer each of the {n} criteria with yes or no"}},
      {"risk.grading_why.input.consequence", {"后果须为 crime（可能构成犯罪）、discipline（可能受到党纪政务处分）或 minor（影响较小）之一", "the consequence must be crime, discipline or minor"}},
      {"risk.grading_why.input.power_type", {"权力类型须为文字", "the power type must be text"}},
      {"risk.grading_why.input.L", {"L（发生的可能性）须为大于 0、不超过 {max} 的数", "L (likelihood) must be a number above 0 and at most {max}"}},
      {"risk.grading_why.input.E", {"E（暴露的频繁程度）须为大于 0、不超过 {max} 的数", "E (exposure) must be a number above 0 and at most {max}"}},
      {"risk.grading_why.input.C", {"C（后果的严重程度）须为大于 0、不超过 {max} 的数", "C (consequence) must be a number above 0 and at most {max}"}},
      // procurement red flags (lianfang redflags)
      {"ini.syntax", {"设置文件第 {} 行无法识别：应为 [节]、键 = 值 或注释", "Line {} of the settings file is not a [section], a key = value or a comment"}},
      {"redflags.settings_unreadable", {"无法读取设置文件“{}”", "Cannot read the settings file “{}”"}},
      {"redflags.settings_unknown_section", {"设置文件中有未知的节 [{}]", "Unknown section [{}] in the settings file"}},
      {"redflags.settings_unknown_key", {"设置文件中有未知的设置项“{}”", "Unknown setting “{}” in the settings file"}},
      {"redflags.settings_bad_value", {"设置项“{}”的值无效", "The value of the setting “{}” is invalid"}},
      {"redflags.input_unreadable", {"无法打开采购数据文件“{}”", "Cannot open the procurement data file “{}”"}},
      {"redflags.input_read", {"读取采购数据时出错", "Reading the procurement data failed"}},
      {"redflags.line_invalid", {"第 {} 行不是有效的 JSON，已跳过", "Line {} is not valid JSON; skipped"}},
      {"redflags.settings_missing_key", {"设置文件缺少设置项“{}”", "The setting “{}” is missing from the settings file"}},
      {"redflags.blacklist_unreadable", {"无法读取黑名单文件“{}”", "Cannot read the debarment list “{}”"}},
      {"redflags.blacklist_invalid", {"黑名单文件“{}”格式无效", "The debarment list “{}” is not valid"}},
  };
  return m;
}

}  // namespace

Error make_error(std::string_view code, std::string_view field, int status) {
  Error e;
  e.code = std::string(code);
  e.field = std::string(field);
  e.status = status;
  auto it = catalogue().find(code);
  if (it != catalogue().end()) {
    e.message = it->second.zh;
    e.message_en = it->second.en;
  } else {
    e.message = e.code;
    e.message_en = e.code;
  }
  return e;
}

Error make_error_arg(std::string_view code, std::string_view field, std::string_view arg, int status) {
  Error e = make_error(code, field, status);
  for (std::string* text : {&e.message, &e.message_en})
    if (auto at = text->find("{}"); at != std::string::npos) text->replace(at, 2, arg);
  return e;
}

Error internal_error(std::string_view detail) {
  Error e = make_error("internal", "", 500);
  e.detail = std::string(detail);
  return e;
}

}  // namespace lf
