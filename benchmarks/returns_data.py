"""Synthetic national-scale statutory returns for the benchmarks: ten annual SSDA903 returns
(header, episodes and reviews CSV, one folder per collection year, each holding the episodes open
during its year, as the return does, so that a child's history spans several returns and loading
them exercises the stitching) and a CIN census XML, for about 100,000 children over ten years.
Random data with plausible shapes; no real child is in it."""

from __future__ import annotations

from pathlib import Path

import numpy as np

EPISODE_COLUMNS = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN"
NAT = np.iinfo(np.int64).min
FIRST_YEAR, LAST_YEAR = 2011, 2020  # collection years: 1 April 2010 to 31 March 2020
# The generated CIN census's collection year (its <Year>): the one reporting year it covers (1 April
# 2019 to 31 March 2020), though its referrals reach back to 2010; measure it for that year.
CIN_YEAR = 2020


def _uk(days: np.ndarray) -> np.ndarray:
    """Serial days to "dd/mm/YYYY" strings ("" for NaT)."""
    d = np.asarray(days, dtype=np.int64)
    nat = d == NAT
    d = np.where(nat, 0, d).astype("datetime64[D]")
    years = d.astype("datetime64[Y]").astype(np.int64) + 1970
    months = d.astype("datetime64[M]").astype(np.int64) % 12 + 1
    dom = (d - d.astype("datetime64[M]")).astype(np.int64) + 1
    text = np.char.add(np.char.add(np.char.add(np.char.zfill(dom.astype(str), 2), "/"),
                                   np.char.add(np.char.zfill(months.astype(str), 2), "/")), years.astype(str))
    return np.where(nat, "", text)


def _day(iso: str) -> int:
    return int(np.datetime64(iso, "D").astype(np.int64))


def looked_after_histories(children: int, seed: int = 903) -> dict[str, np.ndarray]:
    """Every child's episodes and reviews from 2008 to March 2020, before they are cut into returns."""
    rng = np.random.default_rng(seed)
    lo, hi = _day("2008-04-01"), _day("2020-03-31")
    # Periods of care: one for most children, two for a fifth, with a gap between them.
    periods = np.where(rng.random(children) < 0.2, 2, 1)
    p_child = np.repeat(np.arange(children), periods)
    second = np.r_[False, p_child[1:] == p_child[:-1]]
    episodes_in = rng.integers(1, 6, p_child.size)
    lengths = rng.integers(20, 400, (p_child.size, 6))
    period_length = np.array([lengths[k, : episodes_in[k]].sum() for k in range(p_child.size)])
    start = np.empty(p_child.size, dtype=np.int64)
    start[~second] = lo + rng.integers(0, hi - lo - 200, int((~second).sum()))
    for k in np.flatnonzero(second):
        start[k] = start[k - 1] + period_length[k - 1] + int(rng.integers(30, 400))
    # Episodes.
    e_period = np.repeat(np.arange(p_child.size), episodes_in)
    e_index = np.arange(e_period.size) - np.repeat(np.cumsum(episodes_in) - episodes_in, episodes_in)
    e_length = lengths[e_period, e_index]
    offsets = np.cumsum(e_length) - e_length
    offsets -= np.repeat(offsets[np.cumsum(episodes_in) - episodes_in], episodes_in)
    decom = start[e_period] + offsets
    last = e_index == episodes_in[e_period] - 1
    dec = decom + e_length
    # A third of the children's latest periods are still open in March 2020 (an earlier period
    # always ended: the next began after it).
    latest = np.r_[p_child[1:] != p_child[:-1], True]
    open_period = (rng.random(p_child.size) < 0.35) & latest
    dec = np.where(last & open_period[e_period], NAT, dec)
    keep = decom <= hi
    dec = np.where(keep & (dec != NAT) & (dec > hi), NAT, dec)
    rne = np.where(
        e_index == 0, "S", rng.choice(np.array(["P", "L", "T", "U", "B"]), e_period.size, p=[0.6, 0.25, 0.05, 0.05, 0.05])
    )
    short_breaks = rng.random(children) < 0.02
    ls = np.where(short_breaks[p_child[e_period]], "V3", rng.choice(np.array(["C1", "C2", "E1", "J2", "V2"]), e_period.size))
    rec = np.where(dec == NAT, "", np.where(last, rng.choice(np.array(["E4A", "E11", "E13", "E8"]), e_period.size), "X1"))
    # Reviews: the first about 20 working days in, the second about 3 months later, then about
    # every 6 months, some late, until the period ends.
    r_period, r_date = [], []
    period_end = np.where(open_period, hi, start + period_length)
    for k in range(p_child.size):
        day = start[k] + int(rng.integers(5, 40))
        gap = (70, 110)
        while day <= min(period_end[k], hi):
            r_period.append(k)
            r_date.append(day)
            day += int(rng.integers(*gap))
            gap = (120, 215)
    r_period_a, r_date_a = np.array(r_period), np.array(r_date, dtype=np.int64)
    dob = start[~second] - rng.integers(0, 17 * 365, children)
    return {
        "dob": dob,
        "e_child": p_child[e_period][keep], "decom": decom[keep], "dec": dec[keep], "rne": rne[keep], "ls": ls[keep],
        "rec": rec[keep],
        "r_child": p_child[r_period_a], "review": r_date_a,
        "code": rng.choice(np.array([f"PN{k}" for k in range(8)]), r_date_a.size),
    }


