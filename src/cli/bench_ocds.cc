// `lianfang bench-gen-ocds`: synthetic OCDS compiled releases for bench/redflags.sh, one per line, shaped like a
// Chinese public-resource trading centre's data (公共资源交易): buyers, tenders with a ceiling price, bids with
// their tenderers, awards, contracts, and parties with addresses, contacts, credit codes and founding dates.
// A few percent of the processes carry the patterns the red-flag indicators look for (rings of firms sharing
// a telephone, copied and patterned bids, split purchases, favoured suppliers, cover bidders, inflated
// contracts, new firms), so that every indicator does real work. The output depends only on the options.
#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "cli/bench_ocds_text.h"
#include "cli/commands.h"

namespace lf::cli {
namespace {

using bench::Firm;
using bench::Rng;

struct Buyer {
  std::string id, name, region, locality;
  std::vector<uint32_t> market;  // the firms that bid for its tenders
  int favourite = -1;            // a firm that wins most of its awards (标王), or -1
};

struct Bidder {
  uint32_t firm;
  int64_t cents;
  const char* status;  // nullptr: no status
};

class Generator {
 public:
  Generator(const BenchOcdsOptions& o) : o_(o), rng_(o.seed) {
    const size_t firms = std::max<size_t>(200, o.releases / 20);
    const size_t buyers = std::max<size_t>(20, o.releases / 500);
    for (size_t i = 0; i < firms; ++i) firms_.push_back(bench::make_firm(rng_, i));
    // Rings of three firms run by one person: one telephone and contact for all (围标). About 2% of firms.
    for (size_t ring = 0; ring < firms / 150; ++ring) {
      const size_t a = rng_.below(firms);
      for (size_t k = 1; k < 3; ++k) {
        Firm& f = firms_[(a + k * 7919) % firms];
        // The third writes it in full-width forms (０７５５－８…), as some publishers do.
        f.telephone = k == 2 ? bench::full_width(firms_[a].telephone) : firms_[a].telephone;
        f.contact = firms_[a].contact;
      }
      rings_.push_back({static_cast<uint32_t>(a), static_cast<uint32_t>((a + 7919) % firms),
                        static_cast<uint32_t>((a + 2 * 7919) % firms)});
    }
    is_cover_.assign(firms, false);
    for (size_t i = 0; i < firms / 100; ++i) {
      cover_.push_back(static_cast<uint32_t>(rng_.below(firms)));
      is_cover_[cover_.back()] = true;
    }
    for (size_t i = 0; i < buyers; ++i) {
      Buyer b = bench::make_buyer_names<Buyer>(rng_, i);
      const size_t market = 150 + rng_.below(250);
      for (size_t k = 0; k < market; ++k) b.market.push_back(static_cast<uint32_t>(rng_.below(firms)));
      if (rng_.chance(0.05)) b.favourite = static_cast<int>(b.market[rng_.below(market)]);
      buyers_.push_back(std::move(b));
    }
    last_cents_.assign(buyers, 0);
  }

  void write_all(std::ostream& out) {
    std::string line;
    for (size_t i = 0; i < o_.releases; ++i) {
      line.clear();
      release(i, line);
      line += '\n';
      out.write(line.data(), static_cast<std::streamsize>(line.size()));
    }
    if (!o_.debarred.empty()) {
      std::ofstream csv(o_.debarred, std::ios::binary);
      csv << "统一社会信用代码,企业名称,开始日期,结束日期,处罚原因\n";
      for (size_t i = 0; i < firms_.size(); i += 397)
        csv << firms_[i].id << ',' << firms_[i].name << ",2022-06-01,2024-05-31,串通投标\n";
    }
  }

