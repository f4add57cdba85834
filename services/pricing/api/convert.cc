#include "services/pricing/api/convert.h"

#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/proto_enums.h"
#include "common/proto_values.h"
#include "common/resource_name.h"
#include "common/status_macros.h"

namespace fhub::pricing {
namespace {

// "providers/{p}/settings/{s}" of provider `provider_id` -> s; empty stays
// empty.
absl::StatusOr<std::string> SettingOf(absl::string_view field,
                                      absl::string_view name,
                                      absl::string_view provider_id) {
  if (name.empty()) return std::string();
  auto ids = ParseChildName(name, "providers", "settings");
  if (!ids.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": ", ids.status().message()));
  }
  if (ids->first != provider_id) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ": ", name, " is not a setting of providers/", provider_id));
  }
  return ids->second;
}

absl::Status CheckLot(absl::string_view field, absl::string_view lot_id) {
  return lot_id.empty() ? absl::OkStatus() : CheckResourceId(field, lot_id);
}

std::string SettingName(const std::string& provider_id,
                        const std::string& setting_id) {
  if (setting_id.empty()) return "";
  return absl::StrCat("providers/", provider_id, "/settings/", setting_id);
}

}  // namespace

std::string BookName(int64_t book_id) {
  return absl::StrCat("priceBooks/", book_id);
}

std::string CardName(int64_t book_id, int version) {
  return absl::StrCat("priceBooks/", book_id, "/rateCards/", version);
}

absl::StatusOr<std::pair<std::string, int>> ParseCardName(
    absl::string_view field, absl::string_view name) {
  std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  int version = 0;
  if (parts.size() == 4 && parts[0] == "priceBooks" &&
      parts[2] == "rateCards" && absl::SimpleAtoi(parts[3], &version) &&
      version > 0 && absl::StrCat(version) == parts[3]) {
    auto book = ParseNumbered(field, absl::StrCat("priceBooks/", parts[1]),
                              "priceBooks");
    if (book.ok()) return std::make_pair(*book, version);
  }
  if (name.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(field, " is required"));
  }
  return absl::InvalidArgumentError(absl::StrCat(
      field, ": '", name, "' is not a name like priceBooks/12/rateCards/1"));
}

absl::StatusOr<Scope> FromProto(const v1::PriceScope& scope) {
  Scope out;
  FHUB_ASSIGN_OR_RETURN(
      out.authority_id,
      ParseName("scope.authority", scope.authority(), "authorities"));
  FHUB_ASSIGN_OR_RETURN(
      out.provider_id,
      ParseName("scope.provider", scope.provider(), "providers"));
  FHUB_ASSIGN_OR_RETURN(
      out.framework_id,
      ParseName("scope.framework", scope.framework(), "frameworks"));
  FHUB_RETURN_IF_ERROR(CheckLot("scope.lot_id", scope.lot_id()));
  out.lot_id = scope.lot_id();
  FHUB_ASSIGN_OR_RETURN(
      out.setting_id,
      SettingOf("scope.setting", scope.setting(), out.provider_id));
  return out;
}

absl::StatusOr<PriceBook> FromProto(const v1::PriceBook& book) {
  PriceBook out;
  FHUB_ASSIGN_OR_RETURN(
      out.authority_id,
      ParseName("price_book.authority", book.authority(), "authorities"));
  FHUB_ASSIGN_OR_RETURN(
      out.provider_id,
      ParseName("price_book.provider", book.provider(), "providers"));
  FHUB_ASSIGN_OR_RETURN(
      out.framework_id,
      ParseName("price_book.framework", book.framework(), "frameworks"));
  FHUB_RETURN_IF_ERROR(CheckLot("price_book.lot_id", book.lot_id()));
  out.lot_id = book.lot_id();
  FHUB_ASSIGN_OR_RETURN(
      out.setting_id,
      SettingOf("price_book.setting", book.setting(), out.provider_id));
  if (!IsSet(book.start_date())) {
    return absl::InvalidArgumentError("price_book.start_date is required");
  }
  FHUB_ASSIGN_OR_RETURN(
      out.start_date,
      ::fhub::FromProto(book.start_date(), "price_book.start_date"));
  return out;
}

