// The built-in levels of need: the London Threshold Document's "Continuum of Help and Support".
#include "safeguarding/thresholds.hpp"

namespace safeguarding::inline v0 {

SAFEGUARDING_FUNC const std::vector<LevelOfNeed>& london_continuum_levels() {
  static const std::vector<LevelOfNeed> levels = {
      {"universal",
       "Level 1: no additional needs",
       "Children whose health and development needs are met by the universal services every child uses.",
       NeedKind::universal,
       "",
       {"developing well and meeting milestones", "attending school or early years regularly",
        "parents or carers meet the child's needs"},
       {"schools and early years settings", "health visitors, school nurses and GPs", "youth and leisure services"},
       {"additional", "complex", "acute"},
       {}},
      {"additional",
       "Level 2: early help (additional needs)",
       "Children whose needs are not clear, not known or not being met, who need help from one agency or an early "
       "help assessment with a lead professional.",
       NeedKind::early_help,
       "",
       {"emerging concerns about health, development or attendance", "parents need support with routines or boundaries",
        "low-level concerns about the home or family relationships"},
       {"early help assessment with a lead professional", "targeted support from a single agency",
        "parenting programmes and family support"},
       {"complex", "acute"},
       {"universal"}},
      {"complex",
       "Level 3: complex needs (children in need)",
       "Children with complex, multiple needs whose health or development is likely to be significantly impaired "
       "without services: an assessment by children's social care under section 17 of the Children Act 1989, or "
       "intensive multi-agency early help.",
       NeedKind::social_care,
       "",
       {"needs not met by early help, or escalating",
        "domestic abuse, parental mental ill-health or substance misuse "
        "affecting the child",
        "a disabled child whose family needs specialist support"},
       {"children's social care assessment (section 17)", "child in need plan", "intensive family support"},
       {"acute"},
       {"additional", "universal"}},
      {"acute",
       "Level 4: acute need (child protection and care)",
       "Children suffering, or likely to suffer, significant harm, or who need to be looked after: strategy "
       "discussion and enquiries under section 47, child protection conferences and plans, care proceedings.",
       NeedKind::social_care,
       "",
       {"an injury or disclosure suggesting abuse", "severe or persistent neglect",
        "no one able or willing to care for the child"},
       {"strategy discussion and section 47 enquiry", "child protection plan", "accommodation and care proceedings"},
       {},
       {"complex", "additional"}},
  };
  return levels;
}

}  // namespace safeguarding::inline v0
