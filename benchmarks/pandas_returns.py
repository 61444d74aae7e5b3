"""An independent implementation of the returns' timeliness measures in plain pandas and numpy: the
baseline of the returns benchmark and the cross-check of the test suite.

SSDA903: each return's CSV tables read with read_csv, dates parsed, codes normalised, returns
stitched (a record in several returns kept once, the latest return's row winning), episodes merged
into periods of care by a cumulative maximum of DEC, reviews placed in periods with merge_asof, and
the k-th review of a period judged against 20 working days (numpy busday_offset with the same
holidays; 28 days before April 2011), 3 months or 6 months after the previous event. CIN census:
read_xml with an XSLT stylesheet flattening the nested elements (lxml), then assessments within 45
working days of the referral, initial conferences within 15 working days of the last strategy
discussion, and review conferences within 3 then 6 months.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pandas as pd

DATES = {"header": ["DOB"], "episodes": ["DECOM", "DEC"], "reviews": ["DOB", "REVIEW"]}
CODES = {"header": ["CHILD", "SEX"], "episodes": ["CHILD", "RNE", "LS", "REC"], "reviews": ["CHILD", "REVIEW_CODE"]}
KEYS = {"header": ["CHILD"], "episodes": ["CHILD", "DECOM"], "reviews": ["CHILD", "REVIEW"]}


def add_months(days: np.ndarray, months: int) -> np.ndarray:
    """datetime64[D] + whole months, clamped to the end of a shorter month."""
    month = days.astype("datetime64[M]")
    day_of_month = (days - month.astype("datetime64[D]")).astype(np.int64)
    target = month + np.timedelta64(months, "M")
    length = ((target + 1).astype("datetime64[D]") - target.astype("datetime64[D]")).astype(np.int64)
    return target.astype("datetime64[D]") + np.minimum(day_of_month, length - 1).astype("timedelta64[D]")


def read_ssda903(folders: list[Path]) -> dict[str, pd.DataFrame]:
    """Each return's header, episodes and reviews (read_csv, dates and codes), stitched: a record
    in several returns is kept once, from the latest return (folders are in year order)."""
    tables: dict[str, list[pd.DataFrame]] = {name: [] for name in DATES}
    for order, folder in enumerate(folders):
        for name in DATES:
            frame = pd.read_csv(folder / f"{name}.csv", dtype=str)
            for column in DATES[name]:
                frame[column] = pd.to_datetime(frame[column], format="%d/%m/%Y")
            for column in CODES[name]:
                frame[column] = frame[column].str.strip().str.upper()
            frame["return"] = order
            tables[name].append(frame)
    out = {}
    for name, frames in tables.items():
        frame = pd.concat(frames, ignore_index=True)
        out[name] = frame.drop_duplicates(KEYS[name], keep="last").sort_values(KEYS[name], ignore_index=True)
    return out


def reviews_by_month(episodes: pd.DataFrame, reviews: pd.DataFrame, year_end: str, holidays: np.ndarray) -> pd.DataFrame:
    """Reviews held in each month of the year ending `year_end` (YYYY-03-31): held, in and out of
    timescale. A review is judged when it falls in a period of care whose start the data shows
    (the child's first episode has RNE S, or an earlier period is in the data) and is not before
    its start, after its end or after the year; children on short breaks only are not judged."""
    bdc = np.busdaycalendar(weekmask="1111100", holidays=holidays)
    as_of = np.datetime64(year_end, "D")
    ep = episodes.assign(
        CHILD=episodes["CHILD"].astype(str), RNE=episodes["RNE"].astype(object), LS=episodes["LS"].astype(object)
    )
    breaks_only = set(ep["CHILD"]) - set(ep.loc[~ep["LS"].isin(["V3", "V4"]), "CHILD"])
    ep = ep[~ep["LS"].isin(["V3", "V4"])].sort_values(["CHILD", "DECOM"], kind="stable")
    never = np.datetime64("9999-12-31", "s")
    end = ep["DEC"].astype("datetime64[s]").fillna(never)
    previous_end = end.groupby(ep["CHILD"]).cummax().groupby(ep["CHILD"]).shift()
    new = previous_end.isna() | (ep["DECOM"] > previous_end)
    ep = ep.assign(period=new.cumsum(), open_end=end)
    periods = ep.groupby("period").agg(
        CHILD=("CHILD", "first"), start=("DECOM", "first"), end=("open_end", "max"), rne=("RNE", "first")
    )
    periods["known"] = (periods.groupby("CHILD").cumcount() > 0) | (periods["rne"] == "S")
    periods["end"] = periods["end"].where(periods["end"] != never)
    rv = reviews.assign(CHILD=reviews["CHILD"].astype(str))[["CHILD", "REVIEW"]].sort_values("REVIEW")
    rv["REVIEW"] = rv["REVIEW"].astype("datetime64[s]")
    by_start = periods.reset_index().sort_values("start")
    by_start["start"] = by_start["start"].astype("datetime64[s]")
    placed = pd.merge_asof(rv, by_start, left_on="REVIEW", right_on="start", by="CHILD", direction="backward")
    first_period = periods.reset_index().groupby("CHILD").first()
    # A review before the child's first period is in no period; the engine sees it as a stop before
    # that period's start (so not judged), or, when that period's start is unknown, leaves it out.
    placed["period"] = placed["period"].fillna(placed["CHILD"].map(first_period["period"]))
    placed["known"] = placed["period"].map(periods["known"]).fillna(True).astype(bool)
    placed["start"] = placed["period"].map(periods["start"])
    placed["end"] = placed["period"].map(periods["end"])
    judged = (
        placed["period"].notna() & placed["known"] & ~placed["CHILD"].isin(breaks_only)
        & (placed["REVIEW"] >= placed["start"]) & (placed["end"].isna() | (placed["REVIEW"] <= placed["end"]))
        & (placed["REVIEW"] <= pd.Timestamp(as_of))
    )
    done = placed[judged].sort_values(["period", "REVIEW"], kind="stable")
    k = done.groupby("period").cumcount().to_numpy()
    held = done["REVIEW"].to_numpy().astype("datetime64[D]")
    clock = np.where(k == 0, done["start"].to_numpy().astype("datetime64[D]"),
                     done.groupby("period")["REVIEW"].shift().to_numpy().astype("datetime64[D]"))
    first_due = np.where(
        clock < np.datetime64("2011-04-01"), clock + 28, np.busday_offset(clock, 20, roll="backward", busdaycal=bdc)
    )
    due = np.where(k == 0, first_due, np.where(k == 1, add_months(clock, 3), add_months(clock, 6)))
    done = done.assign(met=held <= due)
    start = np.datetime64(f"{int(year_end[:4]) - 1}-04-01")
    months = pd.period_range(pd.Timestamp(start), pd.Timestamp(as_of), freq="M")

    def per_month(dates: pd.Series) -> np.ndarray:
        in_year = dates[(dates >= pd.Timestamp(start)) & (dates <= pd.Timestamp(as_of))]
        return in_year.dt.to_period("M").value_counts().reindex(months, fill_value=0).to_numpy()

    return pd.DataFrame({
        "held": per_month(placed["REVIEW"]),
        "in_timescale": per_month(done.loc[done["met"], "REVIEW"]),
        "out_of_timescale": per_month(done.loc[~done["met"], "REVIEW"]),
    }, index=months)


# ---- CIN census --------------------------------------------------------------------------------

_FLATTEN = """<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:output method="xml" indent="no"/>
<xsl:template match="/"><rows><xsl:apply-templates select="//{element}"/></rows></xsl:template>
<xsl:template match="{element}"><row>
<child><xsl:value-of select="ancestor::Child/ChildIdentifiers/LAchildID"/></child>
<referral><xsl:value-of select="generate-id(ancestor-or-self::CINdetails)"/></referral>
<referral_date><xsl:value-of select="ancestor-or-self::CINdetails/CINreferralDate"/></referral_date>
<plan><xsl:value-of
  select="concat(ancestor::Child/ChildIdentifiers/LAchildID, ' ', ancestor-or-self::ChildProtectionPlans/CPPstartDate)"/></plan>
{fields}</row></xsl:template>
</xsl:stylesheet>"""


# generate-id() is unique within one transformation only, so a referral's id links rows of one
# table; a plan is named by its child and start date, which links the plans and their reviews.


def _read(path: Path, element: str, fields: list[str]) -> pd.DataFrame:
    selects = "".join(f"<{f}><xsl:value-of select=\"{f}\"/></{f}>" for f in fields)
    if element == "CPPreviewDate":
        selects = "<CPPreviewDate><xsl:value-of select=\".\"/></CPPreviewDate>"
    sheet = io.BytesIO(_FLATTEN.format(element=element, fields=selects).encode())
    frame = pd.read_xml(path, stylesheet=sheet, xpath="//row", parser="lxml", dtype=str)
    for column in frame.columns:
        if column.endswith("Date") or column.endswith("CPC") or column == "referral_date":
            frame[column] = pd.to_datetime(frame[column], format="%Y-%m-%d")
    return frame


def read_cin(path: Path) -> dict[str, pd.DataFrame]:
    """The census's assessments, section 47 enquiries, plans and plan reviews, each row with its
    child, its CINdetails (an id and the referral date) and its plan."""
    return {
        "assessments": _read(path, "Assessments", ["AssessmentActualStartDate", "AssessmentAuthorisationDate"]),
        "section47": _read(path, "Section47", ["S47ActualStartDate", "DateOfInitialCPC", "ICPCnotRequired"]),
        "cp_plans": _read(path, "ChildProtectionPlans", ["CPPstartDate", "CPPendDate"]),
        "cp_reviews": _read(path, "CPPreviewDate", []),
    }


def _in_year(dates: np.ndarray, year_end: str) -> np.ndarray:
    end = np.datetime64(year_end, "D")
    return (dates >= np.datetime64(f"{int(year_end[:4]) - 1}-04-01")) & (dates <= end)


def cin_figures(cin: dict[str, pd.DataFrame], year_end: str, holidays: np.ndarray) -> dict[str, tuple[int, int]]:
    """(in timescale, done in the year) for the three measures."""
    bdc = np.busdaycalendar(weekmask="1111100", holidays=holidays)
    out = {}
    a = cin["assessments"]
    referral = a["referral_date"].to_numpy().astype("datetime64[D]")
    authorised = a["AssessmentAuthorisationDate"].to_numpy().astype("datetime64[D]")
    done = _in_year(authorised, year_end) & (authorised >= referral)
    due = np.busday_offset(referral, 45, roll="backward", busdaycal=bdc)
    out["assessments"] = (int((done & (authorised <= due)).sum()), int(done.sum()))
    s = cin["section47"]
    s = s[s["ICPCnotRequired"].str.lower().isin(["false", "0"]) | s["ICPCnotRequired"].isna()]
    # The clock runs from the last strategy discussion of the referral on or before the conference.
    conferences = s.dropna(subset=["DateOfInitialCPC"]).drop_duplicates(["referral", "DateOfInitialCPC"])
    starts = s[["referral", "S47ActualStartDate"]].sort_values("S47ActualStartDate")
    last = pd.merge_asof(conferences.sort_values("DateOfInitialCPC"), starts.rename(columns={"S47ActualStartDate": "last_start"}),
                         left_on="DateOfInitialCPC", right_on="last_start", by="referral", direction="backward")
    held = last["DateOfInitialCPC"].to_numpy().astype("datetime64[D]")
    due = np.busday_offset(last["last_start"].to_numpy().astype("datetime64[D]"), 15, roll="backward", busdaycal=bdc)
    done = _in_year(held, year_end)
    out["initial_conferences"] = (int((done & (held <= due)).sum()), int(done.sum()))
    plans = cin["cp_plans"].set_index("plan")
    r = cin["cp_reviews"].join(plans[["CPPstartDate", "CPPendDate"]], on="plan")
    r = r[(r["CPPreviewDate"] >= r["CPPstartDate"]) & (r["CPPendDate"].isna() | (r["CPPreviewDate"] <= r["CPPendDate"]))]
    r = r.sort_values(["plan", "CPPreviewDate"], kind="stable")
    k = r.groupby("plan").cumcount().to_numpy()
    held = r["CPPreviewDate"].to_numpy().astype("datetime64[D]")
    previous = r.groupby("plan")["CPPreviewDate"].shift().to_numpy().astype("datetime64[D]")
    due = np.where(k == 0, add_months(r["CPPstartDate"].to_numpy().astype("datetime64[D]"), 3), add_months(previous, 6))
    done = _in_year(held, year_end)
    out["review_conferences"] = (int((done & (held <= due)).sum()), int(done.sum()))
    return out
