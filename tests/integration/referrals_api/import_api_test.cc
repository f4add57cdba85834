// ImportReferrals: a council's case-system export as CSV or JSON lines,
// each record created whole as a draft or refused naming the field; a
// retry with the same request_id reports the same and creates nothing.

#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/json_util.h"
#include "tests/integration/referrals_api/fixture.h"

namespace fhub::referrals {
namespace {

using ::testing::HasSubstr;

constexpr char kHeader[] =
    "case_reference,framework,lot_id,age,needs,support_minutes_per_week,"
    "accommodation_type,home_latitude,home_longitude,wanted_start_date,"
    "confidential_summary\r\n";

class ImportApiTest : public ReferralsApiTest {
 protected:
  grpc::Status Import(const std::string& token, v1::ImportFormat format,
                      const std::string& content,
                      v1::ImportReferralsResponse* out,
                      const std::string& request_id = "import-1",
                      const std::string& parent = "authorities/sefton") {
    v1::ImportReferralsRequest request;
    request.set_parent(parent);
    request.set_format(format);
    request.set_content(content);
    request.set_request_id(request_id);
    return stub_->ImportReferrals(testing::CallContext(token).get(), request,
                                  out);
  }

  // Three records: one good, one aged outside the framework, one good with
  // a summary holding a comma and a line break.
  static std::string Batch() {
    return absl::StrCat(
        kHeader,
        "SEF-2291,nw-16plus,lot-1,16,GOING_MISSING;MENTAL_HEALTH,450,"
        "SHARED_HOUSE,53.4466,-2.9929,2027-01-11,\r\n",
        "SEF-2292,nw-16plus,lot-1,40,GOING_MISSING,450,SHARED_HOUSE,53.4466,"
        "-2.9929,2027-01-11,\r\n",
        "SEF-2293,frameworks/nw-16plus,lot-1,17,OFFENDING,600,SOLO_FLAT,"
        "53.45,-2.99,2027-01-18,\"Known to YOT, since 2025;\nweekly "
        "contact\"\r\n");
  }
};

TEST_F(ImportApiTest, EachRecordIsCreatedWholeOrRefusedNamingTheField) {
  v1::ImportReferralsResponse report;
  ASSERT_THAT(Import(Commissioner(), v1::CSV, Batch(), &report), GrpcOk());
  EXPECT_EQ(report.created(), 2);
  EXPECT_EQ(report.refused(), 1);
  ASSERT_EQ(report.records_size(), 3);
  const v1::ImportedRecord& first = report.records(0);
  EXPECT_EQ(first.record(), 1);
  EXPECT_EQ(first.case_reference(), "SEF-2291");
  EXPECT_TRUE(
      absl::StartsWith(first.referral(), "authorities/sefton/referrals/"))
      << first.referral();
  EXPECT_TRUE(first.code().empty());
  const v1::ImportedRecord& refused = report.records(1);
  EXPECT_EQ(refused.record(), 2);
  EXPECT_EQ(refused.case_reference(), "SEF-2292");
  EXPECT_TRUE(refused.referral().empty());
  EXPECT_EQ(refused.code(), "INVALID_ARGUMENT");
  EXPECT_EQ(refused.field(), "age");
  EXPECT_THAT(refused.reason(),
              HasSubstr("40 is outside the framework's ages"));
  EXPECT_EQ(CountRows("referrals"), 2);  // Nothing of the refused one.

  // Created exactly as CreateReferral creates: a draft, every field read.
  v1::Referral third;
  ASSERT_THAT(Get(Commissioner(), report.records(2).referral(), &third),
              GrpcOk());
  EXPECT_EQ(third.status(), v1::DRAFT);
  EXPECT_EQ(third.case_reference(), "SEF-2293");
  EXPECT_EQ(third.framework(), kNw);
  EXPECT_EQ(third.age(), 17);
  ASSERT_EQ(third.needs_size(), 1);
  EXPECT_EQ(third.needs(0), v1::OFFENDING);
  EXPECT_EQ(third.support_minutes_per_week(), 600);
  EXPECT_EQ(third.accommodation_type(), v1::SOLO_FLAT);
  EXPECT_DOUBLE_EQ(third.home_location().latitude(), 53.45);
  EXPECT_EQ(DayText(third.wanted_start_date()), "2027-01-18");
  EXPECT_EQ(third.confidential_summary(),
            "Known to YOT, since 2025;\nweekly contact");

  // The same import again: the same report, nothing created twice.
  v1::ImportReferralsResponse again;
  ASSERT_THAT(Import(Commissioner(), v1::CSV, Batch(), &again), GrpcOk());
  EXPECT_EQ(again.SerializeAsString(), report.SerializeAsString());
  EXPECT_EQ(CountRows("referrals"), 2);
  // Only the audit trail of the two creations.
  EXPECT_EQ(CountRows("audit_log", "action = 'CreateReferral'"), 2);

  // The same request_id for other records: each is refused, none created.
  std::string changed = Batch();
  changed.replace(changed.find("SEF-2291"), 8, "SEF-2299");
  v1::ImportReferralsResponse reused;
  ASSERT_THAT(Import(Commissioner(), v1::CSV, changed, &reused), GrpcOk());
  EXPECT_EQ(reused.created(), 1);  // Record 3 is as it was.
  EXPECT_EQ(reused.records(0).code(), "INVALID_ARGUMENT");
  EXPECT_THAT(reused.records(0).reason(),
              HasSubstr("'import-1#1' was already used for a different "
                        "request"));
  EXPECT_EQ(reused.records(2).referral(), report.records(2).referral());
  EXPECT_EQ(CountRows("referrals"), 2);
}

TEST_F(ImportApiTest, RecordsThatCannotBeReadNameTheirColumn) {
  const std::string content = absl::StrCat(
      kHeader,
      "SEF-1,nw-16plus,lot-1,sixteen,GOING_MISSING,450,SHARED_HOUSE,53.4,"
      "-2.9,2027-01-11,\n",
      "SEF-2,nw-16plus,lot-1,16,FLYING,450,SHARED_HOUSE,53.4,-2.9,"
      "2027-01-11,\n",
      "SEF-3,nw-16plus,lot-1,16,GOING_MISSING,450,CASTLE,53.4,-2.9,"
      "2027-01-11,\n",
      "SEF-4,nw-16plus,lot-1,16,GOING_MISSING,450,SHARED_HOUSE,53.4,-2.9,"
      "11/01/2027,\n",
      "SEF-5,nw-16plus,lot-1,16,GOING_MISSING,450,SHARED_HOUSE,,-2.9,"
      "2027-01-11,\n",
      "SEF-6,nw-16plus,lot-1,16\n",
      "SEF-7,nw-16plus,lot-9,16,GOING_MISSING,450,SHARED_HOUSE,53.4,-2.9,"
      "2027-01-11,\n");
  v1::ImportReferralsResponse report;
  ASSERT_THAT(Import(Commissioner(), v1::CSV, content, &report), GrpcOk());
  EXPECT_EQ(report.created(), 0);
  EXPECT_EQ(report.refused(), 7);
  ASSERT_EQ(report.records_size(), 7);
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"age", "'sixteen' is not a whole number"},
      {"needs", "'FLYING' is not a need"},
      {"accommodation_type", "'CASTLE' is not an accommodation type"},
      {"wanted_start_date", "'11/01/2027' is not a day YYYY-MM-DD"},
      {"home_latitude", "is required"},
      {"", "has 4 fields; the header names 11"},
      {"lot_id", "frameworks/nw-16plus has no lot 'lot-9'"},
  };
  for (int i = 0; i < 7; ++i) {
    EXPECT_EQ(report.records(i).code(), "INVALID_ARGUMENT") << i;
    EXPECT_EQ(report.records(i).field(), expected[i].first) << i;
    EXPECT_EQ(report.records(i).reason(), expected[i].second) << i;
    EXPECT_EQ(report.records(i).case_reference(), absl::StrCat("SEF-", i + 1));
  }
  EXPECT_EQ(CountRows("referrals"), 0);
}

