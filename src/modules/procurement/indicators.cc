#include <map>

#include "modules/procurement/service.h"

namespace lf::procurement {

std::string indicator_name(const std::string& code) {
  static const std::map<std::string, std::string> names = {
      {"R003", "投标期过短"},
      {"R018", "仅有一家投标"},
      {"R024", "中标价与次低报价过于接近"},
      {"R025", "屡投不中"},
      {"R028", "投标报价相同"},
      {"R030", "逾期投标却中标"},
      {"R035", "除中标人外其余投标均被取消资格"},
      {"R036", "最低报价被取消资格"},
      {"R038", "取消资格比例过高"},
      {"R048", "供应商经营范围异常分散"},
      {"R058", "中标价大幅低于其他报价"},
      {"SHARED-CONTACT", "投标人联系方式相同（围标串标）"},
      {"IDENTICAL-BID", "不同项目报价雷同"},
      {"PATTERN-BID", "报价呈规律"},
      {"REPEAT-AWARD", "标王：长期由同一供应商中标"},
      {"COVER-BIDDER", "陪标专业户"},
      {"SAME-GROUP", "围标集团"},
      {"SPLIT", "化整为零规避招标"},
      {"CONTRACT-CHANGE", "合同金额变更过大"},
      {"NEW-FIRM", "新成立企业投标中标"},
      {"BLACKLIST", "失信或禁入名单企业"},
  };
  auto it = names.find(code);
  return it == names.end() ? code : it->second;
}

}  // namespace lf::procurement
