// The front door's input tables coded for `prepare`: how ids and words compare, defined once.
#include "safeguarding/front_door/prepare.hpp"

#include <unordered_map>

#include "safeguarding/support/names.hpp"

namespace safeguarding::inline v0::front_door {

SAFEGUARDING_FUNC std::optional<std::string> normalised_id(std::string_view text) {
  constexpr std::string_view space = " \t\r\n\f\v";
  const auto first = text.find_first_not_of(space);
  if (first == std::string_view::npos) return std::nullopt;
  const auto last = text.find_last_not_of(space);
  return std::string(text.substr(first, last - first + 1));
}

SAFEGUARDING_FUNC std::optional<std::string> normalised_word(std::string_view text) {
  auto out = normalised_id(text);
  if (!out) return out;
  for (char& c : *out) {
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
    else if (c == '_' || c == ' ')
      c = '-';
  }
  return out;
}

namespace detail {

/// Codes by first appearance of each normalised value (-1 for a missing one).
class Coder {
 public:
  std::int32_t add(const std::optional<std::string>& value) {
    if (!value) return -1;
    auto [it, fresh] = index_.emplace(*value, static_cast<std::int32_t>(values_.size()));
    if (fresh) values_.push_back(*value);
    return it->second;
  }
  std::vector<std::string>& values() { return values_; }

 private:
  std::unordered_map<std::string, std::int32_t> index_;
  std::vector<std::string> values_;
};

/// An empty column for a table without it (every value missing).
SAFEGUARDING_FUNC const std::vector<std::optional<std::string>>* text_column(const InputTable& t,
                                                                             std::string_view name) {
  auto it = t.text.find(name);
  return it == t.text.end() ? nullptr : &it->second;
}

SAFEGUARDING_FUNC void require(const InputTable& t, std::span<const std::string_view> required) {
  std::vector<std::string> missing;
  for (std::string_view c : required)
    if (!t.has(c)) missing.push_back(quote(c));
  if (missing.empty()) return;
  std::string have;
  for (const auto& c : t.file_columns) have += (have.empty() ? "" : ", ") + quote(c);
  if (t.file_columns.empty())
    for (const auto& [name, column] : t.text) have += (have.empty() ? "" : ", ") + quote(name);
  std::string list;
  for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
  throw Error(t.file.empty() ? t.name : t.file, "missing required column" +
                                                    std::string(missing.size() > 1 ? "s " : " ") + list +
                                                    " (columns: " + have + "; see docs/thresholds.md)");
}

}  // namespace detail

SAFEGUARDING_FUNC FrontDoorInput::FrontDoorInput(InputTable contacts, InputTable steps)
    : contact_table_(std::move(contacts)), step_table_(std::move(steps)) {
  detail::require(contact_table_, std::span(contact_columns).subspan(0, 4));
  detail::require(step_table_, std::span(step_columns).subspan(0, 4));
  code_ids();
  agency_ = code(contact_table_, "agency", false);
  referrer_level_ = code(contact_table_, "referrer_level", false);
  decided_level_ = code(contact_table_, "decided_level", false);
  outcome_ = code(contact_table_, "outcome", true);
  assessment_outcome_ = code(contact_table_, "assessment_outcome", true);
  from_level_ = code(step_table_, "from_level", false);
  to_level_ = code(step_table_, "to_level", false);
}

SAFEGUARDING_FUNC FrontDoorInput::Coded FrontDoorInput::code(const InputTable& t, std::string_view column,
                                                             bool vocabulary) {
  Coded out;
  const auto* values = detail::text_column(t, column);
  if (values == nullptr) return out;
  detail::Coder coder;
  out.codes.reserve(values->size());
  for (const auto& v : *values)
    out.codes.push_back(coder.add(!v ? std::nullopt : vocabulary ? normalised_word(*v) : normalised_id(*v)));
  out.values = std::move(coder.values());
  return out;
}

/// Ids of several columns coded together (equal ids, equal codes); a missing id is `nat`.
SAFEGUARDING_FUNC void FrontDoorInput::code_ids() {
  auto code_into = [](detail::Coder& coder, const std::vector<std::optional<std::string>>* column, std::size_t rows,
                      std::vector<std::int64_t>& out, bool optional) {
    if (column == nullptr) {
      if (!optional) out.assign(rows, nat);
      return;
    }
    out.reserve(column->size());
    for (const auto& v : *column) {
      const std::int32_t c = coder.add(v ? normalised_id(*v) : std::nullopt);
      out.push_back(c < 0 ? nat : c);
    }
  };
  detail::Coder contacts, children;
  code_into(contacts, detail::text_column(contact_table_, "contact"), contact_table_.rows, contact_, false);
  code_into(contacts, detail::text_column(step_table_, "contact"), step_table_.rows, step_contact_, true);
  code_into(children, detail::text_column(contact_table_, "child"), contact_table_.rows, child_, false);
  code_into(children, detail::text_column(step_table_, "child"), step_table_.rows, step_child_, false);
  contact_ids_ = std::move(contacts.values());
  child_ids_ = std::move(children.values());
}

SAFEGUARDING_FUNC Contacts FrontDoorInput::contacts() const {
  auto days = [&](std::string_view column) -> std::span<const std::int64_t> {
    auto it = contact_table_.days.find(column);
    return it == contact_table_.days.end() ? std::span<const std::int64_t>{}
                                           : std::span<const std::int64_t>(it->second);
  };
  return Contacts{contact_,
                  child_,
                  days("date"),
                  agency_.view(),
                  referrer_level_.view(),
                  days("decision_date"),
                  decided_level_.view(),
                  outcome_.view(),
                  days("assessment_date"),
                  assessment_outcome_.view()};
}

SAFEGUARDING_FUNC Steps FrontDoorInput::steps() const {
  auto it = step_table_.days.find("date");
  const std::span<const std::int64_t> date =
      it == step_table_.days.end() ? std::span<const std::int64_t>{} : std::span<const std::int64_t>(it->second);
  return Steps{step_child_, date, step_contact_, from_level_.view(), to_level_.view()};
}

SAFEGUARDING_FUNC std::vector<std::string> FrontDoorInput::id_text(std::string_view table,
                                                                   std::string_view column) const {
  const bool contacts = table == "contacts";
  const std::vector<std::int64_t>& codes =
      column == "child" ? (contacts ? child_ : step_child_) : (contacts ? contact_ : step_contact_);
  const std::vector<std::string>& values = column == "child" ? child_ids_ : contact_ids_;
  std::vector<std::string> out(contacts ? contact_table_.rows : step_table_.rows);
  for (std::size_t i = 0; i < codes.size() && i < out.size(); ++i)
    if (codes[i] != nat) out[i] = values[static_cast<std::size_t>(codes[i])];
  return out;
}

}  // namespace safeguarding::inline v0::front_door