TEST_F(ImportApiTest, JsonLinesAreReferralsInTheJsonMapping) {
  std::string good;
  ASSERT_TRUE(
      google::protobuf::util::MessageToJsonString(SampleReferral(), &good)
          .ok());
  const std::string content = absl::StrCat(
      good, "\n\n", R"({"caseReference": "SEF-9", "colour": "blue"})", "\r\n",
      "not json\n");
  v1::ImportReferralsResponse report;
  ASSERT_THAT(Import(Commissioner(), v1::JSON_LINES, content, &report),
              GrpcOk());
  ASSERT_EQ(report.records_size(), 3);
  EXPECT_EQ(report.created(), 1);
  EXPECT_EQ(report.records(0).record(), 1);
  EXPECT_EQ(report.records(0).case_reference(), "SEF-2026-0042");
  EXPECT_FALSE(report.records(0).referral().empty());
  EXPECT_EQ(report.records(1).record(), 3);  // Lines, empty ones counted.
  EXPECT_THAT(report.records(1).reason(), HasSubstr("not a Referral in JSON"));
  EXPECT_EQ(report.records(2).record(), 4);
  EXPECT_EQ(report.records(2).code(), "INVALID_ARGUMENT");
  EXPECT_EQ(CountRows("referrals"), 1);
}

