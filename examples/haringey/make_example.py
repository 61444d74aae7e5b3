"""Writes examples/haringey/partnership.json: the Haringey Safeguarding Children Partnership as the
published arrangements describe it (seed 003, agenda item 9, Children and Young People's Scrutiny
Panel, 19 September 2019), with a SYNTHETIC year of meeting and activity records.

The definition (partners, relevant agencies, roles, groups, frequencies, quorum, duties and where
the arrangements cover each required item) follows the report's paragraphs, cited in each
`source`. The records from 29 September 2019 are invented: plausible, but not what happened. They
include realistic failures so that the compliance report has something to find:

* an inquorate Executive meeting (the police sent a deputy without delegated authority) and an
  inquorate Quality, Performance and Outcomes subgroup meeting (the police not represented);
* a missed quarter: the Leadership group did not meet in April-June 2020;
* an agency that stops attending: the secondary head teacher representative after February 2020;
* a late annual report (published in October 2020, due by the end of July 2020);
* an audit action plan finished late, a JTAI action plan revisit overdue, a work plan overdue.

Records name roles and agencies only, never people. Run `python examples/haringey/make_example.py`
after editing; tests/python/test_partnership.py checks the file is what this script writes.

The threshold document has two versions: "Pathway to Provision" with four tiers, and the 2019
threshold document with Haringey's tiers as seed 001 pictures them (universal; Tier 2 early help,
green; the amber zone from Tier 2+ to Tier 3+; Tier 4 looked after, red). Their effective dates
(1 April 2016, 1 July 2019), descriptions, indicators and services are ILLUSTRATIVE: the seeds give
the tiers, not the documents' text. A duty to keep the document up to date (the QPO subgroup's,
§2.16.6.2 j; the 12-month interval is a local choice) is overdue: the report finds it.

`contacts.csv` and `steps.csv` are a SYNTHETIC front-door year (contacts from 1 April 2019 to 31
March 2020, decisions, assessments and steps recorded to 30 April 2020), generated at random with a
fixed seed: no real child's data. The children's ids are invented. A few bad records are planted
so that the checks have something to report (docs/thresholds.md).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARRANGEMENTS = (
    "Haringey multi-agency safeguarding arrangements, Children and Young People's Scrutiny Panel, 19 September 2019, item 9"
)


def src(paragraph: str) -> str:
    return f"HSCP arrangements {paragraph}"


# The health partner over time: Haringey CCG merged with Barnet, Camden, Enfield and Islington CCGs
# into NHS North Central London CCG on 1 April 2020; integrated care boards replaced clinical
# commissioning groups on 1 July 2022. Each body is a partner for its own dates.
NCL_MERGER = ("the merger into a single NCL CCG took effect from 1 April 2020 (Haringey Health and Wellbeing Board, "
              "'NCL CCG merger update', https://www.minutes.haringey.gov.uk/mgAi.aspx?ID=65033)")
ICBS = "integrated care boards replaced clinical commissioning groups on 1 July 2022 (Health and Care Act 2022; SI 2022/634)"

PARTNERS = [
    {"id": "la", "name": "Haringey Council", "kind": "local-authority", "lead": "la-chief-executive", "delegates": ["dcs"]},
    {"id": "ccg", "name": "Haringey Clinical Commissioning Group", "kind": "ccg", "lead": "ccg-accountable-officer",
     "delegates": ["ccg-coo"], "until": "2020-03-31", "source": src("§2.4.4-2.4.5") + "; " + NCL_MERGER},
    {"id": "ncl-ccg", "name": "NHS North Central London Clinical Commissioning Group", "kind": "ccg",
     "lead": "ncl-ccg-accountable-officer", "delegates": ["ncl-ccg-emd"], "from": "2020-04-01", "until": "2022-06-30",
     "succeeds": "ccg", "source": NCL_MERGER + "; " + ICBS},
    {"id": "ncl-icb", "name": "NHS North Central London Integrated Care Board", "kind": "icb",
     "lead": "ncl-icb-chief-executive", "delegates": ["ncl-icb-delegate"], "from": "2022-07-01", "succeeds": "ncl-ccg",
     "source": ICBS},
    {"id": "police", "name": "Metropolitan Police Service (Enfield and Haringey)", "kind": "police",
     "lead": "borough-commander", "delegates": ["detective-superintendent"]},
]
HEALTH = ["ccg", "ncl-ccg", "ncl-icb"]  # the health partner's successive bodies

# Appendix 1, "List of relevant agencies". named_in_regulations is our reading of the Child
# Safeguarding Practice Review and Relevant Agency (England) Regulations 2018 schedule (check);
# council services are part of the local authority, a safeguarding partner, and are not listed there.
AGENCIES = [
    ("cafcass", "CAFCASS", "justice", True),
    ("hep", "Haringey Education Partnership", "education", False),
    ("nmuh", "North Middlesex University Hospital", "health", True),
    ("whittington", "Whittington Health", "health", True),
    ("beh-mh", "Barnet, Enfield and Haringey Mental Health Trust", "health", True),
    ("housing", "Haringey Council Housing Department", "housing", False),
    ("public-health", "Haringey Public Health", "local-authority", False),
    ("legal", "Haringey Council Legal Services", "local-authority", False),
    ("nps", "National Probation Service", "probation", True),
    ("crc", "London Community Rehabilitation Company", "probation", True),
    ("primary-schools", "Haringey primary schools (head teacher representative)", "education", True),
    ("secondary-schools", "Haringey secondary schools (head teacher representative)", "education", True),
    ("colleges", "Colleges and other educational providers in Haringey", "education", True),
    ("early-years", "Early years settings in Haringey", "early-years", True),
    ("las", "London Ambulance Service", "ambulance", True),
    ("adult-social-services", "Haringey Adult Social Services", "local-authority", False),
    ("gps", "General practitioners in Haringey", "health", True),
    ("havco", "Haringey Association of Voluntary and Community Organisations", "voluntary", False),
]

# (id, title, kind, agency, post): the post where the guidance names one. The Borough Commander leads
# for the police in the 2019 arrangements; the chief officer of police of the Metropolitan Police is
# its Commissioner, so the post is "other".
ROLES = [
    ("la-chief-executive", "Chief Executive, Haringey Council", "lead-representative", "la", "chief-executive"),
    ("dcs", "Director of Children's Services", "delegated-representative", "la", "director-of-childrens-services"),
    ("ccg-accountable-officer", "Accountable Officer, Haringey CCG", "lead-representative", "ccg", "accountable-officer"),
    ("ccg-coo", "Chief Operating Officer, Haringey CCG", "delegated-representative", "ccg", ""),
    ("ncl-ccg-accountable-officer", "Accountable Officer, NHS North Central London CCG", "lead-representative", "ncl-ccg",
     "accountable-officer"),
    ("ncl-ccg-emd", "Executive Managing Director, Haringey and Islington, NHS North Central London CCG",
     "delegated-representative", "ncl-ccg", ""),
    ("ncl-icb-chief-executive", "Chief Executive, NHS North Central London ICB", "lead-representative", "ncl-icb",
     "chief-executive"),
    ("ncl-icb-delegate", "Delegated representative, NHS North Central London ICB", "delegated-representative", "ncl-icb",
     ""),
    ("borough-commander", "Chief Superintendent, Enfield and Haringey (Borough Commander)", "lead-representative", "police",
     "other"),
    ("detective-superintendent", "Detective Superintendent, Enfield and Haringey", "delegated-representative", "police", ""),
    ("independent-chair", "Independent Chair", "independent-chair", "", ""),
    ("sspm", "Strategic Safeguarding Partnership Manager", "partnership-manager", "la", ""),
    ("business-unit", "HSCP Business Unit", "business-unit", "la", ""),
    ("scrutineer", "Independent Scrutineer", "scrutineer", "", ""),
    ("lay-member-1", "Lay member", "lay-member", "", ""),
    ("lay-member-2", "Lay member", "lay-member", "", ""),
    ("cabinet-member", "Cabinet Member for Children's Services", "elected-member", "la", ""),
]

QUORUM = {"all_safeguarding_partners": True, "minimum_members": 0, "deputies_need_delegated_authority": True,
          "source": src("§2.16.8")}


def quarterly(paragraph: str) -> dict:
    return {"per": "quarter", "at_least": 1, "aligned_to": "calendar", "source": src(paragraph)}


def health(capacity: str) -> list[dict]:
    """The health partner's seat on a group: each of its successive bodies, in the same capacity."""
    return [{"agency": body, "capacity": capacity} for body in HEALTH]


