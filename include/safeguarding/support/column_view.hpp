// A read-only view of a column held by the caller (a std::vector, a numpy array's buffer, a span).
// It binds to lvalues and to borrowed ranges only: a view of a temporary container would dangle, so
// `view = std::vector<std::int64_t>{1, 2}` does not compile.
#pragma once

#include <ranges>
#include <span>
#include <type_traits>

namespace safeguarding::inline v0::support {

template <class T>
class ColumnView : public std::span<const T> {
 public:
  constexpr ColumnView() noexcept = default;
  constexpr ColumnView(std::span<const T> s) noexcept : std::span<const T>(s) {}  // NOLINT: a span is a view already

  /// A view of a container that outlives it.
  template <class R>
  requires std::ranges::contiguous_range<R> && std::is_convertible_v<R&, std::span<const T>> &&
      (!std::is_same_v<std::remove_cvref_t<R>, ColumnView>)constexpr ColumnView(R& range) noexcept
      : std::span<const T>(range) {}  // NOLINT: implicit, as std::span

  /// A borrowed range (a temporary span) is fine; a temporary container is not.
  template <class R>
  requires(!std::is_lvalue_reference_v<R>) &&
      (!std::ranges::borrowed_range<R>)&&(!std::is_same_v<std::remove_cvref_t<R>, ColumnView>)&&(
          !std::is_same_v<std::remove_cvref_t<R>, std::span<const T>>)ColumnView(R&& temporary) = delete;
};

}  // namespace safeguarding::inline v0::support
