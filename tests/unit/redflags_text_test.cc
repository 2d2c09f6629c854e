// Text as the Chinese patterns compare it (SHARED-CONTACT, BLACKLIST): names and fields, telephone numbers and
// emails, in full-width and half-width forms, with the separators Chinese data uses.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "engine/redflags.h"
#include "engine/redflags_cn.h"

namespace lf::engine::redflags {
namespace {

using Strings = std::vector<std::string>;

// ---- The normalisers against a plain model of them: the engine's versions write through pointers into
// reused buffers, with fast paths for ideographs and ASCII; these append code point by code point, as the rules
// in redflags_cn.h read, with the engine's own classification of code points (next_code_point, half_width,
// wide_punctuation_or_space, separator, encoded_length): what is modelled is how the text is built. ----
namespace model {

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}
Strings sorted_unique(Strings v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

std::string name(std::string_view s) {
  std::string out;
  for (size_t at = 0; at < s.size();) {
    const size_t from = at;
    const char32_t cp = half_width(next_code_point(s, at));
    if (cp < 0x80) {
      if (cp >= U'A' && cp <= U'Z') out += static_cast<char>(cp - U'A' + U'a');
      else if ((cp >= U'a' && cp <= U'z') || (cp >= U'0' && cp <= U'9')) out += static_cast<char>(cp);
    } else if (!wide_punctuation_or_space(cp)) {
      if (at - from == encoded_length(cp)) out.append(s.data() + from, at - from);
      else append_utf8(out, cp);
    }
  }
  return out;
}
std::string field(std::string_view s) {
  const std::string n = name(s);
  for (std::string_view p : {"无", "暂无", "不详", "未知", "无联系人", "na", "none", "null", "nil", "unknown"})
    if (n == p) return "";
  return n;
}
Strings phones(std::string_view s) {
  Strings out;
  std::string d;
  auto finish = [&] {
    if (d.starts_with("0086") && d.size() >= 14) d.erase(0, 4);
    else if (d.starts_with("86") && d.size() >= 12) d.erase(0, 2);
    if (d.starts_with('0')) d.erase(0, 1);
    if (d.size() >= 7 && d.find_first_not_of(d[0]) != std::string::npos) out.push_back(d);
    d.clear();
  };
  for (size_t at = 0; at < s.size();) {
    const char32_t cp = half_width(next_code_point(s, at));
    if (separator(cp)) finish();
    else if (cp >= U'0' && cp <= U'9') d += static_cast<char>(cp);
  }
  finish();
  return sorted_unique(out);
}
Strings emails(std::string_view s) {
  Strings out;
  std::string e;
  auto finish = [&] {
    if (e.find('@') != std::string::npos) out.push_back(e);
    e.clear();
  };
  for (size_t at = 0; at < s.size();) {
    const char32_t cp = half_width(next_code_point(s, at));
    if (separator(cp)) finish();
    else if (cp == U' ' || cp == U'\t' || cp == U'\r' || cp == U'\n') continue;
    else if (cp >= U'A' && cp <= U'Z') e += static_cast<char>(cp - U'A' + U'a');
    else append_utf8(e, cp);
  }
  finish();
  return sorted_unique(out);
}

}  // namespace model

// Random texts from the pieces that matter — ideographs, full-width forms, CJK punctuation, separators, stray
// and overlong bytes, placeholders, country codes — read into buffers reused from one text to the next (longer
// texts first, then shorter, as the scan does), each compared with the model.
TEST(RedflagText, NormalisersAgreeWithTheirModel) {
  const std::vector<std::string> pieces = {
      "A", "z", "Q", "0", "7", "86", "0086", "0", "1", "-", " ", "\t", "\n", ",", ";", "/", "@", ".", "(", ")",
      "无", "暂无", "不详", "无联系人", "N/A", "none", "Unknown", "一", "京", "\xE9\xBF\xBF", "\xE4\xB8\x80",
      "Ａ", "ｚ", "８", "０", "（", "）", "＠", "．", "；", "，", "／", "、", "\xE3\x80\x80", "《", "》", "【", "】",
      "“", "·", "…", "々", "〇", "〡", "ー", "・", "\xEF\xBB\xBF", "\xEF\xBD\xA0", "\xEF\xBD\x9E", "\xC2\xA0",
      "\xC2\xBF", "é", "\xF0\x9F\x98\x80", "\xF0\x84\xB8\x80", "\xC1\x81", "\xE0\x80\xB1", "\x80", "\xC3", "\xE4\xB8",
      "\xE4", "\xFF", "\xF8\x88\x80\x80\x80", "\x01", "\x7F", "bid002547@qq.com", "0571-67226179", "13800138000",
      "高新区和平路896号"};
  std::mt19937 rng(2026);
  std::string name_buf, field_buf;
  Strings phones_buf, emails_buf;
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    const int n = static_cast<int>(rng() % 12);
    for (int k = 0; k < n; ++k) text += pieces[rng() % pieces.size()];
    normalize_name_into(text, name_buf);
    normalize_field_into(text, field_buf);
    normalize_phones_into(text, phones_buf);
    normalize_emails_into(text, emails_buf);
    ASSERT_EQ(name_buf, model::name(text)) << testing::PrintToString(text);
    ASSERT_EQ(field_buf, model::field(text)) << testing::PrintToString(text);
    ASSERT_EQ(phones_buf, model::phones(text)) << testing::PrintToString(text);
    ASSERT_EQ(emails_buf, model::emails(text)) << testing::PrintToString(text);
  }
}

TEST(RedflagText, NamesAcrossWidthsAndPunctuation) {
  EXPECT_EQ(normalized_name("ＡＢＣ科技（北京）有限公司"), "abc科技北京有限公司");
  EXPECT_EQ(normalized_name("abc科技(北京)有限公司"), "abc科技北京有限公司");
  EXPECT_EQ(normalized_name("杭州·越中　建设、工程《有限》公司。"), "杭州越中建设工程有限公司");
  EXPECT_EQ(normalized_field("无"), "");
  EXPECT_EQ(normalized_field("N/A"), "");
  EXPECT_EQ(normalized_field("高新区和平路８９６号"), "高新区和平路896号");
}

TEST(RedflagText, TelephoneNumbers) {
  EXPECT_EQ(normalized_phones("0571-67226179"), Strings{"57167226179"});  // the trunk 0 dropped
  EXPECT_EQ(normalized_phones("+86 138-0013-8000"), Strings{"13800138000"});
  EXPECT_EQ(normalized_phones("0086 13800138000"), Strings{"13800138000"});
  EXPECT_EQ(normalized_phones("１３８００１３８０００"), Strings{"13800138000"});  // full-width digits
  EXPECT_EQ(normalized_phones("13800138000；0571-67226179、13800138000/"),
            (Strings{"13800138000", "57167226179"}));  // separators, full-width too; sorted, distinct
  EXPECT_EQ(normalized_phones("1111111"), Strings{});  // one digit repeated
  EXPECT_EQ(normalized_phones("12345"), Strings{});     // too short
  EXPECT_EQ(normalized_phones(""), Strings{});
}

TEST(RedflagText, Emails) {
  EXPECT_EQ(normalized_emails("Bid002547@QQ.com"), Strings{"bid002547@qq.com"});
  EXPECT_EQ(normalized_emails("ＡＢＣ＠ｑｑ．ｃｏｍ"), Strings{"abc@qq.com"});
  EXPECT_EQ(normalized_emails(" x@y.cn ; a@b.cn,a@b.cn"), (Strings{"a@b.cn", "x@y.cn"}));
  EXPECT_EQ(normalized_emails("张三@公司.cn"), Strings{"张三@公司.cn"});
  EXPECT_EQ(normalized_emails("no address"), Strings{});
  // Into a vector that already holds strings (the scan reuses its buffers): only this field's addresses.
  Strings reused = {"old@x.cn", "older@y.cn", "oldest@z.cn"};
  normalize_emails_into("new@x.cn", reused);
  EXPECT_EQ(reused, Strings{"new@x.cn"});
  normalize_phones_into("13800138000", reused);
  EXPECT_EQ(reused, Strings{"13800138000"});
}

}  // namespace
}  // namespace lf::engine::redflags