GROUPS = [
    {"id": "executive", "name": "Executive Group", "kind": "executive", "chairs": ["independent-chair"],
     "members": [{"agency": "la", "capacity": "Director of Children's Services"},
                 *health("Chief Operating Officer"),
                 {"agency": "police", "capacity": "Borough Commander"}],
     "remit": "Statutory accountability for the arrangements: strategy, performance, resources and risk; "
              "independent scrutiny; commissioning practice reviews (§2.15.1). Chair reviewed September 2020.",
     "frequency": quarterly("§2.15.4"), "quorum": QUORUM},
    {"id": "leadership", "name": "Leadership Group", "kind": "leadership", "parent": "executive",
     "chairs": ["independent-chair", "dcs"],
     "members": [{"agency": "la", "capacity": "Assistant Directors: Social Care, Early Help, Community Safety"},
                 *health("Designated Doctor and Designated Nurse"),
                 {"agency": "police", "capacity": "Detective Superintendent"},
                 {"agency": "public-health", "capacity": "Assistant Director, Public Health"},
                 {"agency": "nps", "capacity": "Assistant Chief Officer"},
                 {"agency": "primary-schools", "capacity": "Primary School Head representative"},
                 {"agency": "secondary-schools", "capacity": "Secondary School Head representative"},
                 {"agency": "nmuh", "capacity": "Director"},
                 {"agency": "whittington", "capacity": "Director"},
                 {"agency": "beh-mh", "capacity": "Director"}],
     "remit": "The engine room: authorises policy, process and guidance, keeps the risk log, directs audit, "
              "holds partners to account; the Cabinet Member and two lay members sit on it (§2.16.1-2.16.2).",
     "frequency": quarterly("§2.16.4"), "quorum": QUORUM},
    {"id": "qpo", "name": "Quality, Performance and Outcomes Subgroup", "kind": "delivery-subgroup", "parent": "leadership",
     "chairs": ["sspm"],
     "members": [{"agency": "la", "capacity": "Head of Service, Quality Assurance"},
                 *health("Designated Nurse"),
                 {"agency": "police", "capacity": "Detective Chief Inspector"},
                 {"agency": "whittington", "capacity": "Named Nurse"},
                 {"agency": "nmuh", "capacity": "Named Nurse"},
                 {"agency": "beh-mh", "capacity": "Named Professional"},
                 {"agency": "hep", "capacity": "Safeguarding in Education lead"},
                 {"agency": "cafcass", "capacity": "Service Manager"}],
     "remit": "Multi-agency audits (at least four deep dives a year), action plans within six months, "
              "quarterly reports to the Leadership group, the threshold document (§2.16.6).",
     "frequency": quarterly("§2.16.6.4"), "quorum": QUORUM},
    {"id": "plwd", "name": "Practice, Learning and Workforce Development Subgroup", "kind": "delivery-subgroup",
     "parent": "leadership", "chairs": ["sspm"],
     "members": [{"agency": "la", "capacity": "Principal Social Worker"},
                 *health("Named GP"),
                 {"agency": "police", "capacity": "Detective Inspector, Safeguarding"},
                 {"agency": "whittington", "capacity": "Safeguarding Trainer"},
                 {"agency": "beh-mh", "capacity": "Safeguarding Lead"},
                 {"agency": "hep", "capacity": "Safeguarding in Education lead"},
                 {"agency": "havco", "capacity": "Voluntary sector representative"}],
     "remit": "Multi-agency learning and development, the training pool, learning events, communications "
              "and the website; reports annually on training (§2.16.7).",
     "frequency": quarterly("§2.16.7.4"), "quorum": QUORUM},
    # The arrangements name no chair for this group (§2.19.6): the report flags it.
    {"id": "learning-review", "name": "Learning Review and Rapid Review Group", "kind": "review-group",
     "parent": "executive", "chairs": [],
     "members": [{"agency": "la", "capacity": "Assistant Director, Children's Social Care"},
                 *health("Designated Nurse"),
                 {"agency": "police", "capacity": "Detective Chief Inspector"}],
     "remit": "Rapid reviews within 15 working days of a notified incident; recommends local or national "
              "practice reviews to the Executive group (§2.19.5-2.19.6).",
     "frequency": {"per": "as-required", "source": src("§2.19.6")}, "quorum": QUORUM},
]