 private:
  void release(size_t i, std::string& j) {
    // Roughly chronological: three years over the file.
    const int64_t day = bench::kFirstDay + static_cast<int64_t>(i * 1095 / std::max<size_t>(o_.releases, 1));
    size_t bi = rng_.below(buyers_.size());
    // 化整为零: a series of small direct purchases from one supplier, days apart, summing over 1,000,000.
    const bool split = split_left_ > 0 || rng_.chance(0.004);
    if (split) {
      if (split_left_ == 0) {
        split_left_ = 3;
        split_buyer_ = bi;
        split_firm_ = buyers_[bi].market[rng_.below(buyers_[bi].market.size())];
      }
      bi = split_buyer_;
      --split_left_;
    }
    const Buyer& buyer = buyers_[bi];
    const bench::Method& method = split ? bench::kMethods[3] : bench::method(rng_);
    const bool usd = rng_.chance(0.01);
    const char* currency = usd ? "USD" : "CNY";
    int64_t ceiling = split ? 380'000'00 + static_cast<int64_t>(rng_.below(60'000'00)) : bench::ceiling_cents(rng_);

    // Who bids: from the buyer's market; a ring bids together in about 1% of tenders; cover bidders join.
    std::vector<Bidder> bids;
    auto add = [&](uint32_t f) {
      if (std::none_of(bids.begin(), bids.end(), [&](const Bidder& b) { return b.firm == f; }))
        bids.push_back({f, 0, "valid"});
    };
    if (split) {
      add(split_firm_);
    } else {
      if (!rings_.empty() && rng_.chance(0.01))
        for (uint32_t f : rings_[rng_.below(rings_.size())]) add(f);
      const size_t n = method.single ? 1 : 2 + rng_.below(6);
      while (bids.size() < n) add(buyer.market[rng_.skewed(buyer.market.size())]);
      if (!method.single && rng_.chance(0.05)) add(cover_[rng_.below(cover_.size())]);
    }
    const double pattern = rng_.uniform();
    for (size_t k = 0; k < bids.size(); ++k) {
      Bidder& b = bids[k];
      b.cents = ceiling - static_cast<int64_t>(ceiling * (0.01 + 0.14 * rng_.uniform()));
      if (pattern < 0.005) b.cents = ceiling * 9 / 10 + static_cast<int64_t>(k) * (ceiling / 100);  // progression
      if (is_cover_[b.firm]) b.cents = ceiling - ceiling / 200;
      const double s = rng_.uniform();
      b.status = s < 0.05 ? "disqualified" : s < 0.08 ? nullptr : s < 0.09 ? "withdrawn" : "valid";
    }
    // 报价雷同: the amount of the buyer's previous tender, bid again by someone else.
    if (!split && pattern > 0.995 && last_cents_[bi] != 0 && last_cents_[bi] < ceiling) bids.back().cents = last_cents_[bi];
    if (!bids.empty()) last_cents_[bi] = bids.front().cents;

    // The winner: the buyer's favourite when it bid, else the lowest valid bid; cover bidders never win.
    int winner = -1;
    for (size_t k = 0; k < bids.size(); ++k) {
      if (bids[k].status == nullptr || std::string_view(bids[k].status) != "valid") continue;
      if (is_cover_[bids[k].firm] && bids.size() > 1) continue;
      if (winner < 0 || bids[k].cents < bids[static_cast<size_t>(winner)].cents) winner = static_cast<int>(k);
    }
    if (buyer.favourite >= 0 && rng_.chance(0.7)) {
      add(static_cast<uint32_t>(buyer.favourite));
      winner = static_cast<int>(std::find_if(bids.begin(), bids.end(), [&](const Bidder& b) {
                                  return b.firm == static_cast<uint32_t>(buyer.favourite);
                                }) - bids.begin());
      if (bids[static_cast<size_t>(winner)].cents == 0) bids[static_cast<size_t>(winner)].cents = ceiling * 95 / 100;
      bids[static_cast<size_t>(winner)].status = "valid";
    }

    const std::string ocid = "ocds-lf8a2c-" + bench::padded(i + 1, 9);
    const int64_t start = day, end = day + (method.single ? 5 : 20 + static_cast<int64_t>(rng_.below(10)));
    j += "{\"ocid\":\"" + ocid + "\",\"id\":\"" + ocid + "-compiled\",\"date\":\"" + bench::date_time(end + 9, 10) +
         "\",\"tag\":[\"compiled\"],\"initiationType\":\"tender\",\"language\":\"zh\"";
    j += ",\"buyer\":{\"id\":\"" + buyer.id + "\",\"name\":\"" + buyer.name + "\"}";
    // The tender.
    j += ",\"tender\":{\"id\":\"" + bench::padded(i + 1, 9) + "\",\"title\":\"" + buyer.name + bench::subject(rng_) +
         "\",\"status\":\"complete\",\"procurementMethod\":\"" + std::string(method.method) +
         "\",\"procurementMethodDetails\":\"" + std::string(method.details) + "\",\"mainProcurementCategory\":\"goods\"";
    j += ",\"value\":" + bench::money(ceiling, currency);
    j += ",\"datePublished\":\"" + bench::date_time(start - 3, 9) + "\",\"tenderPeriod\":{\"startDate\":\"" +
         bench::date_time(start, 9) + "\",\"endDate\":\"" + bench::date_time(end, 9) + "\"}";
    j += ",\"procuringEntity\":{\"id\":\"" + buyer.id + "\",\"name\":\"" + buyer.name + "\"}";
    j += ",\"numberOfTenderers\":" + std::to_string(bids.size()) + ",\"tenderers\":[";
    for (size_t k = 0; k < bids.size(); ++k) j += (k ? "," : "") + bench::ref(firms_[bids[k].firm]);
    j += "]}";
    // Parties: the buyer and every bidder.
    j += ",\"parties\":[{\"id\":\"" + buyer.id + "\",\"name\":\"" + buyer.name +
         "\",\"roles\":[\"buyer\",\"procuringEntity\"],\"address\":{\"region\":\"" + buyer.region +
         "\",\"locality\":\"" + buyer.locality + "\",\"countryName\":\"中国\"}}";
    for (size_t k = 0; k < bids.size(); ++k)
      j += "," + bench::party(firms_[bids[k].firm], static_cast<int>(k) == winner);
    j += "]";
    // Bids.
    j += ",\"bids\":{\"details\":[";
    for (size_t k = 0; k < bids.size(); ++k) {
      const Bidder& b = bids[k];
      j += (k ? ",{\"id\":\"" : "{\"id\":\"") + std::to_string(k + 1) + "\",\"date\":\"" +
           bench::date_time(end - 1, 14) + "\"";
      if (b.status != nullptr) j += ",\"status\":\"" + std::string(b.status) + "\"";
      j += ",\"tenderers\":[" + bench::ref(firms_[b.firm]) + "],\"value\":" + bench::money(b.cents, currency) + "}";
    }
    j += "]}";
    if (winner < 0) {
      j += "}";
      return;
    }
    // The award and its contract.
    const Bidder& w = bids[static_cast<size_t>(winner)];
    const double a = rng_.uniform();
    const char* award_status = a < 0.02 ? "pending" : a < 0.05 ? nullptr : "active";
    j += ",\"awards\":[{\"id\":\"" + ocid + "-1\"";
    if (award_status != nullptr) j += ",\"status\":\"" + std::string(award_status) + "\"";
    j += ",\"date\":\"" + bench::date_time(end + 3, 16) + "\",\"value\":" + bench::money(w.cents, currency) +
         ",\"suppliers\":[" + bench::ref(firms_[w.firm]) + "],\"items\":[{\"id\":\"1\",\"classification\":{\"scheme\":\"CPV\",\"id\":\"" +
         bench::cpv_of(rng_, firms_[w.firm]) + "\"},\"quantity\":1}]}]";
    int64_t signed_cents = w.cents;
    const bool inflated = rng_.chance(0.01);  // 合同金额变更
    if (inflated) signed_cents = w.cents + w.cents * 6 / 10;
    j += ",\"contracts\":[{\"id\":\"" + ocid + "-c1\",\"awardID\":\"" + ocid + "-1\",\"status\":\"active\",\"value\":" +
         bench::money(signed_cents, currency) + ",\"dateSigned\":\"" + bench::date_time(end + 10, 10) + "\"";
    if (inflated)
      j += ",\"amendments\":[{\"date\":\"" + bench::date_time(end + 60, 10) +
           "\",\"rationale\":\"增加工程量\",\"changes\":[{\"property\":\"value.amount\",\"former_value\":" +
           bench::amount(w.cents) + "}]}]";
    j += "}]}";
  }

  const BenchOcdsOptions& o_;
  Rng rng_;
  std::vector<Firm> firms_;
  std::vector<Buyer> buyers_;
  std::vector<std::array<uint32_t, 3>> rings_;
  std::vector<uint32_t> cover_;  // 陪标专业户: bid high, never win
  std::vector<bool> is_cover_;
  std::vector<int64_t> last_cents_;  // per buyer: an amount bid in its last tender
  size_t split_left_ = 0, split_buyer_ = 0;
  uint32_t split_firm_ = 0;
};

}  // namespace

int bench_gen_ocds(const BenchOcdsOptions& o) {
  std::ofstream file;
  std::ostream* out = &std::cout;
  if (!o.output.empty() && o.output != "-") {
    file.open(o.output, std::ios::binary);
    if (!file) {
      std::cerr << "无法写入 / cannot write " << o.output << "\n";
      return 2;
    }
    out = &file;
  }
  std::ios::sync_with_stdio(false);
  Generator(o).write_all(*out);
  out->flush();
  if (!*out) {
    std::cerr << "写入失败 / write failed\n";
    return 2;
  }
  return 0;
}

}  // namespace lf::cli
