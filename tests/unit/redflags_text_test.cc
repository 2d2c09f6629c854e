// Text as the Chinese patterns compare it (SHARED-CONTACT, BLACKLIST): names and fields, telephone numbers and
// emails, in full-width and half-width forms, with the separators Chinese data uses.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/redflags.h"
#include "engine/redflags_cn.h"

namespace lf::engine::redflags {
namespace {

using Strings = std::vector<std::string>;

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