def interval(every: str, first_due: str | None = None) -> dict:
    out = {"kind": "interval", "every": every}
    if first_due:
        out["first_due"] = first_due
    return out


def count(per: str, at_least: int, aligned_to: str) -> dict:
    return {"kind": "count", "per": per, "at_least": at_least, "aligned_to": aligned_to}


DUTIES = [
    {"id": "business-plan", "title": "Annual business plan prepared for approval", "owner": "business-unit",
     "activity": "business-plan", "schedule": {"kind": "yearly", "by": "04-30"},
     "source": src("§2.16.9.2 (the business unit section)")},
    {"id": "yearly-report", "title": "Yearly report published", "owner": "business-unit", "activity": "yearly-report",
     "schedule": interval("12 months", "2020-07-31"),
     "source": src("§2.16.9.3 (June/July each year); Children Act 2004 s16G: at least once in every 12 months"),
     "statutory": "yearly-report"},
    {"id": "yearly-report-sent", "title": "Yearly report sent to the Child Safeguarding Practice Review Panel and the What "
     "Works Centre", "owner": "business-unit", "activity": "yearly-report-sent",
     "schedule": {"kind": "after-each", "within": "7 calendar days", "after": "yearly-report"},
     "source": "Working Together 2018 ch.3: within 7 days of publication (recalled, not read: check)",
     "statutory": "yearly-report-sent"},
    {"id": "independent-scrutiny", "title": "Independent scrutineer's assessment of the partners' leadership",
     "owner": "scrutineer", "activity": "scrutiny-assessment", "schedule": interval("12 months", "2020-07-31"),
     "source": src("§2.24.2 (an assessment for inclusion in the yearly report); §2.4.6: scrutiny by an independent "
                   "person (Working Together 2018)"),
     "statutory": "independent-scrutiny"},
    {"id": "performance-data", "title": "Quarterly performance data to the Leadership group", "owner": "qpo",
     "activity": "performance-report", "schedule": count("quarter", 1, "calendar"), "source": src("§2.16.6.2 h, §2.22")},
    {"id": "deep-dive-audits", "title": "Major deep-dive multi-agency audits", "owner": "qpo", "activity": "deep-dive-audit",
     "schedule": count("year", 4, "partnership-year"), "source": src("§2.16.6.2 b")},
    {"id": "audit-action-plans", "title": "Audit action plan completed", "owner": "qpo",
     "activity": "audit-action-plan-completed",
     "schedule": {"kind": "after-each", "within": "6 months", "after": "deep-dive-audit"}, "source": src("§2.16.6.2 c")},
    {"id": "qpo-work-plan", "title": "QPO subgroup annual work plan", "owner": "qpo", "activity": "qpo-work-plan",
     "schedule": interval("12 months"), "source": src("§2.16.6.2")},
    {"id": "plwd-work-plan", "title": "PLWD subgroup annual work plan", "owner": "plwd", "activity": "plwd-work-plan",
     "schedule": interval("12 months"), "source": src("§2.16.7.1")},
    {"id": "training-report", "title": "Annual report on multi-agency training to the Leadership group", "owner": "plwd",
     "activity": "training-report", "schedule": interval("12 months"), "source": src("§2.16.7.2 f")},
    {"id": "learning-event", "title": "Safeguarding Partnership Practice Learning event", "owner": "independent-chair",
     "activity": "learning-event", "schedule": count("year", 1, "partnership-year"), "source": src("§2.16.9.7")},
    {"id": "practice-weeks", "title": "Multi-agency practice weeks", "owner": "executive", "activity": "practice-week",
     "schedule": count("year", 2, "partnership-year"), "source": src("§2.16.9.7")},
    {"id": "jtai-plan", "title": "JTAI (2017) combined action plan revisited", "owner": "leadership",
     "activity": "jtai-plan-review", "schedule": interval("6 months"), "source": src("§2.11.2 (priorities)")},
    {"id": "relevant-agencies-review", "title": "List of relevant agencies reviewed", "owner": "executive",
     "activity": "relevant-agencies-review", "schedule": interval("12 months"), "source": src("§2.20.5")},
    {"id": "governance-review", "title": "Governance arrangements reviewed", "owner": "executive",
     "activity": "governance-review", "schedule": interval("24 months", "2020-08-31"),
     "source": src("§2.33 (first review summer 2020, then at least every two years)")},
    {"id": "chair-review", "title": "Independent chair arrangements reviewed", "owner": "executive", "activity": "chair-review",
     "schedule": interval("12 months", "2020-09-30"), "source": src("§2.15.4, §2.16.3 (review in September 2020)")},
    {"id": "boards-meeting", "title": "Independent chair meets the other boards with a safeguarding remit",
     "owner": "independent-chair", "activity": "boards-meeting", "schedule": interval("12 months"), "source": src("§2.12.2")},
    {"id": "section-11", "title": "Section 11 self-audits by the statutory agencies", "owner": "qpo",
     "activity": "section-11-audit", "schedule": {"kind": "yearly", "by": "03-31"}, "source": src("§2.10.4 b, §2.18.4 i")},
    {"id": "threshold-review", "title": "Threshold document reviewed and kept up to date", "owner": "qpo",
     "activity": "threshold-review", "schedule": interval("12 months"),
     "source": src("§2.16.6.2 j (maintaining an up-to-date threshold document; every 12 months is a local choice)")},
]