TEST_F(ImportApiTest, WhatRefusesTheWholeImportCreatesNothing) {
  v1::ImportReferralsResponse report;
  const auto refused = [&](v1::ImportFormat format, const std::string& content,
                           const std::string& field) {
    EXPECT_THAT(Import(Commissioner(), format, content, &report),
                GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, field))
        << content.substr(0, 60);
  };
  refused(v1::IMPORT_FORMAT_UNSPECIFIED, Batch(), "format");
  refused(v1::CSV, "", "content: no header row");
  refused(v1::CSV, kHeader, "content: has no records");
  refused(v1::JSON_LINES, "\n\n", "content: has no records");
  refused(v1::CSV, "case_reference,colour\nx,blue\n",
          "content: unknown column 'colour'");
  refused(v1::CSV, "case_reference,framework\nx,y\n",
          "content: the header has no column 'lot_id'");
  refused(v1::CSV, absl::StrCat(kHeader, "\"SEF-1,nw-16plus\n"),
          "content: record 2: a quoted field is not closed");
  std::string many = kHeader;
  for (int i = 0; i < 501; ++i) {
    absl::StrAppend(&many, "SEF-", i,
                    ",nw-16plus,lot-1,16,GOING_MISSING,450,SHARED_HOUSE,53.4,"
                    "-2.9,2027-01-11,\n");
  }
  refused(v1::CSV, many, "content: 501 records; at most 500");
  refused(v1::CSV, std::string((1 << 20) + 1, 'x'), "content: 1048577 bytes");
  EXPECT_THAT(Import(Commissioner(), v1::CSV, Batch(), &report, ""),
              GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "request_id"));
  EXPECT_THAT(
      Import(Commissioner(), v1::CSV, Batch(), &report, std::string(121, 'r')),
      GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "request_id: at most 120"));
  EXPECT_EQ(CountRows("referrals"), 0);
  EXPECT_EQ(CountRows("idempotency_keys"), 0);
}

TEST_F(ImportApiTest, OnlyTheAuthoritysCommissionerImports) {
  v1::ImportReferralsResponse report;
  EXPECT_THAT(Import(Commissioner("wirral"), v1::CSV, Batch(), &report),
              GrpcIs(grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_THAT(Import(ProviderUser("bootle-house"), v1::CSV, Batch(), &report),
              GrpcIs(grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_THAT(Import("", v1::CSV, Batch(), &report),
              GrpcIs(grpc::StatusCode::UNAUTHENTICATED));
  EXPECT_THAT(Import(Commissioner(), v1::CSV, Batch(), &report, "import-1",
                     "providers/bootle-house"),
              GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "parent"));
  EXPECT_EQ(CountRows("referrals"), 0);
}

}  // namespace
}  // namespace fhub::referrals
