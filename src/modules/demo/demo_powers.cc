// The demo power catalogue: powers of the college, the bureau and the commission, each with a flow drawn the
// way these offices draw them (申请 → 审核 → 审批 → 办结), with separation of duties, authorisation limits and
// collective decisions where the seeds call for them. Flows are built as models and written as BPMN, so that
// the stored document is what a person would have drawn in the editor.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "engine/flow.h"
#include "formats/bpmn.h"
#include "modules/demo/demo_powers.h"
#include "modules/powers/store.h"

namespace lf::demo {
namespace {

struct StepSpec {
  const char* name;
  const char* post;  // post key of demo_data.cc
  int days = 0;      // time limit in working days; 0 = none
  std::vector<const char*> different_from;  // names of earlier steps another person must have done
  std::vector<std::pair<const char*, int64_t>> limits;  // post key, yuan
  int64_t collective_above_yuan = 0;
  bool supervision = false;
  const char* materials = "";
};

// A flow is a sequence of blocks: one step, or a choice / parallel run of branches (each a sequence of steps).
struct Block {
  enum Kind { step, choice, parallel } kind = step;
  StepSpec one{};
  std::vector<std::vector<StepSpec>> branches{};
};

Block S(StepSpec s) { return Block{Block::step, std::move(s), {}}; }
Block XOR(std::vector<std::vector<StepSpec>> b) { return Block{Block::choice, {}, std::move(b)}; }
Block AND(std::vector<std::vector<StepSpec>> b) { return Block{Block::parallel, {}, std::move(b)}; }

struct PowerSpec {
  const char* department;  // department key; the unit follows
  const char* name;
  const char* category;
  const char* content;
  const char* basis;
  std::vector<const char*> posts;  // post keys: 办理主体
  int time_limit;                  // promised working days; 0 = none
  const char* status;
  std::vector<Block> flow;
};

const std::vector<PowerSpec>& specs() {
  static const std::vector<PowerSpec> all = {
      {"zy.zccg", "物资采购", "执行权",
       "学院货物、服务采购的申请、审核、采购方式确定、询价或招标、评审、合同签订、验收和付款",
       "《中华人民共和国政府采购法》第二十六条；《学院采购管理办法》第八条",
       {"zy.zccg.cz", "zy.zccg.cg", "zy.zccg.zb"}, 30, "in_force",
       {S({"申请", "zy.hqc.wx", 2}),
        S({"部门审核", "zy.zccg.fcz", 3}),
        S({"采购方式确定", "zy.zccg.cz", 2}),
        XOR({{{"询价", "zy.zccg.cg", 5}}, {{"招标", "zy.zccg.zb", 20, {}, {}, 0, true}}}),
        S({"评审", "zy.zccg.zb", 3, {}, {}, 0, true}),
        S({"合同签订", "zy.zccg.cz", 5, {}, {{"zy.zccg.cz", 200000}, {"zy.yld.fyz1", 500000}}, 500000}),
        S({"验收", "zy.zccg.zc", 5, {"申请"}}),
        S({"付款", "zy.cwc.cn", 5, {"部门审核"}, {{"zy.cwc.cz", 200000}}})}},
      {"zy.cwc", "费用报销", "执行权", "教职工因公支出的报销审核、审批与支付",
       "《学院财务报销管理办法》第五条至第十二条", {"zy.cwc.kj", "zy.cwc.cz", "zy.cwc.cn"}, 10, "in_force",
       {S({"提交报销单", "zy.dzb.ws", 1}),
        S({"会计审核", "zy.cwc.kj", 3}),
        S({"财务处长审批", "zy.cwc.cz", 2, {}, {{"zy.cwc.cz", 50000}}}),
        XOR({{}, {{"分管院领导审批", "zy.yld.fyz1", 3, {}, {{"zy.yld.fyz1", 500000}}, 500000}}}),
        S({"出纳付款", "zy.cwc.cn", 2, {"会计审核"}})}},
      {"zy.zsjy", "招生录取", "决策权", "招生计划制定、报名资格审核、录取名单拟定、审定和公示",
       "《普通高等学校招生工作规定》第三十条；《学院招生工作实施细则》", {"zy.zsjy.cz", "zy.zsjy.zs"}, 0,
       "in_force",
       {S({"制定招生计划", "zy.zsjy.cz", 10}),
        S({"报名资格审核", "zy.zsjy.zs", 5}),
        S({"录取名单拟定", "zy.zsjy.fcz", 3}),
        S({"招生领导小组审定", "zy.zsjy.cz", 2, {"录取名单拟定"}, {}, 0, true}),
        S({"录取公示", "zy.zsjy.zs", 5, {}, {}, 0, true}),
        S({"发放录取通知", "zy.zsjy.zs", 3})}},
      {"zy.jjc", "基建工程变更", "执行权", "在建工程设计变更、签证的申请、造价审核、审批和结算",
       "《建设工程价款结算暂行办法》第十条；《学院基建工程管理办法》第二十一条", {"zy.jjc.cz", "zy.jjc.zj"}, 15,
       "in_force",
       {S({"变更申请", "zy.jjc.xm", 2}),
        S({"造价审核", "zy.jjc.zj", 5, {"变更申请"}}),
        S({"处长审批", "zy.jjc.cz", 3, {}, {{"zy.jjc.cz", 100000}}}),
        XOR({{}, {{"院长办公会决策", "zy.yld.yz", 10, {}, {}, 500000, true}}}),
        S({"变更实施", "zy.jjc.xm", 30}),
        S({"结算审核", "zy.jjc.zj", 10, {"变更申请"}})}},
      {"zy.kyc", "科研经费报销", "执行权", "纵向、横向科研项目经费的报销审核和支付",
       "《关于进一步完善中央财政科研项目资金管理等政策的若干意见》；《学院科研经费管理办法》第十四条",
       {"zy.kyc.jf", "zy.kyc.cz"}, 10, "in_force",
       {S({"项目负责人申请", "zy.kyc.xm", 1}), S({"科研处审核", "zy.kyc.jf", 3}),
        S({"科研处长审批", "zy.kyc.cz", 2, {}, {{"zy.kyc.cz", 100000}}}), S({"财务审核", "zy.cwc.kj", 3}),
        S({"出纳付款", "zy.cwc.cn", 2, {"科研处审核"}})}},
      {"zy.xgc", "奖助学金评定", "确认", "国家奖学金、助学金和学院奖学金的评定、公示和发放",
       "《国家助学金管理办法》第九条；《学院学生奖助学金评定办法》", {"zy.xgc.zz", "zy.xgc.cz"}, 0, "in_force",
       {S({"学生申请", "zy.xgc.zz", 5}), S({"学生工作处审核", "zy.xgc.zz", 5}),
        S({"处长审定", "zy.xgc.cz", 3, {"学生工作处审核"}}), S({"评定公示", "zy.xgc.zz", 5, {}, {}, 0, true}),
        S({"资金发放", "zy.cwc.cn", 5})}},
      {"zy.rsc", "人员招聘", "决策权", "编制内人员公开招聘的计划、公告、资格审查、考试、考察和聘用",
       "《事业单位公开招聘人员暂行规定》第十二条；《学院公开招聘工作实施办法》", {"zy.rsc.cz", "zy.rsc.dp"}, 0,
       "in_force",
       {S({"用人需求申报", "zy.rsc.dp", 10}),
        S({"招聘计划审批", "zy.yld.sj", 5, {}, {}, 0, true}),
        S({"发布招聘公告", "zy.rsc.dp", 2}),
        S({"资格审查", "zy.rsc.dp", 5}),
        AND({{{"笔试", "zy.rsc.fcz", 1}}, {{"面试", "zy.rsc.cz", 1, {}, {}, 0, true}}}),
        S({"考察体检", "zy.rsc.fcz", 10}),
        S({"拟聘公示", "zy.rsc.dp", 7, {}, {}, 0, true}),
        S({"办理聘用", "zy.rsc.dp", 5, {"资格审查"}})}},
      {"zy.rsc", "专业技术职务评审", "确认", "教师及其他专业技术人员职称的申报、资格审查、评审、公示和聘任",
       "《职称评审管理暂行规定》第十九条", {"zy.rsc.zc"}, 0, "in_force",
       {S({"个人申报", "zy.rsc.zc", 10}), S({"资格审查", "zy.rsc.zc", 5}),
        S({"评审委员会评审", "zy.rsc.cz", 3, {"资格审查"}, {}, 0, true}), S({"评审结果公示", "zy.rsc.zc", 7, {}, {}, 0, true}),
        S({"聘任", "zy.yld.sj", 5})}},
      {"zy.rsc", "工资薪酬发放", "给付", "工资变动、绩效工资核算和发放", "《学院绩效工资分配办法》",
       {"zy.rsc.xc", "zy.cwc.cn"}, 0, "in_force",
       {S({"工资变动核算", "zy.rsc.xc", 5}), S({"人事处长审核", "zy.rsc.cz", 2}),
        S({"财务发放", "zy.cwc.cn", 3, {"工资变动核算"}})}},
      {"zy.cwc", "学生收费管理", "征收", "学费、住宿费等收费的公示、收取、票据和对账",
       "《高等学校收费管理暂行办法》第十一条", {"zy.cwc.sf", "zy.cwc.kj"}, 0, "in_force",
       {S({"收费标准公示", "zy.cwc.sf", 5, {}, {}, 0, true}), S({"收费", "zy.cwc.sf", 1}),
        S({"开具票据", "zy.cwc.sf", 1}), S({"对账", "zy.cwc.kj", 5, {"收费"}})}},
      {"zy.cwc", "部门预算编制", "决策权", "年度部门预算的申报、汇总、审核和审定",
       "《中华人民共和国预算法》第三十二条；《学院预算管理办法》", {"zy.cwc.ys", "zy.cwc.cz"}, 0, "in_force",
       {S({"部门预算申报", "zy.cwc.ys", 15}), S({"预算汇总", "zy.cwc.ys", 5}), S({"财务处长审核", "zy.cwc.cz", 3}),
        S({"院长办公会审定", "zy.yld.yz", 10, {}, {}, 1, true}), S({"预算下达", "zy.cwc.ys", 3})}},
      {"zy.dzb", "印章使用审批", "非许可审批", "学院公章、党委印章的用印申请、审批和登记",
       "《学院印章管理规定》第六条", {"zy.dzb.zr", "zy.dzb.yz"}, 1, "in_force",
       {S({"用印申请", "zy.dzb.ws", 1}), S({"主任审批", "zy.dzb.zr", 1}), S({"用印登记", "zy.dzb.yz", 1, {"用印申请"}})}},
      {"zy.hqc", "食堂原材料采购", "执行权", "食堂大宗原材料的采购计划、询价、验收和结算",
       "《学校食品安全与营养健康管理规定》第三十三条；《学院后勤物资采购管理办法》", {"zy.hqc.st", "zy.hqc.cz"}, 0,
       "in_force",
       {S({"采购计划", "zy.hqc.st", 2}), S({"后勤处长审批", "zy.hqc.cz", 1, {}, {{"zy.hqc.cz", 50000}}}),
        S({"询价比价", "zy.hqc.st", 2}), S({"验收入库", "zy.hqc.fcz", 1, {"采购计划"}}), S({"结算", "zy.cwc.kj", 5})}},
      {"zy.tsg", "图书资料采购", "执行权", "图书、期刊和数据库的征订、采编、验收和付款", "《学院图书资料采购管理办法》",
       {"zy.tsg.cb", "zy.tsg.gz"}, 0, "in_force",
       {S({"征订", "zy.tsg.cb", 10}), S({"馆长审批", "zy.tsg.gz", 3, {}, {{"zy.tsg.gz", 100000}}}),
        S({"验收登记", "zy.tsg.lt", 5, {"征订"}}), S({"付款", "zy.cwc.cn", 5})}},
      {"zy.zsjy", "毕业生就业推荐", "其他", "用人单位需求登记、毕业生推荐和就业协议鉴证", "《学院毕业生就业工作管理办法》",
       {"zy.zsjy.jy"}, 0, "in_force",
       {S({"需求登记", "zy.zsjy.jy", 2}), S({"推荐", "zy.zsjy.jy", 5}), S({"处长审核", "zy.zsjy.cz", 2})}},
      {"zy.zccg", "国有资产处置", "决策权", "固定资产报废、转让等处置的申请、核查、审批和收入上缴",
       "《事业单位国有资产管理暂行办法》第二十五条", {"zy.zccg.zc", "zy.zccg.cz"}, 0, "in_force",
       {S({"处置申请", "zy.hqc.fcz", 2}), S({"资产核查", "zy.zccg.zc", 5}),
        S({"资产处长审核", "zy.zccg.cz", 3, {}, {{"zy.zccg.cz", 100000}}}),
        XOR({{}, {{"院长办公会审批", "zy.yld.yz", 10, {}, {}, 100000, true}}}),
        S({"处置实施", "zy.zccg.zc", 20, {"处置申请"}}), S({"收入上缴", "zy.cwc.kj", 5})}},
      {"zy.jwb", "信访举报受理", "监督权", "来信、来访、网络举报的受理、初核、审批和办结",
       "《信访工作条例》第二十二条；《纪检监察机关处理检举控告工作规则》", {"zy.jwb.xf", "zy.jwb.gs"}, 15,
       "in_force",
       {S({"受理登记", "zy.jwb.xf", 1}), S({"初步核实", "zy.jwb.gs", 10}), S({"主任审批", "zy.jwb.zr", 3, {"初步核实"}}),
        S({"办结反馈", "zy.jwb.xf", 2})}},
      {"zy.yld", "“三重一大”事项集体决策", "决策权", "重大决策、重要干部任免、重大项目安排和大额资金使用的集体决策",
       "《关于进一步推进国有企业贯彻落实“三重一大”决策制度的意见》；《学院“三重一大”决策制度实施办法》",
       {"zy.yld.sj", "zy.yld.yz"}, 0, "in_force",
       {S({"议题提出", "zy.dzb.zr", 5}), S({"会前酝酿", "zy.yld.fsj", 5}),
        S({"党委会集体决策", "zy.yld.sj", 1, {}, {}, 1, true}), S({"决策执行", "zy.yld.yz", 30}),
        S({"执行情况报告", "zy.dzb.zr", 10})}},
      {"sp.tzjs", "建设工程施工许可", "许可",
       "房屋建筑和市政基础设施工程施工许可证的受理、审查、现场勘验、审核、决定和发证",
       "《中华人民共和国建筑法》第七条、第八条；《建筑工程施工许可管理办法》第四条",
       {"sp.tzjs.spy", "sp.spk.kz", "sp.zwfw.ck"}, 20, "in_force",
       {S({"窗口受理", "sp.zwfw.ck", 1, {}, {}, 0, false, "申请表、用地批准文件、规划许可证、施工合同"}),
        AND({{{"材料审查", "sp.tzjs.spy", 5}}, {{"现场勘验", "sp.kyps.kyy", 5, {}, {}, 0, true}}}),
        S({"审批科审核", "sp.spk.kz", 5, {"材料审查"}}),
        S({"分管局长审批", "sp.jld.fjz", 3, {"审批科审核"}}),
        S({"发证", "sp.zwfw.ck", 1})}},
      {"sp.shsw", "民办职业培训学校设立审批", "许可", "民办职业培训学校设立申请的受理、审查、决定和送达",
       "《中华人民共和国民办教育促进法》第十二条", {"sp.shsw.spy", "sp.spk.kz"}, 20, "in_force",
       {S({"受理", "sp.zwfw.ck", 1}), S({"审查", "sp.shsw.spy", 10}), S({"审核", "sp.spk.kz", 5, {"审查"}}),
        S({"决定", "sp.jld.fjz", 3}), S({"送达", "sp.zwfw.ck", 1})}},
      {"sp.tzjs", "企业投资项目备案", "其他", "企业投资项目的备案受理、审查和备案", "《企业投资项目核准和备案管理条例》第十三条",
       {"sp.tzjs.spy"}, 3, "in_force",
       {S({"备案受理", "sp.zwfw.ck", 1}), S({"备案审查", "sp.tzjs.spy", 1}), S({"予以备案", "sp.spk.kz", 1})}},
      {"sp.bgs", "办公经费报销", "执行权", "机关办公经费的报销审核、审批和支付", "《党政机关厉行节约反对浪费条例》第十条",
       {"sp.bgs.zr", "sp.bgs.cw"}, 0, "in_force",
       {S({"报销申请", "sp.zwfw.ck", 1}), S({"办公室主任审核", "sp.bgs.zr", 2}),
        S({"局长审批", "sp.jld.jz", 2, {}, {{"sp.jld.jz", 100000}}}), S({"会计支付", "sp.bgs.cw", 2, {"办公室主任审核"}})}},
      {"sjw.jc1", "问题线索处置", "监督权", "问题线索的受理、初步核实、集体研究和分类处置",
       "《中国共产党纪律检查机关监督执纪工作规则》第二十一条", {"sjw.jc1.jcy", "sjw.jc1.zr"}, 0, "draft",
       {S({"线索受理", "sjw.jc1.jcy", 2}), S({"初步核实", "sjw.jc1.jcy", 30}),
        S({"集体研究", "sjw.jc1.zr", 5, {"初步核实"}, {}, 0, true}),
        XOR({{{"立案审查", "sjw.jc1.zr", 5}}, {{"予以了结", "sjw.jc1.zr", 5}}})}},
  };
  return all;
}

// Builds the flow model of a spec: a start event, the blocks in order (gateways around choices and parallel
// runs), an end event. Posts and limit posts are the store's ids as text; lanes are post names.
class FlowBuilder {
 public:
  FlowBuilder(const std::map<std::string, std::pair<int64_t, std::string>>& posts) : posts_(posts) {}