# The threshold document ---------------------------------------------------------------------------
# Seed 001 ("Future Model") pictures the tiers; the descriptions, indicators, services and dates
# below are ILLUSTRATIVE.

def tier(tid: str, name: str, kind: str, description: str, indicators: list[str], services: list[str],
         up: list[str], down: list[str], zone: str = "") -> dict:
    out = {"id": tid, "name": name, "kind": kind, "description": description}
    if zone:
        out["zone"] = zone
    out.update({"indicators": indicators, "services": services, "step_up": up, "step_down": down})
    return out


PATHWAY_2016 = [
    tier("tier-1", "Tier 1: universal", "universal", "Needs met by the services every child uses.",
         ["developing well"], ["schools, health visitors, GPs"], ["tier-2", "tier-3", "tier-4"], []),
    tier("tier-2", "Tier 2: early help", "early-help", "Additional needs met by early help with a lead professional.",
         ["emerging concerns"], ["early help assessment", "family support"], ["tier-3", "tier-4"], ["tier-1"]),
    tier("tier-3", "Tier 3: children in need and child protection", "social-care",
         "Complex needs or significant harm: children's social care.",
         ["needs not met by early help", "risk of significant harm"], ["child and family assessment", "section 47 enquiry"],
         ["tier-4"], ["tier-2", "tier-1"]),
    tier("tier-4", "Tier 4: looked after", "social-care", "Children who cannot live safely at home.",
         ["no safe carer"], ["accommodation", "care proceedings"], [], ["tier-3"]),
]

THRESHOLDS_2019 = [
    tier("tier-1", "Tier 1: universal services", "universal",
         "Children whose needs are met by universal services, which support every tier.",
         ["developing well and meeting milestones", "attending school regularly"],
         ["schools and early years settings", "health visiting, school nursing and GPs", "youth services"],
         ["tier-2", "tier-2+", "tier-3", "tier-3+", "tier-4"], []),
    tier("tier-2", "Tier 2: early help", "early-help",
         "Children and families with additional needs, supported by early help services.",
         ["emerging concerns about health, development or attendance", "parents needing support"],
         ["early help assessment and lead professional", "parenting programmes", "children's centres"],
         ["tier-2+", "tier-3", "tier-3+", "tier-4"], ["tier-1"], zone="green"),
    tier("tier-2+", "Tier 2+: intensive early help", "early-help",
         "Families with multiple needs at the edge of social care: intensive, multi-agency early help, where "
         "support is targeted so that families can step down to Tier 2.",
         ["multiple needs not met by single-agency support", "escalating concerns about neglect or domestic abuse"],
         ["team around the family", "intensive family support"],
         ["tier-3", "tier-3+", "tier-4"], ["tier-2", "tier-1"], zone="amber"),
    tier("tier-3", "Tier 3: children in need", "social-care",
         "Children whose health or development is likely to be significantly impaired without services "
         "(Children Act 1989, section 17).",
         ["complex needs", "a disabled child needing specialist support"],
         ["child and family assessment", "child in need plan"],
         ["tier-3+", "tier-4"], ["tier-2+", "tier-2"], zone="amber"),
    tier("tier-3+", "Tier 3+: child protection", "social-care",
         "Children suffering, or likely to suffer, significant harm (section 47).",
         ["an injury or disclosure suggesting abuse", "severe neglect"],
         ["strategy discussion and section 47 enquiry", "child protection plan"],
         ["tier-4"], ["tier-3", "tier-2+", "tier-2"], zone="amber"),
    tier("tier-4", "Tier 4: looked after", "social-care", "Children looked after by the local authority.",
         ["no one able to care for the child safely"], ["accommodation", "care proceedings"],
         [], ["tier-3+", "tier-3"], zone="red"),
]

