// The pieces bench_ocds.cc writes releases from: a small deterministic random source, firms and buyers with
// Chinese names, addresses, credit codes and contacts, and the JSON fragments (dates, amounts, parties).
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>

namespace lf::cli::bench {

// splitmix64: fast, and the same sequence on every platform (the file must not depend on the library).
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  uint64_t next() {
    uint64_t z = (s_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  size_t below(size_t n) { return n == 0 ? 0 : static_cast<size_t>(next() % n); }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return uniform() < p; }
  // Small indices more often: a buyer's regular bidders bid more than the rest of its market.
  size_t skewed(size_t n) {
    const double u = uniform();
    return std::min(n - 1, static_cast<size_t>(u * std::sqrt(u) * static_cast<double>(n)));
  }

 private:
  uint64_t s_;
};

template <size_t N>
std::string_view pick(Rng& r, const std::string_view (&list)[N]) {
  return list[r.below(N)];
}

inline constexpr std::string_view kRegions[][2] = {
    {"北京市", "北京市"}, {"上海市", "上海市"}, {"广东省", "深圳市"}, {"广东省", "广州市"}, {"浙江省", "杭州市"},
    {"江苏省", "南京市"}, {"四川省", "成都市"}, {"湖北省", "武汉市"}, {"山东省", "济南市"}, {"陕西省", "西安市"}};
inline constexpr std::string_view kAreaCodes[] = {"010", "021", "0755", "020", "0571",
                                                  "025", "028", "027", "0531", "029"};
inline constexpr std::string_view kDistricts[] = {"高新区", "经济开发区", "东城区", "西城区", "朝阳区", "海淀区", "南山区", "天河区"};
inline constexpr std::string_view kRoads[] = {"人民", "建设", "解放", "科技", "创业", "中山", "长江", "和平", "学府", "金融"};
// Trade names are two of these characters: with the city and the trade, 160,000 firms get distinct names (a
// debarment list matches names, so firms sharing one would all be flagged).
inline constexpr std::string_view kBrandChars[] = {"华", "创", "中", "联", "鼎", "盛", "恒", "信", "金", "桥",
                                                   "宏", "远", "博", "瑞", "众", "诚", "天", "誉", "卓", "越",
                                                   "丰", "昌", "海", "纳", "新", "港", "永", "泰", "德", "润",
                                                   "嘉", "禾", "汇", "通", "安", "达", "光", "明", "兴", "隆"};
inline constexpr std::string_view kTrades[] = {"建设工程", "信息技术", "医疗器械", "环保科技", "办公设备", "物业管理",
                                               "电子科技", "装饰工程", "交通设施", "教学设备"};
inline constexpr std::string_view kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙"};
inline constexpr std::string_view kGiven[] = {"伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明"};
inline constexpr std::string_view kAgencies[] = {"教育局", "卫生健康委员会", "交通运输局", "住房和城乡建设局", "人民医院",
                                                 "第一中学", "公安局", "财政局", "水务局", "市场监督管理局"};
inline constexpr std::string_view kSubjects[] = {"办公设备采购项目", "信息化系统建设项目", "医疗设备采购", "道路维修工程",
                                                 "物业管理服务", "教学仪器采购", "校舍改造工程", "安防监控系统采购"};
inline constexpr std::string_view kCpvPrefixes[] = {"30", "32", "33", "34", "39", "42", "45", "48", "50", "71", "72", "79"};

inline constexpr int64_t kFirstDay = 18993;  // 2022-01-01

inline std::string padded(uint64_t n, int width) {
  std::string s = std::to_string(n);
  return s.size() >= static_cast<size_t>(width) ? s : std::string(static_cast<size_t>(width) - s.size(), '0') + s;
}

inline std::string date(int64_t day) {  // days since 1970-01-01 → YYYY-MM-DD (Howard Hinnant's algorithm)
  const int64_t z = day + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097, yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9, y = yoe + era * 400 + (m <= 2);
  return padded(static_cast<uint64_t>(y), 4) + "-" + padded(static_cast<uint64_t>(m), 2) + "-" + padded(static_cast<uint64_t>(d), 2);
}
inline std::string date_time(int64_t day, int hour) { return date(day) + "T" + padded(static_cast<uint64_t>(hour), 2) + ":00:00+08:00"; }

inline std::string amount(int64_t cents) {  // 123456.78, or 123456 for whole yuan
  std::string s = std::to_string(cents / 100);
  if (cents % 100 != 0) s += "." + padded(static_cast<uint64_t>(cents % 100), 2);
  return s;
}
inline std::string money(int64_t cents, std::string_view currency) {
  return "{\"amount\":" + amount(cents) + ",\"currency\":\"" + std::string(currency) + "\"}";
}

// Lognormal-ish ceiling prices: mostly 50,000 to 2,000,000 yuan, a tail to about 50,000,000.
inline int64_t ceiling_cents(Rng& r) {
  const double u = r.uniform();
  const double yuan = 50'000.0 * std::pow(1000.0, u * u);
  return static_cast<int64_t>(yuan / 100.0) * 100 * 100;  // whole hundreds of yuan, as ceilings are written
}

struct Method {
  std::string_view method, details;
  bool single;
};
inline constexpr Method kMethods[] = {{"open", "公开招标", false},
                                      {"selective", "邀请招标", false},
                                      {"limited", "竞争性磋商", false},
                                      {"direct", "单一来源", true},
                                      {"limited", "询价", false}};
inline const Method& method(Rng& r) {
  const double u = r.uniform();
  return kMethods[u < 0.55 ? 0 : u < 0.65 ? 1 : u < 0.85 ? 2 : u < 0.9 ? 3 : 4];
}

struct Firm {
  std::string id, name, street, locality, region, postal, contact, telephone, email, founded;
  uint32_t cpv;  // its trade's classification prefix
};

// Unified social credit codes as 18 characters: 91 (enterprise) + area + serial; not checksummed.
inline Firm make_firm(Rng& r, size_t i) {
  Firm f;
  constexpr size_t kCities = std::size(kRegions), kChars = std::size(kBrandChars);
  const size_t place = i % kCities;
  f.region = kRegions[place][0];
  f.locality = kRegions[place][1];
  f.id = "91" + padded(110000 + place * 10000 + r.below(9999), 6) + "MA" + padded(i, 7) + "X";
  const std::string brand = std::string(kBrandChars[i / kCities % kChars]) + std::string(kBrandChars[i / kCities / kChars % kChars]);
  const std::string_view trade = kTrades[i / kCities / kChars / kChars % std::size(kTrades)];
  f.name = f.locality + brand + std::string(trade) + "有限公司";
  if (r.chance(0.02)) f.name = brand + std::string(trade) + "（" + f.locality.substr(0, 6) + "）有限公司";
  f.street = std::string(pick(r, kDistricts)) + std::string(pick(r, kRoads)) + "路" + std::to_string(1 + r.below(999)) + "号";
  f.postal = padded(100000 + place * 10000 + r.below(9999), 6);
  f.contact = std::string(pick(r, kSurnames)) + std::string(pick(r, kGiven)) + std::string(pick(r, kGiven));
  f.telephone = r.chance(0.4) ? "1" + std::to_string(30 + r.below(60)) + padded(r.below(100000000), 8)
                              : std::string(kAreaCodes[place]) + "-" + std::to_string(6 + r.below(3)) + padded(r.below(10000000), 7);
  f.email = "bid" + padded(i, 6) + (r.chance(0.5) ? "@163.com" : "@qq.com");
  // Mostly established firms; about 3% founded during the three years the tenders cover (新成立企业).
  f.founded = r.chance(0.03) ? date(kFirstDay - 180 + static_cast<int64_t>(r.below(1000)))
                             : date(kFirstDay - 365 * 2 - static_cast<int64_t>(r.below(365 * 25)));
  f.cpv = static_cast<uint32_t>(r.below(std::size(kCpvPrefixes)));
  return f;
}

// A telephone as some publishers write it: full-width digits and hyphen (０７５５－８３２１４５６７).
inline std::string full_width(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c >= '!' && c <= '~') {
      const char32_t cp = static_cast<char32_t>(c) + 0xFEE0;
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += c;
    }
  }
  return out;
}