def ssda903(folder: Path, children: int, seed: int = 903) -> dict[str, int]:
    """Writes one folder per collection year (2011 to 2020), each with header.csv, episodes.csv
    and reviews.csv as that year's return gives them: the episodes open at some time in the year
    (the end date left blank when it is after 31 March), the reviews held in the year, and the
    header of every child looked after in it. Returns the rows written per table."""
    h = looked_after_histories(children, seed)
    ids = np.char.add("C", np.char.zfill(np.arange(children).astype(str), 7))
    dob_text = _uk(h["dob"])
    counts = {"header": 0, "episodes": 0, "reviews": 0}
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        start, end = _day(f"{year - 1}-04-01"), _day(f"{year}-03-31")
        out = folder / f"{year - 1}-{year % 100:02d}"
        out.mkdir(parents=True, exist_ok=True)
        during = (h["decom"] <= end) & ((h["dec"] == NAT) | (h["dec"] >= start))
        later = during & (h["dec"] != NAT) & (h["dec"] > end)
        dec = np.where(later, NAT, h["dec"])[during]
        rec = np.where(later, "", h["rec"])[during]
        child = h["e_child"][during]
        lines = np.char.add(np.char.add(np.char.add(ids[child], ","), _uk(h["decom"][during])), ",")
        lines = np.char.add(np.char.add(np.char.add(lines, h["rne"][during]), ","), h["ls"][during])
        lines = np.char.add(lines, ",N1,U1,PR1,")
        lines = np.char.add(np.char.add(np.char.add(lines, _uk(dec)), ","), rec)
        urn = np.char.add("SC", np.char.zfill((child % 5000).astype(str), 6))
        lines = np.char.add(np.char.add(lines, ",,AB1 2CD,EF3 4GH,"), urn)
        (out / "episodes.csv").write_text(EPISODE_COLUMNS + "\n" + "\n".join(lines.tolist()) + "\n", encoding="utf-8")
        counts["episodes"] += int(during.sum())
        held = (h["review"] >= start) & (h["review"] <= end)
        r_child = h["r_child"][held]
        rows = np.char.add(
            np.char.add(np.char.add(np.char.add(ids[r_child], ","), dob_text[r_child]), ","), _uk(h["review"][held])
        )
        rows = np.char.add(np.char.add(rows, ","), h["code"][held])
        (out / "reviews.csv").write_text("CHILD,DOB,REVIEW,REVIEW_CODE\n" + "\n".join(rows.tolist()) + "\n", encoding="utf-8")
        counts["reviews"] += int(held.sum())
        in_care = np.unique(child)
        sex = (in_care % 2 + 1).astype(str)
        header = np.char.add(np.char.add(np.char.add(np.char.add(ids[in_care], ","), sex), ","), dob_text[in_care])
        header = np.char.add(np.char.add(header, ",WBRI,"), np.char.add("A", np.char.zfill(in_care.astype(str), 12)))
        header = np.char.add(header, ",,")
        (out / "header.csv").write_text(
            "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n" + "\n".join(header.tolist()) + "\n", encoding="utf-8"
        )
        counts["header"] += int(in_care.size)
    return counts