THRESHOLDS = {
    "document": "Haringey threshold document (Pathway to Provision)",
    "owner": "qpo",
    "review_activity": "threshold-review",
    "other_sources": [
        {"id": "public", "name": "Members of the public, family and friends"},
        {"id": "self", "name": "The child or young person"},
        {"id": "anonymous", "name": "Anonymous"},
        {"id": "other-la", "name": "Another local authority"},
    ],
    "versions": [
        {"id": "pathway-2016", "title": "Pathway to Provision (2016)", "from": "2016-04-01",
         "source": "Haringey LSCB, Thresholds Guidance (Pathway to Provision), HSCP arrangements §2.9 a; "
                   "the date and the tiers' text are illustrative",
         "levels": PATHWAY_2016},
        {"id": "threshold-2019", "title": "Haringey Threshold Document (2019)", "from": "2019-07-01",
         "source": "HSCP arrangements §2.17 (a new threshold document aligned with Working Together 2018); tiers as "
                   "seed 001 pictures them; the date and the tiers' text are illustrative",
         "levels": THRESHOLDS_2019},
    ],
}

COVERAGE = [
    ("wt2018.a", "§2.6, §2.10"), ("wt2018.b", "§2.13, §2.14"), ("wt2018.c", "§2.19"), ("wt2018.d", "§2.24, §2.33"),
    ("wt2018.e", "§2.4.4-2.4.5"), ("wt2018.f", "§2.20, §2.26, Appendix 1"), ("wt2018.g", "§2.27"),
    ("wt2018.h", "§2.20.5-2.20.7"), ("wt2018.i", "§2.21"), ("wt2018.j", "§2.22"), ("wt2018.k", "§2.18"),
    ("wt2018.l", "§2.19.7-2.19.8"), ("wt2018.m", "§2.17"), ("wt2018.n", "§2.12, §2.15, §2.16"), ("wt2018.scrutiny", "§2.24"),
]


# Synthetic records ------------------------------------------------------------------------------

MEMBERS = {g["id"]: [m["agency"] for m in g["members"]] for g in GROUPS}


def in_place(agency: str, date: str) -> bool:
    """Whether a partner or agency is in place on a day (ISO dates compare as text)."""
    partner = next((p for p in PARTNERS if p["id"] == agency), {})
    return partner.get("from", "") <= date and date <= partner.get("until", "9999-12-31")


def meeting(mid: str, group: str, date: str, *, absent: dict[str, tuple[bool, str] | None] | None = None,
            deputies: dict[str, tuple[str, bool]] | None = None, note: str = "") -> dict:
    """Every member in place on the day attends except those in `absent` (agency -> (valid_reason,
    reason) for apologies, or None for no apologies); `deputies` maps agency -> (role title,
    delegated authority)."""
    absent = absent or {}
    deputies = deputies or {}
    attendance, apologies = [], []
    for agency in [a for a in MEMBERS[group] if in_place(a, date)]:
        if agency in absent:
            if absent[agency] is not None:
                valid, reason = absent[agency]
                apologies.append({"agency": agency, "valid_reason": valid, "reason": reason})
            continue
        if agency in deputies:
            role, authority = deputies[agency]
            attendance.append({"agency": agency, "capacity": "deputy", "delegated_authority": authority, "role": role})
        else:
            attendance.append({"agency": agency})
    out = {"id": mid, "group": group, "date": date, "attendance": attendance, "apologies": apologies}
    if note:
        out["note"] = note
    return out


MEETINGS = [
    meeting("exec-2019-10", "executive", "2019-10-15"),
    meeting("exec-2020-01", "executive", "2020-01-21",
            deputies={"ccg": ("Director of Quality and Safeguarding, Haringey CCG", True)}),
    meeting("exec-2020-04", "executive", "2020-04-21",
            deputies={"police": ("Detective Inspector", False)}, note="Held online."),
    meeting("exec-2020-07", "executive", "2020-07-14"),
    meeting("exec-2020-10", "executive", "2020-10-13"),
    meeting("lead-2019-11", "leadership", "2019-11-12",
            absent={"whittington": (True, "CQC inspection visit")}),
    meeting("lead-2020-02", "leadership", "2020-02-11",
            absent={"nps": (False, "diary clash")}),
    # No Leadership group meeting in April-June 2020: the missed quarter.
    meeting("lead-2020-07", "leadership", "2020-07-21",
            absent={"secondary-schools": None, "nmuh": (True, "hospital pandemic pressures")}, note="Held online."),
    meeting("lead-2020-10", "leadership", "2020-10-20", absent={"secondary-schools": None}),
    meeting("qpo-2019-10", "qpo", "2019-10-24"),
    meeting("qpo-2020-01", "qpo", "2020-01-23", absent={"cafcass": (True, "court commitments")}),
    meeting("qpo-2020-05", "qpo", "2020-05-14",
            absent={"police": (True, "operational demands"), "hep": (False, "no reason given")}, note="Held online."),
    meeting("qpo-2020-07", "qpo", "2020-07-30"),
    meeting("qpo-2020-10", "qpo", "2020-10-22", absent={"beh-mh": (True, "sickness")}),
    meeting("plwd-2019-11", "plwd", "2019-11-28"),
    meeting("plwd-2020-02", "plwd", "2020-02-27", absent={"havco": None}),
    meeting("plwd-2020-06", "plwd", "2020-06-25", deputies={"police": ("Detective Sergeant, Safeguarding", False)}),
    meeting("plwd-2020-09", "plwd", "2020-09-24"),
    meeting("rapid-review-2020-01", "learning-review", "2020-01-09", note="Rapid review of a notified incident."),
]


