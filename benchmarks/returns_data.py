"""Synthetic national-scale statutory returns for the benchmarks: an SSDA903 return (header,
episodes and reviews CSV) and a CIN census XML for about 100,000 children over ten years. Random
data with plausible shapes; no real child is in it."""

from __future__ import annotations

from pathlib import Path

import numpy as np

EPISODE_COLUMNS = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN"


def _uk(days: np.ndarray) -> list[str]:
    """Serial days to "dd/mm/YYYY" strings ("" for NaT)."""
    d = np.asarray(days, dtype=np.int64).astype("datetime64[D]")
    nat = np.isnat(d)
    d = np.where(nat, np.datetime64("2000-01-01"), d)
    years = d.astype("datetime64[Y]").astype(np.int64) + 1970
    months = d.astype("datetime64[M]").astype(np.int64) % 12 + 1
    dom = (d - d.astype("datetime64[M]")).astype(np.int64) + 1
    return ["" if n else f"{a:02d}/{b:02d}/{c}" for n, a, b, c in zip(nat.tolist(), dom.tolist(), months.tolist(), years.tolist())]


def ssda903(folder: Path, children: int, seed: int = 903) -> dict[str, int]:
    """Writes header.csv, episodes.csv and reviews.csv; returns their row counts."""
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    lo = np.datetime64("2010-04-01").astype(np.int64)
    ids = np.array([f"C{n:07d}" for n in range(children)], dtype=object)
    dob = lo - rng.integers(0, 17 * 365, children)
    with open(folder / "header.csv", "w", newline="") as f:
        f.write("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n")
        sex = rng.integers(1, 3, children)
        f.writelines(f"{c},{s},{d},WBRI,A{n:012d},,\n" for n, (c, s, d) in enumerate(zip(ids, sex, _uk(dob))))
    per_child = rng.integers(1, 10, children)
    child = np.repeat(np.arange(children), per_child)
    start = np.repeat(lo + rng.integers(0, 9 * 365, children), per_child)
    gaps = rng.integers(20, 200, child.size)
    first = np.r_[True, child[1:] != child[:-1]]
    offsets = np.cumsum(np.where(first, 0, gaps))
    offsets -= np.repeat(offsets[first], per_child)
    decom = start + offsets
    last = np.r_[child[1:] != child[:-1], True]
    dec = np.where(last, np.where(rng.random(child.size) < 0.5, decom + rng.integers(10, 400, child.size), np.iinfo(np.int64).min), np.r_[decom[1:], 0])
    rne = np.where(first, "S", rng.choice(np.array(["P", "L", "T", "U", "B"]), child.size, p=[0.6, 0.25, 0.05, 0.05, 0.05]))
    ls = rng.choice(np.array(["C1", "C2", "E1", "J2", "V2", "V4"]), child.size)
    rec = np.where(last, np.where(dec == np.iinfo(np.int64).min, "", rng.choice(np.array(["E4A", "E11", "E13", "E8"]), child.size)), "X1")
    dec_text = _uk(dec)
    decom_text = _uk(decom)
    with open(folder / "episodes.csv", "w", newline="") as f:
        f.write(EPISODE_COLUMNS + "\n")
        f.writelines(
            f"{ids[c]},{a},{r},{l},N1,U1,PR1,{b},{e},,AB1 2CD,EF3 4GH,SC{c % 5000:06d}\n"
            for c, a, r, l, b, e in zip(child, decom_text, rne, ls, dec_text, rec)
        )
    reviews_per = rng.integers(0, 20, children)
    rchild = np.repeat(np.arange(children), reviews_per)
    rdays = lo + rng.integers(0, 10 * 365, rchild.size)
    codes = rng.choice(np.array([f"PN{k}" for k in range(8)]), rchild.size)
    dob_text = _uk(dob)
    with open(folder / "reviews.csv", "w", newline="") as f:
        f.write("CHILD,DOB,REVIEW,REVIEW_CODE\n")
        f.writelines(f"{ids[c]},{dob_text[c]},{r},{k}\n" for c, r, k in zip(rchild, _uk(rdays), codes))
    return {"header": children, "episodes": int(child.size), "reviews": int(rchild.size)}


def cin_census(path: Path, children: int, seed: int = 2019) -> dict[str, int]:
    """Writes a CIN census XML file; returns its element counts."""
    rng = np.random.default_rng(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    lo = np.datetime64("2010-04-01")
    counts = {"children": children, "cin_details": 0, "assessments": 0, "cp_plans": 0, "section47": 0}
    out = ["<Message><Header><CollectionDetails><Collection>CIN</Collection><Year>2020</Year>"
           "<ReferenceDate>2020-03-31</ReferenceDate></CollectionDetails></Header><Children>\n"]
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
            out.append(f"<Assessments><AssessmentActualStartDate>{start + 1}</AssessmentActualStartDate>"
                       f"<AssessmentAuthorisationDate>{start + int(rng.integers(5, 80))}</AssessmentAuthorisationDate>"
                       "<FactorsIdentifiedAtAssessment><AssessmentFactors>2A</AssessmentFactors></FactorsIdentifiedAtAssessment></Assessments>\n")
            if rng.random() < 0.4:
                counts["section47"] += 1
                s47 = start + int(rng.integers(1, 20))
                out.append(f"<Section47><S47ActualStartDate>{s47}</S47ActualStartDate>"
                           f"<DateOfInitialCPC>{s47 + int(rng.integers(5, 30))}</DateOfInitialCPC>"
                           "<ICPCnotRequired>false</ICPCnotRequired></Section47>\n")
                counts["cp_plans"] += 1
                cpp = s47 + 20
                out.append(f"<ChildProtectionPlans><CPPstartDate>{cpp}</CPPstartDate><CPPendDate>{cpp + int(rng.integers(30, 900))}</CPPendDate>"
                           "<InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse><LatestCategoryOfAbuse>NEG</LatestCategoryOfAbuse>"
                           f"<NumberOfPreviousCPP>0</NumberOfPreviousCPP><Reviews><CPPreviewDate>{cpp + 90}</CPPreviewDate>"
                           f"<CPPreviewDate>{cpp + 270}</CPPreviewDate></Reviews></ChildProtectionPlans>\n")
            out.append("</CINdetails>\n")
        out.append("</Child>\n")
    out.append("</Children></Message>\n")
    path.write_text("".join(out), encoding="utf-8")
    return counts