template <class Buyer>
Buyer make_buyer_names(Rng& r, size_t i) {
  Buyer b;
  const size_t place = r.below(std::size(kRegions));
  b.region = kRegions[place][0];
  b.locality = kRegions[place][1];
  b.id = "11" + padded(110000 + place * 10000 + r.below(9999), 6) + "0" + padded(i, 8) + "G";
  b.name = b.locality + std::string(kAgencies[i % std::size(kAgencies)]);
  if (i >= std::size(kAgencies)) b.name += "（第" + std::to_string(i / std::size(kAgencies) + 1) + "分部）";
  return b;
}

inline std::string subject(Rng& r) { return std::string(pick(r, kSubjects)); }

// A supplier's items: its own trade mostly, now and then something else (R048's heterogeneous suppliers).
inline std::string cpv_of(Rng& r, const Firm& f) {
  const std::string_view prefix = r.chance(0.9) ? kCpvPrefixes[f.cpv] : pick(r, kCpvPrefixes);
  return std::string(prefix) + padded(r.below(1000000), 6);
}

inline std::string ref(const Firm& f) { return "{\"id\":\"" + f.id + "\",\"name\":\"" + f.name + "\"}"; }

inline std::string party(const Firm& f, bool supplier) {
  return "{\"id\":\"" + f.id + "\",\"name\":\"" + f.name + "\",\"roles\":[" +
         (supplier ? "\"tenderer\",\"supplier\"" : "\"tenderer\"") +
         "],\"identifier\":{\"scheme\":\"CN-USCC\",\"id\":\"" + f.id + "\",\"legalName\":\"" + f.name +
         "\"},\"address\":{\"streetAddress\":\"" + f.street + "\",\"locality\":\"" + f.locality + "\",\"region\":\"" +
         f.region + "\",\"postalCode\":\"" + f.postal + "\",\"countryName\":\"中国\"},\"contactPoint\":{\"name\":\"" +
         f.contact + "\",\"email\":\"" + f.email + "\",\"telephone\":\"" + f.telephone +
         "\"},\"details\":{\"foundingDate\":\"" + f.founded + "\",\"scale\":\"sme\"}}";
}

}  // namespace lf::cli::bench