def activity(aid: str, kind: str, date: str, follows: str = "", note: str = "", title: str = "", evidence: str = "") -> dict:
    out = {"id": aid, "type": kind, "date": date}
    if title:
        out["title"] = title
    if follows:
        out["follows"] = follows
    if note:
        out["note"] = note
    if evidence:
        out["evidence"] = evidence
    return out


ACTIVITIES = [
    activity("qpo-work-plan-2019", "qpo-work-plan", "2019-10-24"),
    activity("audit-neglect", "deep-dive-audit", "2019-11-07", title="Deep dive into neglect",
             note="Multi-agency deep dive: neglect."),
    activity("performance-2019-q4", "performance-report", "2019-11-12"),
    activity("plwd-work-plan-2019", "plwd-work-plan", "2019-11-28"),
    activity("audit-exploitation", "deep-dive-audit", "2020-02-20", title="Deep dive into exploitation",
             note="Multi-agency deep dive: exploitation."),
    activity("performance-2020-q1", "performance-report", "2020-02-11"),
    # Independent scrutiny counts only with its evidence: this session's record has none.
    activity("scrutiny-challenge-2020", "scrutiny-assessment", "2020-02-11",
             title="Scrutineer's challenge session with the Leadership group"),
    activity("section-11-2020", "section-11-audit", "2020-02-28"),
    activity("learning-event-2020", "learning-event", "2020-03-04"),
    activity("jtai-review-2020-03", "jtai-plan-review", "2020-03-10"),
    activity("business-plan-2020", "business-plan", "2020-04-21", note="Approved at the Executive group."),
    activity("action-plan-neglect", "audit-action-plan-completed", "2020-04-30", follows="audit-neglect"),
    activity("boards-meeting-2020", "boards-meeting", "2020-06-30"),
    activity("governance-review-2020", "governance-review", "2020-07-14"),
    activity("scrutiny-assessment-2020", "scrutiny-assessment", "2020-07-14",
             title="Scrutineer's assessment of the partners' leadership",
             evidence="the independent scrutineer's report to the Executive group meeting of 14 July 2020 (exec-2020-07)"),
    activity("audit-mental-health", "deep-dive-audit", "2020-07-16",
             title="Deep dive into children living with mental health issues",
             note="Multi-agency deep dive: children living with mental health issues."),
    activity("performance-2020-q3", "performance-report", "2020-07-21"),
    activity("action-plan-exploitation", "audit-action-plan-completed", "2020-09-10", follows="audit-exploitation"),
    activity("relevant-agencies-2020", "relevant-agencies-review", "2020-09-15"),
    activity("practice-week-2020-09", "practice-week", "2020-09-21"),
    activity("chair-review-2020", "chair-review", "2020-09-22"),
    activity("training-report-2020", "training-report", "2020-09-24"),
    activity("yearly-report-2019-20", "yearly-report", "2020-10-06", title="HSCP annual report 2019-20",
             note="Published on the partnership website."),
    activity("yearly-report-2019-20-sent", "yearly-report-sent", "2020-10-16", follows="yearly-report-2019-20",
             note="Sent to the Child Safeguarding Practice Review Panel and the What Works Centre."),
    activity("audit-early-help", "deep-dive-audit", "2020-10-08", title="Deep dive into prevention and early intervention",
             note="Multi-agency deep dive: prevention and early intervention."),
    activity("performance-2020-q4", "performance-report", "2020-10-20"),
]


def partnership() -> dict:
    return {
        "name": "Haringey Safeguarding Children Partnership",
        "area": "London Borough of Haringey",
        "edition": "WT2018",
        "start": "2019-09-29",
        "year_start": "April",
        "description": "The partnership as its published arrangements describe it (" + ARRANGEMENTS + "). "
                       "The meeting and activity records are SYNTHETIC: invented for the example, not what happened.",
        "settings": {"due_soon": "90 calendar days", "attendance_target": 75},
        "partners": PARTNERS,
        "agencies": [{"id": i, "name": n, "sector": s, "named_in_regulations": r} for i, n, s, r in AGENCIES],
        "roles": [{"id": i, "title": t, "kind": k, **({"agency": a} if a else {}), **({"post": p} if p else {})}
                  for i, t, k, a, p in ROLES],
        "groups": GROUPS,
        "duties": DUTIES,
        "arrangements": {"document": ARRANGEMENTS + "; published end of June 2019 (§2.31.1)",
                         "coverage": [{"item": i, "where": w} for i, w in COVERAGE]},
        "meetings": MEETINGS,
        "activities": ACTIVITIES,
        "thresholds": THRESHOLDS,
    }


def text() -> str:
    return json.dumps(partnership(), indent=2, ensure_ascii=False) + "\n"


# A SYNTHETIC front-door year ------------------------------------------------------------------------

YEAR_START, YEAR_END = dt.date(2019, 4, 1), dt.date(2020, 3, 31)
EXTRACTED = dt.date(2020, 4, 30)  # decisions, assessments and steps are recorded up to this date
VERSION_2019 = dt.date(2019, 7, 1)
CONTACT_COLUMNS = ["contact", "child", "date", "agency", "referrer_level", "concerns", "decision_date", "decided_level",
                   "outcome", "assessment_date", "assessment_outcome"]
STEP_COLUMNS = ["child", "date", "from_level", "to_level"]