  engine::FlowModel build(const PowerSpec& spec) {
    model_ = {};
    model_.process_id = "Process_1";
    model_.name = spec.name;
    std::string last = add_node(engine::NodeKind::start_event, "开始");
    for (const auto& block : spec.flow) {
      if (block.kind == Block::step) {
        last = link(last, add_step(block.one));
        continue;
      }
      const auto kind = block.kind == Block::choice ? engine::NodeKind::exclusive_gateway : engine::NodeKind::parallel_gateway;
      const std::string split = link(last, add_node(kind, ""));
      const std::string join = add_node(kind, "");
      for (const auto& branch : block.branches) {
        std::string at = split;
        for (const auto& s : branch) at = link(at, add_step(s));
        link(at, join);
      }
      last = join;
    }
    link(last, add_node(engine::NodeKind::end_event, "办结"));
    return std::move(model_);
  }

 private:
  std::string add_node(engine::NodeKind kind, const std::string& name) {
    engine::FlowNode n;
    n.kind = kind;
    n.name = name;
    n.id = (kind == engine::NodeKind::task ? "Task_" : kind == engine::NodeKind::start_event ? "Start_"
            : kind == engine::NodeKind::end_event ? "End_" : "Gateway_") + std::to_string(++count_);
    model_.nodes.push_back(n);
    return n.id;
  }

