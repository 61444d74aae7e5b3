// The referrer's level against the decided level: the confusion tables, the matrix of one agency
// and version, and Cohen's kappa.
#include "safeguarding/front_door/measures.hpp"

#include <map>

#include "tally.hpp"

namespace safeguarding::inline v0::front_door {

namespace detail {

/// Cohen's kappa of a square table of counts (n × n, row-major): (p_o - p_e) / (1 - p_e), NaN
/// when there is nothing to rate or chance alone agrees fully.
SAFEGUARDING_FUNC double kappa(const std::vector<std::int64_t>& table, std::size_t n) {
  std::int64_t total = 0, diagonal = 0;
  std::vector<std::int64_t> rows(n, 0), cols(n, 0);
  for (std::size_t a = 0; a < n; ++a)
    for (std::size_t b = 0; b < n; ++b) {
      const std::int64_t v = table[a * n + b];
      total += v;
      rows[a] += v;
      cols[b] += v;
      if (a == b) diagonal += v;
    }
  if (total == 0) return std::numeric_limits<double>::quiet_NaN();
  const double t = static_cast<double>(total);
  double expected = 0;
  for (std::size_t a = 0; a < n; ++a)
    expected += (static_cast<double>(rows[a]) / t) * (static_cast<double>(cols[a]) / t);
  const double observed = static_cast<double>(diagonal) / t;
  if (expected >= 1.0) return std::numeric_limits<double>::quiet_NaN();
  return (observed - expected) / (1.0 - expected);
}

/// A row's cell: its period (if any) and its first `keys` key codes.
SAFEGUARDING_FUNC std::vector<std::int64_t> cell_of(const MeasureTable& t, std::size_t row, std::size_t keys) {
  std::vector<std::int64_t> cell;
  if (!t.period.empty()) cell.push_back(t.period[row]);
  for (std::size_t key = 0; key < keys; ++key) cell.push_back(t.keys[key][row]);
  return cell;
}

SAFEGUARDING_FUNC std::vector<double> kappa_per_cell(const Records& r, const Grouping& g, const MeasureTable& out,
                                                     std::size_t key_columns) {
  const MeasureTable table = confusion(r, g);
  const std::size_t n = r.levels.size();
  std::map<std::vector<std::int64_t>, std::vector<std::int64_t>> matrices;
  for (std::size_t row = 0; row < table.size(); ++row) {
    auto& matrix = matrices[cell_of(table, row, key_columns)];
    if (matrix.empty()) matrix.assign(n * n, 0);
    matrix[static_cast<std::size_t>(table.keys[key_columns][row]) * n +
           static_cast<std::size_t>(table.keys[key_columns + 1][row])] += table.counts[0][row];
  }
  std::vector<double> values;
  for (std::size_t row = 0; row < out.size(); ++row) {
    auto it = matrices.find(cell_of(out, row, key_columns));
    values.push_back(it == matrices.end() ? std::numeric_limits<double>::quiet_NaN() : kappa(it->second, n));
  }
  return values;
}

}  // namespace detail

SAFEGUARDING_FUNC MeasureTable confusion(const Records& r, const Grouping& g) {
  const auto& k = r.contacts;
  detail::Keys keys(r, g, false);
  std::vector<detail::KeyColumn> columns = keys.columns;
  const auto levels = static_cast<std::int32_t>(r.levels.size());
  columns.push_back({"referrer_level", &k.referrer_level, levels});
  columns.push_back({"decided_level", &k.decided_level, levels});
  std::vector<std::uint8_t> rated(k.use.size());
  for (std::size_t i = 0; i < rated.size(); ++i)
    rated[i] =
        k.use[i] == static_cast<std::uint8_t>(RecordUse::used) && k.referrer_rank[i] >= 0 && k.decided_rank[i] >= 0 ? 1
                                                                                                                    : 0;
  return detail::tally(k.date, rated, g.period, columns, {"contacts"}, [](std::size_t, std::int64_t* c) { ++c[0]; });
}

SAFEGUARDING_FUNC ConfusionMatrix confusion_matrix(const Records& r, std::string_view agency,
                                                   std::string_view version) {
  std::int32_t agency_code = -1, version_code = -1;
  if (!agency.empty()) {
    const auto it = std::find(r.sources.begin(), r.sources.end(), agency);
    if (it == r.sources.end()) throw Error("confusion: " + quote(agency) + " is not an agency of the partnership");
    agency_code = static_cast<std::int32_t>(it - r.sources.begin());
  }
  if (!version.empty()) {
    const auto it =
        std::find_if(r.versions.begin(), r.versions.end(), [&](const ThresholdVersion& v) { return v.id == version; });
    if (it == r.versions.end())
      throw Error("confusion: " + quote(version) + " is not a version of the threshold document");
    version_code = static_cast<std::int32_t>(it - r.versions.begin());
  }
  const std::size_t n = r.levels.size();
  std::vector<std::vector<std::int64_t>> full(n, std::vector<std::int64_t>(n, 0));
  const auto& k = r.contacts;
  for (std::size_t i = 0; i < k.use.size(); ++i) {
    if (k.use[i] != static_cast<std::uint8_t>(RecordUse::used) || k.referrer_rank[i] < 0 || k.decided_rank[i] < 0)
      continue;
    if ((agency_code >= 0 && k.agency[i] != agency_code) || (version_code >= 0 && k.version[i] != version_code))
      continue;
    ++full[static_cast<std::size_t>(k.referrer_level[i])][static_cast<std::size_t>(k.decided_level[i])];
  }
  // Only the levels that occur, as a referrer's or a decided level.
  std::vector<std::size_t> levels;
  for (std::size_t a = 0; a < n; ++a) {
    bool any = false;
    for (std::size_t b = 0; b < n; ++b) any = any || full[a][b] > 0 || full[b][a] > 0;
    if (any) levels.push_back(a);
  }
  ConfusionMatrix out;
  for (std::size_t a : levels) {
    out.levels.push_back(r.levels[a]);
    out.counts.emplace_back();
    for (std::size_t b : levels) out.counts.back().push_back(full[a][b]);
  }
  return out;
}

}  // namespace safeguarding::inline v0::front_door