# Who contacts the front door (weights), how each tends to judge the level (the chance that its
# judgement is one tier above the front door's decision, one below, and that it states none), and
# the mix of need it sees (police notifications of domestic incidents are mostly low-level; another
# local authority transfers children already known to social care).
SOURCES = [
    ("police", 30, 0.40, 0.05, 0.05, "low"), ("primary-schools", 9, 0.30, 0.10, 0.05, "mid"),
    ("secondary-schools", 7, 0.35, 0.05, 0.05, "mid"), ("early-years", 2, 0.20, 0.10, 0.10, "mid"),
    ("colleges", 1, 0.20, 0.10, 0.10, "mid"), ("nmuh", 6, 0.15, 0.10, 0.05, "mid"), ("whittington", 5, 0.15, 0.10, 0.05, "mid"),
    ("gps", 4, 0.10, 0.25, 0.10, "mid"), ("beh-mh", 2, 0.15, 0.10, 0.05, "high"), ("las", 2, 0.30, 0.05, 0.20, "low"),
    ("housing", 4, 0.20, 0.15, 0.10, "low"), ("la", 5, 0.10, 0.10, 0.05, "high"),
    ("adult-social-services", 2, 0.15, 0.10, 0.10, "mid"), ("nps", 1, 0.20, 0.10, 0.10, "high"),
    ("crc", 1, 0.20, 0.10, 0.10, "high"), ("havco", 1, 0.15, 0.20, 0.20, "low"), ("cafcass", 1, 0.10, 0.10, 0.10, "high"),
    ("public", 10, 0.30, 0.10, 0.70, "low"), ("self", 1, 0.20, 0.10, 0.80, "mid"), ("anonymous", 3, 0.30, 0.10, 0.90, "low"),
    ("other-la", 3, 0.05, 0.05, 0.10, "high"),
]
SCHOOLS = {"primary-schools", "secondary-schools", "colleges"}
# The front door's decision, by tier (weights for each mix of need), and what follows it.
NEED = {
    "low": [("tier-1", 22), ("tier-2", 36), ("tier-2+", 13), ("tier-3", 16), ("tier-3+", 10), ("tier-4", 3)],
    "mid": [("tier-1", 10), ("tier-2", 32), ("tier-2+", 15), ("tier-3", 25), ("tier-3+", 14), ("tier-4", 4)],
    "high": [("tier-1", 4), ("tier-2", 14), ("tier-2+", 12), ("tier-3", 34), ("tier-3+", 26), ("tier-4", 10)],
}
TIERS = NEED["mid"]
OUTCOMES = {
    "tier-1": [("nfa", 65), ("advice", 35)],
    "tier-2": [("advice", 30), ("early-help", 70)],
    "tier-2+": [("early-help", 85), ("social-care", 15)],
    "tier-3": [("assessment", 85), ("social-care", 15)],
    "tier-3+": [("s47", 90), ("assessment", 10)],
    "tier-4": [("s47", 60), ("assessment", 40)],
}
ASSESSMENT_OUTCOMES = {
    "tier-2+": [("nfa", 40), ("early-help", 45), ("cin", 15)],
    "tier-3": [("nfa", 28), ("early-help", 22), ("cin", 45), ("other", 5)],
    "tier-3+": [("nfa", 10), ("early-help", 5), ("cin", 30), ("cp", 50), ("looked-after", 5)],
    "tier-4": [("cin", 10), ("cp", 40), ("looked-after", 50)],
}
CONCERNS = {
    "tier-1": ["behaviour", "housing", "health"],
    "tier-2": ["behaviour", "housing", "parenting", "school attendance", "mental health (child)"],
    "tier-2+": ["neglect", "domestic abuse", "parental mental health", "substance misuse", "school attendance"],
    "tier-3": ["neglect", "domestic abuse", "parental mental health", "substance misuse", "disability", "exploitation"],
    "tier-3+": ["physical abuse", "sexual abuse", "neglect", "domestic abuse", "exploitation", "emotional abuse"],
    "tier-4": ["no carer", "physical abuse", "neglect", "exploitation"],
}
TIER_ORDER = [t for t, _ in TIERS]
# Before 1 July 2019 Pathway to Provision's four tiers apply: 2+ was part of Tier 2, 3+ of Tier 3.
OLD_TIER = {"tier-1": "tier-1", "tier-2": "tier-2", "tier-2+": "tier-2", "tier-3": "tier-3", "tier-3+": "tier-3",
            "tier-4": "tier-4"}


def _pick(rng: random.Random, weighted: list) -> str:
    total = sum(w[1] for w in weighted)
    roll = rng.random() * total
    for item in weighted:
        roll -= item[1]
        if roll < 0:
            return item[0]
    return weighted[-1][0]


def _school_holiday(day: dt.date) -> bool:
    return (dt.date(2019, 7, 24) <= day <= dt.date(2019, 9, 3) or dt.date(2019, 12, 21) <= day <= dt.date(2020, 1, 5)
            or dt.date(2019, 10, 28) <= day <= dt.date(2019, 11, 1) or dt.date(2020, 2, 17) <= day <= dt.date(2020, 2, 21)
            or dt.date(2019, 4, 6) <= day <= dt.date(2019, 4, 22))


