#include "safeguarding/returns/events.hpp"

namespace safeguarding::inline v0::returns {

SAFEGUARDING_FUNC std::string_view left_out_description(LeftOut reason) noexcept {
  switch (reason) {
    case LeftOut::short_break:
      return "short breaks (legal status V3 or V4) are not periods of care under the review rules";
    case LeftOut::care_began_earlier:
      return "the period of care began before the returns loaded (the child's first episode has an RNE other than S), "
             "so the reviews before this one are unknown; load the earlier returns to judge it";
    case LeftOut::not_required:
      return "no initial conference was required after this enquiry (ICPCnotRequired)";
    case LeftOut::same_conference:
      return "the conference date repeats one an earlier enquiry of the same referral gives";
    case LeftOut::no_referral:
      return "the referral it belongs to was not read (its CINdetails was rejected)";
    case LeftOut::no_plan:
      return "the child protection plan it belongs to was not read";
    case LeftOut::no_enquiry:
      return "an initial conference recorded on the referral (CINdetails DateOfInitialCPC) that no section 47 "
             "enquiry of the referral gives: there is no enquiry start to count the working days from";
  }
  return "?";
}

SAFEGUARDING_FUNC std::int8_t EventTable::add_source(std::string_view name) {
  sources.emplace_back(name);
  return static_cast<std::int8_t>(sources.size() - 1);
}

SAFEGUARDING_FUNC void EventTable::reserve(std::size_t rows) {
  case_id.reserve(rows);
  event.reserve(rows);
  time.reserve(rows);
  source.reserve(rows);
  source_row.reserve(rows);
}

SAFEGUARDING_FUNC void EventTable::add(std::int64_t case_code, std::int32_t event_code, std::int64_t day,
                                       std::int8_t table, std::size_t row) {
  case_id.push_back(case_code);
  event.push_back(event_code);
  time.push_back(day);
  source.push_back(table);
  source_row.push_back(static_cast<std::int64_t>(row));
}

SAFEGUARDING_FUNC void EventTable::leave_out(std::int8_t table, std::size_t row, LeftOut reason) {
  left_source.push_back(table);
  left_row.push_back(static_cast<std::int64_t>(row));
  left_reason.push_back(static_cast<std::uint8_t>(reason));
}

}  // namespace safeguarding::inline v0::returns
