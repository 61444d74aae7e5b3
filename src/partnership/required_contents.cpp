// The contents the guidance requires published arrangements to set out, per edition.
#include "safeguarding/partnership.hpp"

namespace safeguarding::inline v0 {

namespace detail {

/// Working Together 2018, chapter 3: what published arrangements must set out.
SAFEGUARDING_FUNC const std::vector<RequiredItem>& wt2018_contents() {
  static const std::vector<RequiredItem> wt2018 = {
      {"wt2018.a",
       "how the safeguarding partners will work together to identify and respond to the needs of children in the area",
       "Working Together 2018 ch.3 (arrangements §2.1 a)", "confirmed (seed)"},
      {"wt2018.b", "how the arrangements will include the voice of children and families",
       "Working Together 2018 ch.3 (arrangements §2.1 b)", "confirmed (seed)"},
      {"wt2018.c", "arrangements for commissioning and publishing local child safeguarding practice reviews",
       "Working Together 2018 ch.3 (arrangements §2.1 c)", "confirmed (seed)"},
      {"wt2018.d",
       "how the effectiveness of the arrangements will be scrutinised, reviewed and recommendations taken forward",
       "Working Together 2018 ch.3 (arrangements §2.1 d)", "confirmed (seed)"},
      {"wt2018.e", "who the three local safeguarding partners are", "Working Together 2018 ch.3 (arrangements §2.1 e)",
       "confirmed (seed)"},
      {"wt2018.f",
       "the geographical boundaries and the relevant agencies, why they were chosen and how they will work together",
       "Working Together 2018 ch.3 (arrangements §2.1 f)", "confirmed (seed)"},
      {"wt2018.g", "how the arrangements will be funded", "Working Together 2018 ch.3 (arrangements §2.1 g)",
       "confirmed (seed)"},
      {"wt2018.h", "how early years settings, schools and other educational establishments will be included",
       "Working Together 2018 ch.3 (arrangements §2.1 h)", "confirmed (seed)"},
      {"wt2018.i", "how any youth custody and residential homes will be included",
       "Working Together 2018 ch.3 (arrangements §2.1 i)", "confirmed (seed)"},
      {"wt2018.j",
       "how data and intelligence will be used to assess the effectiveness of the help (including early help) provided",
       "Working Together 2018 ch.3 (arrangements §2.1 j)", "confirmed (seed)"},
      {"wt2018.k",
       "how inter-agency training will be commissioned, delivered and monitored, and how multi-agency audits will be "
       "undertaken",
       "Working Together 2018 ch.3 (arrangements §2.1 k)", "confirmed (seed)"},
      {"wt2018.l", "how learning from child safeguarding practice reviews will be embedded",
       "Working Together 2018 ch.3 (arrangements §2.1 l)", "confirmed (seed)"},
      {"wt2018.m", "how the threshold document aligns with the arrangements",
       "Working Together 2018 ch.3 (arrangements §2.1 m)", "confirmed (seed)"},
      {"wt2018.n", "how the partnership will be led and supported", "Working Together 2018 ch.3 (arrangements §2.1 n)",
       "confirmed (seed)"},
      {"wt2018.scrutiny", "scrutiny of the effectiveness of the arrangements by an independent person",
       "Working Together 2018 ch.3 (arrangements §2.4.6)", "confirmed (seed)"},
  };
  return wt2018;
}

/// Working Together 2023, chapter 2.
SAFEGUARDING_FUNC const std::vector<RequiredItem>& wt2023_contents() {
  static const std::vector<RequiredItem> wt2023 = {
      {"wt2023.partners", "who the lead and delegated safeguarding partners are, and the partnership chair",
       "Working Together 2023 ch.2", "check"},
      {"wt2023.geography", "the geographical boundaries of the arrangements", "Working Together 2023 ch.2", "check"},
      {"wt2023.relevant_agencies", "the relevant agencies, why they were chosen and how they will work together",
       "Working Together 2023 ch.2", "check"},
      {"wt2023.education", "how education and childcare settings are included, with their strategic role",
       "Working Together 2023 ch.2", "check"},
      {"wt2023.voice", "how the arrangements include the voice of children and families", "Working Together 2023 ch.2",
       "check"},
      {"wt2023.reviews",
       "arrangements for identifying, commissioning and publishing local child safeguarding practice reviews",
       "Working Together 2023 ch.2 and ch.5", "check"},
      {"wt2023.scrutiny", "how the arrangements will be independently scrutinised", "Working Together 2023 ch.2",
       "check"},
      {"wt2023.data", "how data and intelligence will be used to assess and improve the help provided",
       "Working Together 2023 ch.2", "check"},
      {"wt2023.training", "how multi-agency training, learning and audit will be delivered and evaluated",
       "Working Together 2023 ch.2", "check"},
      {"wt2023.funding", "how the arrangements will be funded, with each partner's contribution",
       "Working Together 2023 ch.2", "check"},
      {"wt2023.thresholds", "the threshold document and how it aligns with the arrangements",
       "Working Together 2023 ch.2", "check"},
      {"wt2023.youth_custody", "how youth custody and residential settings will be included",
       "Working Together 2023 ch.2", "check"},
      {"wt2023.disputes", "how disagreements and escalations will be resolved", "Working Together 2023 ch.2", "check"},
      {"wt2023.yearly_report", "the yearly report on what the arrangements have done and their impact",
       "Working Together 2023 ch.2; Children Act 2004 s16G", "check"},
  };
  return wt2023;
}

/// The Children's Wellbeing and Schools Act 2026.
SAFEGUARDING_FUNC const std::vector<RequiredItem>& cwsa2026_contents() {
  // The Act's two additions to what the arrangements must include, on top of Working Together
  // 2023's (both read in the Act as enacted: docs/partnership.md).
  static const std::vector<RequiredItem> cwsa2026 = [] {
    std::vector<RequiredItem> items = wt2023_contents();
    items.push_back(
        {"cwsa2026.designated_agencies",
         "the relevant agencies designated as childcare or education agencies, which the arrangements "
         "include",
         "Children Act 2004 s16E(1)(aa), (2A), inserted by the Children's Wellbeing and Schools Act 2026 s2",
         "confirmed"});
    items.push_back({"cwsa2026.child_protection_teams",
                     "the multi-agency child protection teams the arrangements establish, and their members",
                     "Children Act 2004 s16EA(1), inserted by the Children's Wellbeing and Schools Act 2026 s3",
                     "confirmed"});
    return items;
  }();
  return cwsa2026;
}

}  // namespace detail

SAFEGUARDING_FUNC const std::vector<RequiredItem>& required_contents(Edition edition) {
  static const std::vector<RequiredItem> none;
  switch (edition) {
    case Edition::wt2018:
      return detail::wt2018_contents();
    case Edition::wt2023:
      return detail::wt2023_contents();
    case Edition::cwsa2026:
      return detail::cwsa2026_contents();
    case Edition::lscb_wt2015:
      break;
  }
  return none;
}

SAFEGUARDING_FUNC const RequiredItem* find_required_item(std::string_view id) {
  for (Edition e : {Edition::wt2018, Edition::cwsa2026})  // CWSA2026's items include Working Together 2023's
    for (const RequiredItem& item : required_contents(e))
      if (item.id == id) return &item;
  return nullptr;
}

SAFEGUARDING_FUNC Edition required_item_edition(const RequiredItem& item) {
  if (item.id.rfind("wt2018.", 0) == 0) return Edition::wt2018;
  if (item.id.rfind("wt2023.", 0) == 0) return Edition::wt2023;
  return Edition::cwsa2026;
}

}  // namespace safeguarding::inline v0
