"""clustercsr.analysis.references, on tiny tables with exact expected values."""
from __future__ import annotations



from clustercsr import analysis as an
from .analysis_tables import frame

# ---------------------------------------------------------------- labels

def test_citation_labels_one_two_many_corporate_and_suffix(labels):
    assert labels.to_dict() == {
        "blackman2006": "Blackman (2006)",
        "lundthomsennadvi2010a": "Lund-Thomsen & Nadvi (2010a)",
        "jamalietalforthcoming": "Jamali et al. (forthcoming)",
        "accountability2006": "Accountability (2006)",
        "corpwatch2014": "CorpWatch (2014)",
        "lundthomsenetal2016": "Lund-Thomsen et al. (2016)",
    }


def test_same_surname_and_year_get_initials():
    refs = frame("key type year title author note",
                 ("khana2007", "book", "2007", "t", "Khan, A.", ""), ("khanf2007", "article", "2007", "t", "Khan, F.", ""),
                 ("khanlundthomsen2011", "article", "2011", "t", "Khan, F. and Lund-Thomsen, P.", ""))
    assert an.citation_labels(refs).tolist() == ["Khan, A. (2007)", "Khan, F. (2007)", "Khan & Lund-Thomsen (2011)"]


def test_corporate_author_with_and_stays_one_name():
    assert an.citation_label("{Ministry of Labour and Employment}", "2011") == "Ministry of Labour and Employment (2011)"
    assert an.citation_label("Puppim de Oliveira, J. and Jabbour, C.", "2011") == "Puppim de Oliveira & Jabbour (2011)"
    assert an.citation_label("", "2000") == "Anon. (2000)"


def test_clean_bibtex():
    assert an.clean_bibtex("{SME} clusters -- a {R}eview \\& more---done") == "SME clusters \u2013 a Review & more\u2014done"
    assert an.clean_bibtex(None) == ""


def test_split_keys_join_labels_and_wrap(labels):
    assert an.split_keys("a;b;;c ") == ["a", "b", "c"]
    assert an.split_keys(None) == [] and an.split_keys(float("nan")) == []
    assert an.join_labels(["lundthomsennadvi2010a", "blackman2006", "blackman2006", "unknown"], labels) == \
        "Blackman (2006); Lund-Thomsen & Nadvi (2010a); unknown"
    assert an.wrap("one two three four", 9) == ["one two", "three", "four"]
    assert an.wrap("", 10) == [""]


# ---------------------------------------------------------------- timeline

def test_dominant_theme_ties_follow_theme_order(evidence):
    assert an.dominant_theme(evidence).to_dict() == {
        "accountability2006": "general", "blackman2006": "environment", "jamalietalforthcoming": "general",
        "lundthomsennadvi2010a": "work-conditions"}
    tie = frame("citekey theme", ("a", "poverty"), ("a", "work-conditions"))
    assert an.dominant_theme(tie).to_dict() == {"a": "work-conditions"}


def test_works_timeline(refs, evidence, labels):
    out = an.works_timeline(refs, evidence, labels)
    assert out[["key", "year_label", "year_pos", "type_group", "theme"]].values.tolist() == [
        ["accountability2006", "2006", 2006, "Report or paper", "General or several themes"],
        ["blackman2006", "2006", 2006, "Book", "Environment"],
        ["lundthomsennadvi2010a", "2010", 2010, "Journal article", "Work conditions"],
        ["corpwatch2014", "2014", 2014, "Other", "No finding recorded"],
        ["jamalietalforthcoming", "forthcoming", 2017, "Book chapter", "General or several themes"],
    ]
    assert out.loc[out["key"] == "blackman2006", "title"].item() == "Small Firms and the Environment"
    assert out.loc[out["key"] == "jamalietalforthcoming", "title"].item() == "CSR myths \u2014 a study"
    assert out["type_order"].tolist() == [3, 1, 0, 4, 2]


def test_works_per_year(refs, evidence, labels):
    works = an.works_timeline(refs, evidence, labels)
    assert an.works_per_year(works).values.tolist() == [
        [2006, "2006", 2], [2010, "2010", 1], [2014, "2014", 1], [2017, "forthcoming", 1]]


def test_work_lines(refs, evidence, labels):
    works = an.works_timeline(refs, evidence, labels)
    lines = an.work_lines(works[works["key"] == "blackman2006"], width=12)
    assert lines[["key", "year_pos", "order", "kind", "text"]].values.tolist() == [
        ["blackman2006", 2006, 0, "head", "Blackman (2006) \u00b7 Book"],
        ["blackman2006", 2006, 1, "body", "Small Firms"],
        ["blackman2006", 2006, 2, "body", "and the"],
        ["blackman2006", 2006, 3, "body", "Environment"],
    ]


