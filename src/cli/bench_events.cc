// `lianfang bench-gen-events`: a synthetic NDJSON log of the demo college's 物资采购 flow (demo_powers.cc) for
// bench/monitor.sh. Cases start through 2024 and 2025 in working hours; each step takes a fraction of a working
// day to a few working days on China's calendar; events of all cases are written in time order, as a live
// feed would deliver them (memory: the cases under way). Amounts decide the purchasing method (招标 from
// 200,000 yuan), who signs (资产处处长 / 副院长 / 院长) and whether a 党委会集体决策 comes first (above 500,000).
// A share of cases (--deviations) carries one planted deviation each, in turn: a skipped 验收, steps out of
// order, the requester accepting the goods, a signature above the signer's limit, a large contract without a
// collective decision, a late case, an unknown step, or a purchase split into three under the threshold.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <queue>
#include <random>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "engine/calendar.h"

namespace lf::cli {
namespace {

constexpr int64_t kHour = 3600000, kDay = 24 * kHour, kOffset = 8 * kHour;  // Asia/Shanghai

const char* const kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林"};
const char* const kGiven[] = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超",
                              "秀英", "建华", "志强", "晓东", "海燕", "文博"};
const char* const kUnits[] = {"后勤处", "教务处", "学生处", "科研处", "图书馆", "信息中心", "机电学院", "经管学院",
                              "建工学院", "外语学院", "艺术学院", "体育部", "校医院", "保卫处", "财务处", "人事处"};
const char* const kGoods[] = {"办公用品", "计算机设备", "实验耗材", "图书资料", "家具", "维修材料", "体育器材", "安防设备"};

std::string person(uint64_t n) {
  return std::string(kSurnames[n % 16]) + kGiven[(n / 16) % 22] + (n >= 352 ? std::to_string(n / 352) : "");
}

struct Step {
  const char* activity;
  const char* role;
  std::string actor;
  std::string power = "wzcg";
  int64_t time = 0;
  bool amount = false;
};

struct Case {
  std::string id, unit, counterparty, goods;
  double amount = 0;
  std::vector<Step> steps;
  size_t next = 0;
};

class Generator {
 public:
  Generator(const BenchEventsOptions& o, FILE* out) : o_(o), out_(out), rng_(o.seed) {}

  void run() {
    const int64_t first = int64_t{engine::day_number(2024, 1, 2)} * kDay - kOffset + 9 * kHour;
    const int64_t span = int64_t{engine::day_number(2025, 12, 31)} * kDay - kOffset + 9 * kHour - first;
    const size_t n = o_.cases;
    for (size_t i = 0; i < n; ++i) {
      const int64_t start = first + static_cast<int64_t>(static_cast<double>(span) * i / n);
      drain(start);
      const bool deviate = uniform() < o_.deviations;
      add(make_case(start, deviate ? static_cast<int>(deviations_++ % 8) : -1));
    }
    drain(std::numeric_limits<int64_t>::max());
  }

 private:
  double uniform() { return std::uniform_real_distribution<double>(0, 1)(rng_); }
  uint64_t pick(uint64_t n) { return std::uniform_int_distribution<uint64_t>(0, n - 1)(rng_); }

  // `days` working days (of 9:00–18:00) after `t`, on China's calendar.
  int64_t after(int64_t t, double days) {
    int64_t left = static_cast<int64_t>(days * 9 * kHour);
    int32_t day = static_cast<int32_t>((t + kOffset) / kDay);
    int64_t at = std::clamp<int64_t>((t + kOffset) % kDay, 9 * kHour, 18 * kHour);
    while (!calendar_.is_working(day)) ++day, at = 9 * kHour;
    while (left > 18 * kHour - at) {
      left -= 18 * kHour - at;
      day = calendar_.add_working_days(day, 1);
      at = 9 * kHour;
    }
    return int64_t{day} * kDay - kOffset + at + left;
  }

  size_t index_of(const Case& c, std::string_view activity) const {
    for (size_t i = 0; i < c.steps.size(); ++i)
      if (activity == c.steps[i].activity) return i;
    return 0;
  }

