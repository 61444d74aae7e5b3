// Threshold documents in JSON: the "thresholds" member of a partnership file (docs/thresholds.md).
#include "safeguarding/thresholds.hpp"

#include "partnership.hpp"

namespace safeguarding::inline v0 {

namespace json::detail {

SAFEGUARDING_FUNC std::vector<std::string> read_strings(const Cursor& cur) {
  std::vector<std::string> out;
  cur.for_each([&](const Cursor& item) { out.push_back(item.string().value_or("")); });
  return out;
}

SAFEGUARDING_FUNC void put_if(Document& j, const char* key, const std::string& value) {
  if (!value.empty()) j[key] = value;
}

SAFEGUARDING_FUNC void read_level(const Cursor& l, LevelOfNeed& level) {
  level.id = l["id"].string().value_or("");
  level.name = l["name"].string().value_or("");
  level.description = l["description"].string_or("");
  if (auto k = read_enum<NeedKind>(l["kind"], need_kind_names)) level.kind = *k;
  level.zone = l["zone"].string_or("");
  level.indicators = read_strings(l["indicators"]);
  level.services = read_strings(l["services"]);
  level.step_up = read_strings(l["step_up"]);
  level.step_down = read_strings(l["step_down"]);
}

/// A version's levels: a list of its own, or the name of built-in ones ("london-continuum").
SAFEGUARDING_FUNC void read_levels(const Cursor& levels, ThresholdVersion& v) {
  if (levels.is_string()) {
    const auto key = levels.value()->get<std::string>();
    if (const auto* builtin = builtin_levels(key)) {
      v.builtin = key;
      v.levels = *builtin;
    } else {
      levels.problem(quote(key) + " is not a built-in set of levels (expected " + std::string(london_continuum_key) +
                     ", or a list of levels)");
    }
    return;
  }
  read_objects(levels, v.levels,
               {"id", "name", "description", "kind", "zone", "indicators", "services", "step_up", "step_down"},
               read_level);
}

SAFEGUARDING_FUNC Thresholds read_thresholds(const Cursor& th) {
  th.reject_unknown_keys({"document", "owner", "review_activity", "other_sources", "versions"});
  Thresholds t;
  t.document = th["document"].string_or("");
  t.owner = th["owner"].reference_or_none();
  t.review_activity = th["review_activity"].string_or(t.review_activity);
  read_objects(th["other_sources"], t.other_sources, {"id", "name"}, [&](const Cursor& c, ReferralSource& x) {
    x.id = c["id"].string().value_or("");
    x.name = c["name"].string().value_or("");
  });
  read_objects(th["versions"], t.versions, {"id", "title", "from", "source", "levels"},
               [&](const Cursor& c, ThresholdVersion& v) {
                 v.id = c["id"].string().value_or("");
                 v.title = c["title"].string().value_or("");
                 if (auto d = c["from"].date()) v.from = *d;
                 v.source = c["source"].string_or("");
                 read_levels(c["levels"], v);
               });
  return t;
}

SAFEGUARDING_FUNC Document threshold_version_document(const ThresholdVersion& v, bool expand) {
  Document vj{{"id", v.id}, {"title", v.title}, {"from", date_value(v.from)}};
  put_if(vj, "source", v.source);
  if (!v.builtin.empty() && !expand) {
    vj["levels"] = v.builtin;
    return vj;
  }
  Document levels = Document::array();
  for (const auto& l : v.levels) {
    Document lj{{"id", l.id}, {"name", l.name}, {"kind", name_of(l.kind, need_kind_names)}};
    put_if(lj, "description", l.description);
    put_if(lj, "zone", l.zone);
    lj["indicators"] = l.indicators;
    lj["services"] = l.services;
    lj["step_up"] = l.step_up;
    lj["step_down"] = l.step_down;
    levels.push_back(std::move(lj));
  }
  vj["levels"] = std::move(levels);
  return vj;
}

SAFEGUARDING_FUNC Document write_thresholds(const Thresholds& t) {
  Document tj = Document::object();
  put_if(tj, "document", t.document);
  put_if(tj, "owner", t.owner);
  tj["review_activity"] = t.review_activity;
  Document sources = Document::array();
  for (const auto& x : t.other_sources) sources.push_back({{"id", x.id}, {"name", x.name}});
  tj["other_sources"] = std::move(sources);
  Document versions = Document::array();
  for (const auto& v : t.versions) versions.push_back(threshold_version_document(v, false));
  tj["versions"] = std::move(versions);
  return tj;
}

}  // namespace json::detail

SAFEGUARDING_FUNC std::string threshold_version_to_json(const ThresholdVersion& version, bool expand, int indent) {
  return json::dump(json::detail::threshold_version_document(version, expand), indent);
}

}  // namespace safeguarding::inline v0
