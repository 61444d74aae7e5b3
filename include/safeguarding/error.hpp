// Errors: one exception type for every bad input, carrying every problem found with where it was found.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace safeguarding::inline v0 {

/// One thing wrong with the input: where it is (a file, row and column, a JSON pointer, an
/// array element) and what is wrong with it, naming the offending value.
struct Problem {
  std::string where;
  std::string message;

  [[nodiscard]] std::string str() const { return where.empty() ? message : where + ": " + message; }
  friend bool operator==(const Problem&, const Problem&) = default;
};

/// The one exception type the library throws for bad input (Python: `safeguarding.Error`, a
/// `ValueError`). Loaders collect every problem before throwing, so `problems()` lists them all.
class Error : public std::runtime_error {
 public:
  explicit Error(std::string message) : Error(std::vector<Problem>{Problem{{}, std::move(message)}}) {}
  Error(std::string where, std::string message)
      : Error(std::vector<Problem>{Problem{std::move(where), std::move(message)}}) {}
  explicit Error(std::vector<Problem> problems, std::string_view source = {})
      : std::runtime_error(compose(problems, source)), problems_(std::move(problems)) {}

  [[nodiscard]] const std::vector<Problem>& problems() const noexcept { return problems_; }

  /// The message of an Error with these problems: one problem alone as "where: message"; several
  /// (or any with a source) as "source: N problems" and one indented line per problem.
  static std::string compose(const std::vector<Problem>& problems, std::string_view source) {
    if (problems.size() == 1 && source.empty()) return problems.front().str();
    std::string text(source);
    if (!text.empty()) text += ": ";
    text += std::to_string(problems.size()) + (problems.size() == 1 ? " problem" : " problems");
    for (const auto& p : problems) text += "\n  " + p.str();
    return text;
  }

  /// The same under a headline of the caller's ("events: 3 rows with bad values in column 'date'"),
  /// which replaces "source: N problems": the headline, then one indented line per problem.
  static std::string compose(const std::vector<Problem>& problems, std::string_view, std::string_view headline) {
    std::string text(headline);
    for (const auto& p : problems) text += "\n  " + p.str();
    return text;
  }

 private:
  std::vector<Problem> problems_;
};

/// Collects problems while reading input so that all of them can be reported at once.
class Problems {
 public:
  void add(std::string where, std::string message) { items_.push_back(Problem{std::move(where), std::move(message)}); }
  void add(Problem problem) { items_.push_back(std::move(problem)); }
  void append(const std::vector<Problem>& more) { items_.insert(items_.end(), more.begin(), more.end()); }

  [[nodiscard]] bool empty() const noexcept { return items_.empty(); }
  [[nodiscard]] std::size_t size() const noexcept { return items_.size(); }
  [[nodiscard]] const std::vector<Problem>& items() const noexcept { return items_; }

  /// Throws one `Error` listing every problem collected, prefixed by `source` (usually a file name).
  void throw_if_any(std::string_view source = {}) const {
    if (!items_.empty()) throw Error(items_, source);
  }

 private:
  std::vector<Problem> items_;
};

/// Quotes a value for an error message, so that empty strings and stray spaces stay visible.
inline std::string quote(std::string_view value) {
  std::string out;
  out.reserve(value.size() + 2);
  out += '\'';
  out += value;
  out += '\'';
  return out;
}

}  // namespace safeguarding::inline v0