  Case make_case(int64_t start, int deviation) {
    Case c;
    c.id = "WZCG-" + std::to_string(++numbered_);
    const uint64_t unit = pick(16);
    c.unit = kUnits[unit];
    c.counterparty = "供应商" + std::to_string(pick(2000) + 1);
    c.goods = kGoods[pick(8)];
    // Mostly small purchases (median ~15,000 yuan), a long tail up to a few million.
    c.amount = std::round(std::exp(std::normal_distribution<double>(9.6, 1.1)(rng_)) / 10) * 10;
    if (deviation == 3) c.amount = 260000 + pick(200) * 100;
    if (deviation == 4) c.amount = 600000 + pick(200) * 1000;
    if (deviation == 7) c.amount = 120000;
    const std::string requester = person(unit * 40 + pick(40) + 1000);
    const bool tender = c.amount >= 200000;
    const char* signer = c.amount <= 200000 || deviation == 3 ? "资产处处长" : c.amount <= 500000 ? "副院长" : "院长";
    const std::string signer_name = std::string(signer) == "资产处处长" ? "林建华" : std::string(signer) == "副院长" ? "高志强" : "周文博";
    c.steps = {{"申请", "经办人", requester, "wzcg", 0, true},
               {"部门审核", "部门负责人", person(unit + 700), "wzcg"},
               {"采购方式确定", "资产处处长", "林建华", "wzcg"},
               {tender ? "招标" : "询价", tender ? "招标专员" : "采购员", person(900 + pick(tender ? 3 : 6)), "wzcg"},
               {"评审", "招标专员", person(900 + pick(3)), "wzcg"},
               {"合同签订", signer, signer_name, "wzcg", 0, true},
               {"验收", "资产管理员", person(950 + pick(10)), "wzcg"},
               {"付款", "出纳", person(980 + pick(3)), "wzcg", 0, true}};
    if (c.amount > 500000 && deviation != 4)
      c.steps.insert(c.steps.begin() + 5, Step{"党委会集体决策", "党委书记", "朱海燕", "szyd"});
    switch (deviation) {
      case 0: c.steps.erase(c.steps.begin() + static_cast<std::ptrdiff_t>(index_of(c, "验收"))); break;
      case 1: std::swap(c.steps[index_of(c, "评审")], c.steps[index_of(c, "合同签订")]); break;
      case 2: c.steps[index_of(c, "验收")].actor = requester; break;
      case 6: c.steps.insert(c.steps.end() - 1, Step{"补录合同", "资产处处长", "林建华", "wzcg"}); break;
      default: break;
    }
    int64_t t = start + static_cast<int64_t>(uniform() * 8 * kHour);
    for (auto& s : c.steps) {
      s.time = t;
      double days = 0.1 + uniform() * (tender ? 1.8 : 1.2);
      if (deviation == 5 && &s == &c.steps[3]) days = 30;  // stuck: the case runs past 30 working days
      t = after(t, days);
    }
    if (deviation == 7) {  // two more purchases from the same supplier by the same department within days
      for (int k = 1; k <= 2; ++k) {
        Case twin = c;
        twin.id = "WZCG-" + std::to_string(++numbered_);
        for (auto& s : twin.steps) s.time = after(s.time, k * 1.5);
        add(std::move(twin));
      }
    }
    return c;
  }

  void add(Case c) {
    const size_t slot = cases_.size();
    cases_.push_back(std::move(c));
    queue_.emplace(cases_[slot].steps[0].time, slot);
  }

  // Writes every event due before `until`, in time order.
  void drain(int64_t until) {
    while (!queue_.empty() && queue_.top().first < until) {
      auto [t, slot] = queue_.top();
      queue_.pop();
      Case& c = cases_[slot];
      write(c, c.steps[c.next]);
      if (++c.next < c.steps.size()) queue_.emplace(c.steps[c.next].time, slot);
      else free_.push_back(slot), c = Case{};
    }
    // Slots of finished cases are reused once nothing refers to them.
    if (cases_.size() > 4096 && free_.size() * 2 > cases_.size()) compact();
  }

  void compact() {
    std::vector<Case> live;
    std::vector<std::pair<int64_t, size_t>> items;
    while (!queue_.empty()) {
      auto [t, slot] = queue_.top();
      queue_.pop();
      items.emplace_back(t, live.size());
      live.push_back(std::move(cases_[slot]));
    }
    cases_ = std::move(live);
    for (auto& i : items) queue_.push(i);
    free_.clear();
  }

  void write(const Case& c, const Step& s) {
    const int64_t local = s.time + kOffset;
    const int64_t rest = local % kDay;
    char amount[48] = "";
    if (s.amount) std::snprintf(amount, sizeof amount, ",\"amount\":%.2f,\"currency\":\"CNY\"", c.amount);
    std::fprintf(out_,
                 "{\"source\":\"cgxt\",\"case_id\":\"%s\",\"activity\":\"%s\",\"time\":\"%sT%02d:%02d:%02d+08:00\","
                 "\"actor\":\"%s\",\"role\":\"%s\",\"unit\":\"%s\",\"power\":\"%s\"%s,\"counterparty\":\"%s\","
                 "\"attrs\":{\"goods\":\"%s\"}}\n",
                 c.id.c_str(), s.activity, engine::format_day(static_cast<int32_t>(local / kDay)).c_str(),
                 static_cast<int>(rest / kHour), static_cast<int>(rest / 60000 % 60), static_cast<int>(rest / 1000 % 60),
                 s.actor.c_str(), s.role, c.unit.c_str(), s.power.c_str(), amount, c.counterparty.c_str(), c.goods.c_str());
  }

  const BenchEventsOptions& o_;
  FILE* out_;
  std::mt19937_64 rng_;
  engine::WorkCalendar calendar_ = engine::WorkCalendar::china();
  std::vector<Case> cases_;
  std::vector<size_t> free_;
  std::priority_queue<std::pair<int64_t, size_t>, std::vector<std::pair<int64_t, size_t>>, std::greater<>> queue_;
  uint64_t numbered_ = 0, deviations_ = 0;
};

}  // namespace

int bench_gen_events(const BenchEventsOptions& o) {
  FILE* out = stdout;
  if (!o.output.empty() && o.output != "-") {
    out = std::fopen(o.output.c_str(), "wb");
    if (out == nullptr) {
      std::perror(o.output.c_str());
      return 2;
    }
  }
  static char buffer[1 << 20];
  std::setvbuf(out, buffer, _IOFBF, sizeof buffer);
  Generator(o, out).run();
  const bool failed = std::fflush(out) != 0;
  if (out != stdout) std::fclose(out);
  return failed ? 2 : 0;
}

}  // namespace lf::cli