def cin_census(path: Path, children: int, seed: int = 2019) -> dict[str, int]:
    """Writes a CIN census XML file; returns its element counts."""
    rng = np.random.default_rng(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    lo = np.datetime64("2010-04-01")
    counts = {"children": children, "cin_details": 0, "assessments": 0, "cp_plans": 0, "section47": 0, "cp_reviews": 0}
    out = [f"<Message><Header><CollectionDetails><Collection>CIN</Collection><Year>{CIN_YEAR}</Year>"
           f"<ReferenceDate>{CIN_YEAR}-03-31</ReferenceDate></CollectionDetails></Header><Children>\n"]
    days = lambda n: [str(lo + int(x)) for x in rng.integers(0, 10 * 365, n)]  # noqa: E731
    for n in range(children):
        born = str(lo - int(rng.integers(0, 17 * 365)))
        out.append(f"<Child><ChildIdentifiers><LAchildID>K{n:07d}</LAchildID><UPN>A{n:012d}</UPN>"
                   f"<PersonBirthDate>{born}</PersonBirthDate><GenderCurrent>1</GenderCurrent></ChildIdentifiers>"
                   "<ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>\n")
        k = int(rng.integers(1, 4))
        for referral in sorted(days(k)):
            counts["cin_details"] += 1
            start = np.datetime64(referral)
            out.append(f"<CINdetails><CINreferralDate>{referral}</CINreferralDate><ReferralSource>1A</ReferralSource>"
                       f"<PrimaryNeedCode>N1</PrimaryNeedCode><ReferralNFA>false</ReferralNFA>\n")
            counts["assessments"] += 1
            authorised = (
                ""
                if rng.random() < 0.05
                else f"<AssessmentAuthorisationDate>{start + int(rng.integers(5, 80))}</AssessmentAuthorisationDate>"
            )
            out.append(f"<Assessments><AssessmentActualStartDate>{start + 1}</AssessmentActualStartDate>{authorised}"
                       "<FactorsIdentifiedAtAssessment><AssessmentFactors>2A</AssessmentFactors></FactorsIdentifiedAtAssessment></Assessments>\n")
            if rng.random() < 0.4:
                counts["section47"] += 1
                s47 = start + int(rng.integers(1, 20))
                icpc = s47 + int(rng.integers(5, 30))
                out.append(f"<Section47><S47ActualStartDate>{s47}</S47ActualStartDate>"
                           f"<DateOfInitialCPC>{icpc}</DateOfInitialCPC>"
                           "<ICPCnotRequired>false</ICPCnotRequired></Section47>\n")
                counts["cp_plans"] += 1
                end = icpc + int(rng.integers(30, 900))
                reviews = []
                day = icpc + int(rng.integers(60, 110))
                while day < end:
                    reviews.append(f"<CPPreviewDate>{day}</CPPreviewDate>")
                    day = day + int(rng.integers(120, 200))
                counts["cp_reviews"] += len(reviews)
                out.append(f"<ChildProtectionPlans><CPPstartDate>{icpc}</CPPstartDate><CPPendDate>{end}</CPPendDate>"
                           "<InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse><LatestCategoryOfAbuse>NEG</LatestCategoryOfAbuse>"
                           f"<NumberOfPreviousCPP>0</NumberOfPreviousCPP><Reviews>{''.join(reviews)}</Reviews></ChildProtectionPlans>\n")
            out.append("</CINdetails>\n")
        out.append("</Child>\n")
    out.append("</Children></Message>\n")
    path.write_text("".join(out), encoding="utf-8")
    return counts


def authority(k: int) -> str:
    """The k-th synthetic authority's code (LA001, LA002, ...): not a real LA code."""
    return f"LA{k + 1:03d}"


def regional_ssda903(folder: Path, authorities: int, children: int, seed: int = 903) -> list[Path]:
    """A national collection in regional form: one folder per synthetic authority (LA001, ...),
    each with header.csv, episodes.csv and reviews.csv holding that authority's ten annual returns
    (as :func:`ssda903` writes them, `children` children each, a different seed per authority)
    with the columns LA and YEAR in front, as sg.ssda903.load_regional reads them. Returns the
    authorities' folders."""
    import tempfile

    out = []
    for k in range(authorities):
        la = authority(k)
        target = folder / la
        target.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="sg_regional_") as tmp:
            ssda903(Path(tmp), children, seed + k)
            for name in ("header", "episodes", "reviews"):
                parts = []
                for year in range(FIRST_YEAR, LAST_YEAR + 1):
                    lines = (Path(tmp) / f"{year - 1}-{year % 100:02d}" / f"{name}.csv").read_text(encoding="utf-8").splitlines()
                    if not parts:
                        parts.append(f"LA,YEAR,{lines[0]}\n")
                    parts.extend(f"{la},{year},{line}\n" for line in lines[1:])
                (target / f"{name}.csv").write_text("".join(parts), encoding="utf-8")
        out.append(target)
    return out


def regional_cin(folder: Path, authorities: int, children: int, seed: int = 2019) -> dict[str, Path]:
    """One generated CIN census XML per synthetic authority (see :func:`cin_census`)."""
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for k in range(authorities):
        path = folder / f"{authority(k)}.xml"
        cin_census(path, children, seed + k)
        out[authority(k)] = path
    return out
