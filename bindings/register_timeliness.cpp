#include <pybind11/stl.h>

#include <algorithm>
#include <limits>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

#include "../src/support/buffers.hpp"
#include "../src/support/threads.hpp"
#include "arrays.hpp"
#include "register.hpp"
#include "safeguarding/action_plan.hpp"
#include "safeguarding/timeliness.hpp"

namespace py = pybind11;

namespace safeguarding::python {

namespace {

/// Elements from which a conversion of the engine's input runs on two threads.
constexpr std::size_t two_threads_from = 200'000;

using AttributeTuple = std::tuple<std::string, Array<std::int64_t>, std::vector<std::string>>;

py::dict instances_dict(timeliness::Instances&& i) {
  py::dict d;
  d["rule"] = adopt(std::move(i.rule));
  d["edition"] = adopt(std::move(i.edition));
  d["case"] = adopt(std::move(i.case_id));
  d["sequence"] = adopt(std::move(i.sequence));
  d["start_row"] = adopt(std::move(i.start_row));
  d["stop_row"] = adopt(std::move(i.stop_row));
  d["start"] = adopt(std::move(i.start));
  d["due"] = adopt(std::move(i.due));
  d["completed"] = adopt(std::move(i.completed));
  d["due_time"] = adopt(std::move(i.due_time));
  d["status"] = adopt(std::move(i.status));
  d["late_working_days"] = adopt(std::move(i.late_working_days));
  d["late_days"] = adopt(std::move(i.late_days));
  d["duration_working_days"] = adopt(std::move(i.duration_working_days));
  d["duration_days"] = adopt(std::move(i.duration_days));
  d["band"] = adopt(std::move(i.band));
  return d;
}

/// The engine's view of the columns Python prepared (safeguarding/_timeliness.py).
timeliness::EventsView events_of(const Array<std::int64_t>& case_id, const Array<std::int32_t>& event,
                                 const Array<std::int64_t>& time, bool seconds,
                                 const std::vector<AttributeTuple>& attributes) {
  timeliness::EventsView events;
  events.case_id = view_of(case_id);
  events.event = view_of(event);
  events.time = view_of(time);
  events.resolution = seconds ? timeliness::Resolution::seconds : timeliness::Resolution::days;
  for (const auto& [name, values, categories] : attributes)
    events.attributes.push_back(timeliness::AttributeView{name, view_of(values), categories});
  return events;
}

/// The findings (each with its sentence), row uses and as-of date of a result, into `out`.
void quality_into(py::dict& out, timeliness::EngineResult& result, const RuleCatalogue& catalogue,
                  const timeliness::EventsView& events) {
  const auto counts = result.row_counts();
  std::vector<std::string> messages;
  messages.reserve(result.findings.size());
  for (std::size_t f = 0; f < result.findings.size(); ++f)
    messages.push_back(timeliness::describe(result, f, catalogue, events));
  out["finding_row"] = adopt(std::move(result.findings.row));
  out["finding_kind"] = adopt(std::move(result.findings.kind));
  out["finding_rule"] = adopt(std::move(result.findings.rule));
  out["finding_related_row"] = adopt(std::move(result.findings.related_row));
  out["finding_message"] = messages;
  out["row_use"] = adopt(std::move(result.row_use));
  out["row_counts"] = std::vector<std::int64_t>(counts.begin(), counts.end());
  out["as_of"] = result.as_of == nat ? py::none() : py::cast(result.as_of);
}

/// A summary's columns, into `out`.
void summary_into(py::dict& out, timeliness::Summary&& s) {
  out["rule"] = adopt(std::move(s.rule));
  out["period"] = adopt(std::move(s.period));
  out["group"] = adopt(std::move(s.group));
  out["instances"] = adopt(std::move(s.instances));
  out["met"] = adopt(std::move(s.met));
  out["late"] = adopt(std::move(s.late));
  out["overdue"] = adopt(std::move(s.overdue));
  out["open"] = adopt(std::move(s.open));
  out["missed"] = adopt(std::move(s.missed));
  out["ended"] = adopt(std::move(s.ended));
  out["in_timescale"] = adopt(std::move(s.in_timescale));
  out["out_of_timescale"] = adopt(std::move(s.out_of_timescale));
  out["percent_in_timescale"] = adopt(std::move(s.percent_in_timescale));
  py::list percentile_columns;
  for (auto& column : s.percentiles) percentile_columns.append(adopt(std::move(column)));
  out["percentiles"] = percentile_columns;
}

timeliness::SummaryPeriod period_of(const std::string& period) {
  return period == "month"               ? timeliness::SummaryPeriod::month
         : period == "quarter"           ? timeliness::SummaryPeriod::quarter
         : period == "year"              ? timeliness::SummaryPeriod::year
         : period == "all"               ? timeliness::SummaryPeriod::all
         : period == "reporting_year"    ? timeliness::SummaryPeriod::reporting_year
         : period == "reporting_quarter" ? timeliness::SummaryPeriod::reporting_quarter
                                         : throw Error(quote(period) +
                                                       " is not a period (expected month, quarter, year, "
                                                       "reporting_year, reporting_quarter or all)");
}

template <std::size_t N>
std::vector<std::string> names(const std::array<std::string_view, N>& list) {
  return std::vector<std::string>(list.begin(), list.end());
}

void register_engine(py::module_& m);
void register_summaries(py::module_& m);
void register_bands(py::module_& m);
void register_event_input(py::module_& m);
void register_action_plans(py::module_& m);

}  // namespace

void register_timeliness(py::module_& parent) {
  py::module_ m =
      parent.def_submodule("timeliness", "The case timeliness engine, its summaries, and action plans' ratings.");
  // The vocabularies, named once in C++.
  m.attr("statuses") = names(timeliness::instance_status_names);
  m.attr("findings") = names(timeliness::event_finding_names);
  m.attr("row_uses") = names(timeliness::event_row_use_names);
  m.attr("rag_names") = names(rag_names);
  m.attr("progress_names") = names(progress_names);
  m.attr("rag_reason_names") = names(rag_reason_names);
  register_event_input(m);
  register_engine(m);
  register_summaries(m);
  register_bands(m);
  register_action_plans(m);
}

namespace {

void register_engine(py::module_& m) {
  m.def("set_scratch_limit", &timeliness::set_scratch_limit, py::arg("bytes"));
  m.def("release_scratch", &timeliness::release_scratch);
  m.def(
      "compute",
      [](const RuleCatalogue& catalogue, const Array<std::int64_t>& case_id, const Array<std::int32_t>& event,
         const Array<std::int64_t>& time, bool seconds, const std::vector<AttributeTuple>& attributes,
         const Calendar& calendar, std::optional<std::int64_t> as_of, const std::vector<std::string>& rules) {
        const timeliness::EventsView events = events_of(case_id, event, time, seconds, attributes);
        timeliness::EngineOptions options;
        options.calendar = calendar;
        options.as_of = as_of;
        options.rules = rules;
        options.dates_as_seconds = true;  // numpy datetime64[s], which pandas keeps without converting
        // Each instance's edition as an index into every rule's editions in turn, for one lookup in Python.
        std::vector<std::int32_t> edition_offset{0};
        for (const auto& r : catalogue.rules())
          edition_offset.push_back(edition_offset.back() + static_cast<std::int32_t>(r.editions.size()));
        timeliness::EngineResult result;
        {
          py::gil_scoped_release release;
          result = timeliness::compute(catalogue, events, options);
          auto& in = result.instances;
          for (std::size_t i = 0; i < in.size(); ++i)
            in.edition[i] += edition_offset[static_cast<std::size_t>(in.rule[i])];
        }
        py::dict out = instances_dict(std::move(result.instances));
        quality_into(out, result, catalogue, events);
        return out;
      },
      py::arg("catalogue"), py::arg("case_id"), py::arg("event"), py::arg("time"), py::arg("seconds"),
      py::arg("attributes"), py::arg("calendar"), py::arg("as_of"), py::arg("rules"));
  m.def(
      "compute_summary",
      [](const RuleCatalogue& catalogue, const Array<std::int64_t>& case_id, const Array<std::int32_t>& event,
         const Array<std::int64_t>& time, bool seconds, const std::vector<AttributeTuple>& attributes,
         const Calendar& calendar, std::optional<std::int64_t> as_of, const std::vector<std::string>& rules,
         const std::string& period, const std::string& basis, const std::string& durations,
         const std::vector<double>& percentiles) {
        const timeliness::EventsView events = events_of(case_id, event, time, seconds, attributes);
        timeliness::EngineOptions options;
        options.calendar = calendar;
        options.as_of = as_of;
        options.rules = rules;
        timeliness::SummaryRequest request;
        request.period = period_of(period);
        request.basis = basis == "due"         ? timeliness::Basis::due
                        : basis == "completed" ? timeliness::Basis::completed
                        : basis == "start"
                            ? timeliness::Basis::start
                            : throw Error(quote(basis) + " is not a date (expected due, completed or start)");
        request.durations = durations == "days" ? timeliness::Durations::days
                            : durations == "working_days"
                                ? timeliness::Durations::working_days
                                : throw Error(quote(durations) + " is not a duration (expected days or working_days)");
        request.percentiles = percentiles;
        timeliness::EngineSummary s;
        {
          py::gil_scoped_release release;
          s = timeliness::compute_summary(catalogue, events, request, options);
        }
        py::dict out;
        summary_into(out, std::move(s.table));
        quality_into(out, s.result, catalogue, events);
        return out;
      },
      py::arg("catalogue"), py::arg("case_id"), py::arg("event"), py::arg("time"), py::arg("seconds"),
      py::arg("attributes"), py::arg("calendar"), py::arg("as_of"), py::arg("rules"), py::arg("period"),
      py::arg("basis"), py::arg("durations"), py::arg("percentiles"));
}

void register_summaries(py::module_& m) {
  m.def(
      "summarise",
      [](const py::array& rule, const Array<std::uint8_t>& status, const Array<std::int64_t>& date,
         const std::string& period, const std::optional<Array<std::int64_t>>& groups, std::int64_t n_groups,
         const std::optional<Array<float>>& durations, const std::vector<double>& percentiles, std::int64_t per_day) {
        const timeliness::SummaryPeriod p = period_of(period);
        const auto g = groups ? view_of(*groups) : std::span<const std::int64_t>{};
        const auto d = durations ? view_of(*durations) : std::span<const float>{};
        // pandas' categorical codes (int8) are used as they are; other integers as int32.
        const bool small = py::isinstance<py::array_t<std::int8_t>>(rule) && (rule.flags() & py::array::c_style);
        const auto wide = small ? Array<std::int32_t>() : Array<std::int32_t>::ensure(rule);
        if (!small && !wide) throw Error("summarise: rule codes must be integers");
        const auto narrow = small ? std::span<const std::int8_t>(static_cast<const std::int8_t*>(rule.data()),
                                                                 static_cast<std::size_t>(rule.size()))
                                  : std::span<const std::int8_t>();
        timeliness::Summary s;
        {
          py::gil_scoped_release release;
          s = small ? timeliness::summarise(narrow, view_of(status), view_of(date), p, g, n_groups, d, percentiles,
                                            per_day)
                    : timeliness::summarise(view_of(wide), view_of(status), view_of(date), p, g, n_groups, d,
                                            percentiles, per_day);
        }
        py::dict out;
        summary_into(out, std::move(s));
        return out;
      },
      py::arg("rule"), py::arg("status"), py::arg("date"), py::arg("period"), py::arg("groups"), py::arg("n_groups"),
      py::arg("durations"), py::arg("percentiles"), py::arg("per_day"));
}

/// Outcome bands against their targets (timeliness/bands.hpp).
void register_bands(py::module_& m) {
  m.def(
      "bands",
      [](const RuleCatalogue& catalogue, std::int32_t rule, const Array<std::int32_t>& instance_rule,
         const Array<std::int32_t>& edition, const Array<std::int8_t>& band,
         const std::optional<Array<std::int64_t>>& groups, std::int64_t n_groups) {
        timeliness::BandTable t;
        {
          py::gil_scoped_release release;
          t = timeliness::bands(catalogue, rule, view_of(instance_rule), view_of(edition), view_of(band),
                                groups ? view_of(*groups) : std::span<const std::int64_t>{}, n_groups);
        }
        py::dict out;
        out["edition"] = adopt(std::move(t.edition));
        out["group"] = adopt(std::move(t.group));
        out["band"] = adopt(std::move(t.band));
        out["concluded"] = adopt(std::move(t.concluded));
        out["within"] = adopt(std::move(t.within));
        out["open"] = adopt(std::move(t.open));
        out["percent_within"] = adopt(std::move(t.percent_within));
        out["target"] = adopt(std::move(t.target));
        out["meets_target"] = adopt(std::move(t.meets_target));
        return out;
      },
      py::arg("catalogue"), py::arg("rule"), py::arg("instance_rule"), py::arg("edition"), py::arg("band"),
      py::arg("groups"), py::arg("n_groups"));
}

/// The engine's input: whole days from date-times.
void register_event_input(py::module_& m) {
  m.def(
      "days_of",
      [](const Array<std::int64_t>& values, std::int64_t per_day) {
        // Whole days from date-times in units of 1/per_day day (NaT kept), and whether any has a
        // time of day: one pass, without the GIL.
        if (per_day < 1) throw Error("days_of: per_day must be positive");
        timeliness::ResultColumn<std::int64_t> days;
        support::reserve_large(days, static_cast<std::size_t>(values.size()));
        days.resize(static_cast<std::size_t>(values.size()));
        const auto in = view_of(values);
        bool with_time[2] = {false, false};
        {
          py::gil_scoped_release release;
          // On two threads for large inputs, each half noting whether it has a time of day.
          support::in_halves(in.size(), in.size() >= two_threads_from,
                             [&](std::size_t b, std::size_t e, std::size_t h) {
                               auto split = [&](auto divisor) {
                                 bool any = false;
                                 for (std::size_t i = b; i < e; ++i) {
                                   const std::int64_t v = in[i];
                                   if (v == nat) {
                                     days[i] = v;
                                     continue;
                                   }
                                   const std::int64_t d = support::floor_div(v, static_cast<std::int64_t>(divisor));
                                   any = any || d * static_cast<std::int64_t>(divisor) != v;
                                   days[i] = d;
                                 }
                                 with_time[h] = any;
                               };
                               // Constant divisors for the usual units compile to multiplications.
                               if (per_day == 86'400)
                                 split(std::integral_constant<std::int64_t, 86'400>{});
                               else if (per_day == 86'400'000'000'000)
                                 split(std::integral_constant<std::int64_t, 86'400'000'000'000>{});
                               else
                                 split(per_day);
                             });
        }
        return py::make_tuple(adopt(std::move(days)), with_time[0] || with_time[1]);
      },
      py::arg("values"), py::arg("per_day"));
  m.def(
      "event_codes",
      [](const py::array& codes, const Array<std::int32_t>& mapping) {
        // mapping[codes] as numpy indexes it (code -1, a missing value, reads the last element),
        // and its smallest value: without the GIL, on two threads for large inputs.
        const auto map = view_of(mapping);
        if (map.empty()) throw Error("event_codes: the mapping is empty");
        const auto n = static_cast<std::size_t>(codes.size());
        timeliness::ResultColumn<std::int32_t> out;
        support::reserve_large(out, n);
        out.resize(n);
        auto run = [&](auto typed) {
          using Code = decltype(typed);
          const auto in = Array<Code>::ensure(codes);
          if (!in) throw Error("event_codes: the codes must be integers");
          const Code* c = in.data();
          std::int32_t low[2] = {std::numeric_limits<std::int32_t>::max(), std::numeric_limits<std::int32_t>::max()};
          bool outside[2] = {false, false};
          {
            py::gil_scoped_release release;
            support::in_halves(n, n >= two_threads_from, [&](std::size_t b, std::size_t e, std::size_t h) {
              const auto size = static_cast<std::int64_t>(map.size());
              std::int32_t lowest = low[h];
              bool bad = false;
              for (std::size_t i = b; i < e; ++i) {
                const auto k = static_cast<std::int64_t>(c[i]);
                bad = bad || k < -1 || k >= size;
                const std::int32_t v = map[static_cast<std::size_t>(k < 0 ? size - 1 : std::min(k, size - 1))];
                out[i] = v;
                lowest = std::min(lowest, v);
              }
              low[h] = lowest, outside[h] = bad;
            });
          }
          if (outside[0] || outside[1]) throw Error("event_codes: a code is outside the mapping");
          return py::make_tuple(adopt(std::move(out)), n == 0 ? 0 : std::min(low[0], low[1]));
        };
        switch (codes.dtype().num()) {
          case py::detail::npy_api::NPY_BYTE_:
            return run(std::int8_t{});
          case py::detail::npy_api::NPY_SHORT_:
            return run(std::int16_t{});
          case py::detail::npy_api::NPY_INT_:
            return run(std::int32_t{});
          default:
            return run(std::int64_t{});
        }
      },
      py::arg("codes"), py::arg("mapping"));
}

void register_action_plans(py::module_& m) {
  m.def(
      "rate_actions",
      [](const Array<std::int64_t>& target, const Array<std::int64_t>& completed, const Array<std::uint8_t>& progress,
         std::int64_t as_of, const Calendar& calendar, std::int64_t warning) {
        std::vector<std::uint8_t> rag(static_cast<std::size_t>(target.size())), reason(rag.size());
        rate(view_of(target), view_of(completed), view_of(progress), as_of, calendar, warning, rag, reason);
        return py::make_tuple(adopt(std::move(rag)), adopt(std::move(reason)));
      },
      py::arg("target"), py::arg("completed"), py::arg("progress"), py::arg("as_of"), py::arg("calendar"),
      py::arg("warning"));
}

}  // namespace

}  // namespace safeguarding::python
