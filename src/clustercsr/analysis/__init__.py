"""Pure pandas helpers: tidy tables for the charts, computed from the evidence base and nothing else.

Every function here takes DataFrames (or plain values) and returns a new DataFrame or Series; none reads a
file, and none changes its inputs. The charts in `clustercsr.charts` only draw what these functions return.

Derived figures and their definitions:
- works (for a factor, topic, limitation or framework): the number of distinct citekeys among the evidence
  rows about that subject. It counts the review's in-text citations, not how strong the evidence is.
- works (for a case cluster): the number of distinct citekeys among the evidence rows that name the cluster
  (`cluster_id`), together with the citekeys listed on the cluster's own row in clusters.csv.
- works (for a cluster–factor cell of the evidence matrix): the number of distinct citekeys among the evidence
  rows about that factor that name that cluster, counted within one theme, or over all themes for "all".
- dominant theme (of a cited work): the theme that occurs most often among the evidence rows citing the work,
  ties broken in the order environment, work conditions, poverty, general.

The helpers live in one module per domain, and this package re-exports them all, so callers keep writing
`analysis.x`: definitions, text, references (labels, timeline), factors, landscape (Tables 2 and 3),
clusters (matrix, map, geometry), model (Figure 1, propositions) and frameworks.
"""
from __future__ import annotations

from clustercsr.analysis.definitions import *  # noqa: F401,F403
from clustercsr.analysis.text import *  # noqa: F401,F403
from clustercsr.analysis.references import *  # noqa: F401,F403
from clustercsr.analysis.factors import *  # noqa: F401,F403
from clustercsr.analysis.landscape import *  # noqa: F401,F403
from clustercsr.analysis.clusters import *  # noqa: F401,F403
from clustercsr.analysis.model import *  # noqa: F401,F403
from clustercsr.analysis.frameworks import *  # noqa: F401,F403