namespace lf::engine::redflags {
namespace {

// BLACKLIST normalises a name only when it may be listed: its CJK ideographs are some listed name's.
TEST(RedflagText, BlacklistAsksOnlyNamesThatMayBeListed) {
  BlacklistSettings s;
  s.add({"", normalized_name("（北京）星辰科技有限公司"), std::nullopt, std::nullopt});
  EXPECT_TRUE(s.may_list_name("北京星辰科技有限公司"));
  EXPECT_TRUE(s.may_list_name("北京 星辰·科技（有限）公司 ＡＢＣ"));  // same ideographs: normalised and compared
  EXPECT_FALSE(s.may_list_name("北京星辰建设有限公司"));  // same city, another firm
  EXPECT_FALSE(s.may_list_name("杭州越中建设工程有限公司"));
  EXPECT_FALSE(s.may_list_name("ACME Ltd"));  // no listed name is without an ideograph
  EXPECT_TRUE(s.may_list_name("\xF0\x84\xB8\x80"));  // not UTF-8 (an overlong 一): no shortcut
  EXPECT_EQ(normalized_name("\xF0\x84\xB8\x80"), "一");    // ...because normalising makes it one
  EXPECT_FALSE(s.may_list_name("\xE0\xE4\xB8\x80\xC3"));  // broken sequences neither make nor hide one
  s.add({"", normalized_name("ACME Ltd."), std::nullopt, std::nullopt});
  EXPECT_TRUE(s.may_list_name("acme ltd"));
  // What the shortcut skips never matches: every name it lets through is normalised and looked up as before.
  for (const char* name : {"杭州越中建设工程有限公司", "上海某某", "Foo"})
    EXPECT_FALSE(s.by_name.contains(normalized_name(name))) << name;
}

}  // namespace
}  // namespace lf::engine::redflags