def front_door() -> tuple[list[dict], list[dict]]:
    """The SYNTHETIC front-door year: contacts and steps, with a few planted bad records."""
    import safeguarding as sg  # the working-day calendar

    cal = sg.Calendar.england_and_wales()
    rng = random.Random(20190401)
    contacts: list[dict] = []
    steps: list[dict] = []
    children: list[str] = []
    day = YEAR_START
    while day <= YEAR_END:
        weekday = day.weekday() < 5 and cal.is_working_day(day)
        volume = (18 if weekday else 3) + rng.randint(-3, 3)
        for _ in range(max(volume, 0)):
            while True:  # schools contact the front door far less in the school holidays
                picked = _pick(rng, SOURCES)
                source, _, over, under, silent, need = next(s for s in SOURCES if s[0] == picked)
                if not (source in SCHOOLS and _school_holiday(day) and rng.random() < 0.8):
                    break
            # A returning child now and then: about one contact in five is about a child seen before.
            if children and rng.random() < 0.2:
                child = children[rng.randrange(len(children))]
            else:
                child = f"CH{len(children) + 1:05d}"
                children.append(child)
            level = _pick(rng, NEED[need])
            in_force = level if day >= VERSION_2019 else OLD_TIER[level]
            order = TIER_ORDER if day >= VERSION_2019 else ["tier-1", "tier-2", "tier-3", "tier-4"]
            roll = rng.random()
            if roll < silent:
                judged = ""
            else:
                rank = order.index(in_force)
                roll = rng.random()
                if roll < over and rank + 1 < len(order):
                    rank += 1
                elif roll < over + under and rank > 0:
                    rank -= 1
                judged = order[rank]
            concerns = rng.sample(CONCERNS[level], k=1 if rng.random() < 0.7 else 2)
            outcome = _pick(rng, OUTCOMES[level])
            roll = rng.random()
            wait = 0 if roll < 0.72 else 1 if roll < 0.90 else 2 if roll < 0.97 else 3
            decided = day if wait == 0 and day.weekday() < 5 else cal.add_working_days(day, max(wait, 1))
            record = {"contact": f"HC{len(contacts) + 1:05d}", "child": child, "date": day.isoformat(), "agency": source,
                      "referrer_level": judged, "concerns": "; ".join(concerns), "decision_date": decided.isoformat(),
                      "decided_level": in_force, "outcome": outcome, "assessment_date": "", "assessment_outcome": ""}
            if day > YEAR_END - dt.timedelta(days=3) and rng.random() < 0.3:
                record.update(decision_date="", decided_level="", outcome="")  # awaiting a decision when extracted
            elif outcome in ("assessment", "s47") or (outcome == "social-care" and rng.random() < 0.5):
                assessed = cal.add_working_days(decided, rng.randint(8, 52))
                if assessed <= EXTRACTED:
                    result = _pick(rng, ASSESSMENT_OUTCOMES.get(level, ASSESSMENT_OUTCOMES["tier-3"]))
                    record.update(assessment_date=assessed.isoformat(), assessment_outcome=result)
                    _steps_after(rng, cal, record, level, in_force, result, assessed, steps)
            contacts.append(record)
        day += dt.timedelta(days=1)
    _plant_bad_records(contacts, steps)
    return contacts, steps


def _steps_after(rng: random.Random, cal: object, record: dict, level: str, in_force: str, result: str,
                 assessed: dt.date, steps: list[dict]) -> None:
    """Step-downs to early help (at the assessment, or months into a child in need plan) and the
    step-ups that re-escalate some of them."""
    child = record["child"]
    if result == "early-help":
        down = (assessed, in_force, "tier-2")
    elif result == "cin" and rng.random() < 0.35:
        when = assessed + dt.timedelta(days=rng.randint(60, 200))
        down = (when, "tier-3", "tier-2+" if when >= VERSION_2019 and rng.random() < 0.4 else "tier-2")
    elif result == "looked-after" and rng.random() < 0.1:
        down = (assessed + dt.timedelta(days=rng.randint(90, 200)), "tier-4", "tier-2")  # not a move the document lists
    else:
        return
    when, from_level, to_level = down
    if when < VERSION_2019:
        from_level, to_level = OLD_TIER[from_level], OLD_TIER[to_level]
    if when > EXTRACTED or from_level == to_level:
        return
    steps.append({"child": child, "date": when.isoformat(), "from_level": from_level, "to_level": to_level})
    if rng.random() < 0.18:
        back = when + dt.timedelta(days=rng.randint(20, 240))
        if back <= EXTRACTED:
            back_from = to_level if back >= VERSION_2019 else OLD_TIER[to_level]
            steps.append({"child": child, "date": back.isoformat(), "from_level": back_from, "to_level": "tier-3"})


def _plant_bad_records(contacts: list[dict], steps: list[dict]) -> None:
    """Bad records for the checks to report: an agency code nobody defined, decisions dated before
    their contacts, an amber-zone tier used before the 2019 document, a repeated contact id."""
    for i in (101, 2207, 3905):
        contacts[i]["agency"] = "met-police"
    for i in (640, 4020):
        contacts[i]["decision_date"] = (dt.date.fromisoformat(contacts[i]["date"]) - dt.timedelta(days=2)).isoformat()
    early = [c for c in contacts if c["date"] < VERSION_2019.isoformat() and c["referrer_level"] in ("tier-2", "tier-3")]
    for c in early[10:14]:
        c["referrer_level"] = c["referrer_level"] + "+"
    contacts[3001]["contact"] = contacts[3000]["contact"]


def _csv_text(rows: list[dict], columns: list[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def front_door_texts() -> tuple[str, str]:
    """contacts.csv and steps.csv as text."""
    contacts, steps = front_door()
    steps.sort(key=lambda s: (s["date"], s["child"]))
    return _csv_text(contacts, CONTACT_COLUMNS), _csv_text(steps, STEP_COLUMNS)


def main() -> int:
    (HERE / "partnership.json").write_text(text(), encoding="utf-8")
    contacts, steps = front_door_texts()
    (HERE / "contacts.csv").write_text(contacts, encoding="utf-8")
    (HERE / "steps.csv").write_text(steps, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
