// Events for the timeliness engine built from a return's tables: each event carries the table and
// row it came from, so that every instance the engine computes can be traced to the rows of the
// return behind it; a row that gives no event is listed with the reason (never dropped silently).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "safeguarding/config.hpp"
#include "safeguarding/timeliness.hpp"

namespace safeguarding::inline v0::returns {

/// Why a row of a return gives no event to the engine.
enum class LeftOut : std::uint8_t {
  short_break,  // an episode of a series of short breaks (legal status V3 or V4), or a review of a child who had only
                // those
  care_began_earlier,  // a review in a period of care that began before the returns loaded (its first episode's RNE is
                       // not S)
  not_required,        // a section 47 enquiry whose initial conference was not required (ICPCnotRequired true)
  same_conference,     // a second section 47 enquiry of one referral giving the same conference date as an earlier one
  no_referral,         // an assessment whose CINdetails (and so its referral date) was not read
  no_plan,             // a review conference of a plan that was not read
  no_enquiry,          // an initial conference recorded on a referral (CINdetails) that no section 47 enquiry gives
};
inline constexpr std::array<std::string_view, 7> left_out_names = {
    "short_break", "care_began_earlier", "not_required", "same_conference", "no_referral", "no_plan", "no_enquiry"};

/// What a left-out row's reason means, in words.
std::string_view left_out_description(LeftOut reason) noexcept;

/// Events for the timeliness engine, with the source table and row of each; and the rows left out.
struct EventTable {
  std::vector<std::string> sources;       // table names, indexed by `source`
  std::vector<std::int64_t> case_id;      // the case the engine groups by
  std::vector<std::int32_t> event;        // the catalogue's event code (RuleCatalogue::event)
  std::vector<std::int64_t> time;         // serial days
  std::vector<std::int8_t> source;        // index into `sources`
  std::vector<std::int64_t> source_row;   // position of the row in its table (as loaded)
  std::vector<std::int8_t> left_source;   // rows left out: table,
  std::vector<std::int64_t> left_row;     //   position,
  std::vector<std::uint8_t> left_reason;  //   and LeftOut reason

  [[nodiscard]] std::size_t size() const noexcept { return case_id.size(); }

  /// The event columns as the engine takes them (views: valid while this table lives unchanged,
  /// so not of a temporary table: that does not compile).
  [[nodiscard]] timeliness::EventsView events() const& { return timeliness::EventsView{case_id, event, time, {}, {}}; }
  timeliness::EventsView events() && = delete;

  std::int8_t add_source(std::string_view name);
  /// Room for `rows` events in each event column (the builders know their most), so that adding
  /// them moves no column.
  void reserve(std::size_t rows);
  void add(std::int64_t case_code, std::int32_t event_code, std::int64_t day, std::int8_t table, std::size_t row);
  void leave_out(std::int8_t table, std::size_t row, LeftOut reason);
};

}  // namespace safeguarding::inline v0::returns

#if defined(SAFEGUARDING_HEADER_ONLY)
#include "src/returns/events.cpp"
#endif