absl::StatusOr<RateCard> FromProto(absl::string_view field,
                                   const v1::RateCard& card,
                                   bool date_optional) {
  RateCard out;
  if (IsSet(card.effective_from())) {
    FHUB_ASSIGN_OR_RETURN(
        out.effective_from,
        ::fhub::FromProto(card.effective_from(),
                          absl::StrCat(field, ".effective_from")));
  } else if (!date_optional) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ".effective_from is required"));
  }
  out.accommodation_weekly_pence = card.accommodation_weekly_pence();
  out.support_hourly_pence = card.support_hourly_pence();
  out.waking_night_hourly_pence = card.waking_night_hourly_pence();
  out.sleep_in_nightly_pence = card.sleep_in_nightly_pence();
  for (int i = 0; i < card.extras_size(); ++i) {
    const v1::Extra& extra = card.extras(i);
    Extra e;
    e.name = extra.name();
    e.amount_pence = extra.amount_pence();
    FHUB_ASSIGN_OR_RETURN(
        e.kind, FromProtoName(kExtraKinds, v1::ExtraKind_Name(extra.kind()),
                              absl::StrCat(field, ".extras[", i, "].kind")));
    out.extras.push_back(std::move(e));
  }
  return out;
}

absl::StatusOr<Package> FromProto(const v1::Package& package) {
  Package out;
  out.support_minutes_per_week = package.support_minutes_per_week();
  out.waking_night_minutes_per_week = package.waking_night_minutes_per_week();
  out.sleep_in_nights_per_week = package.sleep_in_nights_per_week();
  out.extras.assign(package.extras().begin(), package.extras().end());
  return out;
}

OfferedRates FromProto(const v1::OfferedRates& offered) {
  OfferedRates out;
  out.accommodation_weekly_pence = offered.accommodation_weekly_pence();
  out.support_hourly_pence = offered.support_hourly_pence();
  out.waking_night_hourly_pence = offered.waking_night_hourly_pence();
  out.sleep_in_nightly_pence = offered.sleep_in_nightly_pence();
  return out;
}

absl::StatusOr<RoundingRule> FromProto(v1::RoundingRule rule) {
  return FromProtoName(kRoundingRules, v1::RoundingRule_Name(rule), "rounding");
}

void ToProto(const RateCard& card, v1::RateCard* out) {
  out->set_name(CardName(card.book_id, card.version));
  out->set_version(card.version);
  ::fhub::ToProto(card.effective_from, out->mutable_effective_from());
  out->set_accommodation_weekly_pence(card.accommodation_weekly_pence);
  out->set_support_hourly_pence(card.support_hourly_pence);
  out->set_waking_night_hourly_pence(card.waking_night_hourly_pence);
  out->set_sleep_in_nightly_pence(card.sleep_in_nightly_pence);
  for (const Extra& extra : card.extras) {
    v1::Extra* e = out->add_extras();
    e->set_name(extra.name);
    e->set_amount_pence(extra.amount_pence);
    e->set_kind(ToProtoEnum(kExtraKinds, extra.kind, &v1::ExtraKind_Parse));
  }
  ::fhub::ToProto(card.create_time, out->mutable_create_time());
  ::fhub::ToProto(card.update_time, out->mutable_update_time());
}

void ToProto(const BookRecord& record, v1::PriceBook* out) {
  const PriceBook& book = record.book;
  out->set_name(BookName(book.id));
  out->set_authority(absl::StrCat("authorities/", book.authority_id));
  out->set_provider(absl::StrCat("providers/", book.provider_id));
  out->set_framework(absl::StrCat("frameworks/", book.framework_id));
  out->set_lot_id(book.lot_id);
  out->set_setting(SettingName(book.provider_id, book.setting_id));
  ::fhub::ToProto(book.start_date, out->mutable_start_date());
  out->set_status(
      ToProtoEnum(kPriceBookStatuses, book.status, &v1::PriceBookStatus_Parse));
  ::fhub::ToProto(book.create_time, out->mutable_create_time());
  if (book.accept_time) {
    ::fhub::ToProto(*book.accept_time, out->mutable_accept_time());
  }
  out->set_accepted_by(book.accepted_by);
  for (const RateCard& card : record.cards)
    ToProto(card, out->add_rate_cards());
}

void ToProto(const PolicyRecord& record, v1::PricingPolicy* out) {
  out->set_name(absl::StrCat("authorities/", record.policy.authority_id,
                             "/pricingPolicy"));
  out->set_allow_spot_prices(record.policy.allow_spot_prices);
  if (record.update_time != absl::Time()) {
    ::fhub::ToProto(record.update_time, out->mutable_update_time());
  }
}

void ToProto(const QuoteLine& line, v1::QuoteLine* out) {
  out->set_label(line.label);
  out->set_basis(line.basis);
  out->set_amount_pence(line.amount_pence);
}

void ToProto(const RateStatistics& statistics, v1::RateStatistics* out) {
  out->set_count(statistics.count);
  out->set_lower_quartile_pence(statistics.lower_quartile_pence);
  out->set_median_pence(statistics.median_pence);
  out->set_upper_quartile_pence(statistics.upper_quartile_pence);
}

}  // namespace fhub::pricing