  std::string add_step(const StepSpec& s) {
    const std::string id = add_node(engine::NodeKind::task, s.name);
    engine::FlowNode& n = model_.nodes.back();
    const auto& [post_id, post_name] = posts_.at(s.post);
    n.post = std::to_string(post_id);
    n.lane = post_name;
    if (std::find(model_.lanes.begin(), model_.lanes.end(), post_name) == model_.lanes.end())
      model_.lanes.push_back(post_name);
    if (s.days > 0) n.time_limit_days = s.days;
    for (const char* other : s.different_from) n.different_from.push_back(step_ids_.at(other));
    for (const auto& [post, yuan] : s.limits) n.limits.push_back({std::to_string(posts_.at(post).first), yuan * 100});
    if (s.collective_above_yuan > 0) n.collective_above_fen = s.collective_above_yuan * 100;
    n.materials = s.materials;
    n.supervision_point = s.supervision;
    step_ids_[s.name] = id;
    return id;
  }

  std::string link(const std::string& from, const std::string& to) {
    model_.edges.push_back({"Flow_" + std::to_string(++count_), from, to, ""});
    return to;
  }

  const std::map<std::string, std::pair<int64_t, std::string>>& posts_;
  engine::FlowModel model_;
  std::map<std::string, std::string> step_ids_;
  int count_ = 0;
};

}  // namespace

Result<int64_t> seed_powers(db::Connection& c, const DemoIds& ids) {
  int64_t count = 0;
  for (const auto& spec : specs()) {
    const auto& [dept_id, unit_id] = ids.departments.at(spec.department);
    powers::Power p;
    p.unit_id = unit_id;
    p.department_id = dept_id;
    p.name = spec.name;
    p.category = spec.category;
    p.content = spec.content;
    p.basis = spec.basis;
    p.status = spec.status;
    p.is_public = std::string(spec.status) == "in_force";
    if (spec.time_limit > 0) p.time_limit_days = spec.time_limit;
    for (const char* key : spec.posts) p.posts.push_back({ids.posts.at(key).first, ids.posts.at(key).second});
    LF_TRY(p.code, powers::store::next_code(c, unit_id));
    LF_TRY(p.id, powers::store::insert(c, p));

    FlowBuilder builder(ids.posts);
    engine::FlowModel flow = builder.build(spec);
    LF_TRY(auto unit_posts, powers::store::unit_posts(c, unit_id));
    engine::PostDirectory dir;
    for (const auto& post : unit_posts) dir.posts.push_back({std::to_string(post.id), post.name});
    const auto issues = engine::check_flow(flow, dir);
    if (!issues.empty())
      return internal_error("demo flow " + std::string(spec.name) + ": " + issues.front().code + " " + issues.front().message_en);
    LF_CHECK(powers::store::save_flow(c, p.id, formats::write_bpmn(flow), flow));
    ++count;
  }
  return count;
}

}  // namespace lf::demo
