#include "modules/warnings/rules.h"

#include <algorithm>

namespace lf::warnings {

namespace {
int index_of(const std::string& level) {
  const auto& l = levels();
  auto it = std::find(l.begin(), l.end(), level);
  return it == l.end() ? 0 : int(it - l.begin());
}
}  // namespace

int route_tier(const std::string& level, const std::string& highest_risk_level) {
  int tier = index_of(level);
  if (highest_risk_level == "high") ++tier;
  return std::min(tier, kTopTier);
}

std::string raised(const std::string& level) {
  return levels()[std::min<size_t>(size_t(index_of(level)) + 1, levels().size() - 1)];
}

Result<Move> plan(const std::string& status, const std::string& action) {
  if (action == "sign" && status == "issued") return Move{"signed", Actor::recipient};
  if (action == "handle" && (status == "signed" || status == "handling")) return Move{"handling", Actor::recipient};
  if (action == "commit" && status == "handling") return Move{"rectifying", Actor::subject};
  if (action == "verify" && (status == "handling" || status == "rectifying")) return Move{"verified", Actor::issuer};
  if (action == "close" && status == "verified") return Move{"closed", Actor::issuer};
  if (action == "cancel" && is_open(status)) return Move{"cancelled", Actor::issuer};
  return make_error("warning.action_invalid", "action");
}

bool is_open(const std::string& status) { return status != "closed" && status != "cancelled"; }

int sign_days(const std::string& level) { return level == "alarm" ? 1 : level == "warning" ? 2 : 3; }

bool includes_talk(const std::vector<std::string>& measures) {
  return std::any_of(measures.begin(), measures.end(), [](const std::string& m) { return m == "廉政谈话" || m == "诫勉谈话"; });
}

}  // namespace lf::warnings
