"""The HTML report's style sheet: inline (the page loads nothing), for a screen of any width
(a phone's too: one column below 40rem) and for A4.

On a phone the strand table becomes one block per strand, each cell labelled by its column
(`data-label`), the key figures two a row, and the chart scrolls sideways rather than shrink
its text below reading size. A word longer than the line (a school's name of a thousand
letters without a space) breaks where it must rather than push the page wider. In print,
folded cards (`<details>`) stay folded: the page prints the five actions to take first and
every card's title, not twelve pages.

The respondents' section (`voices_html`) is styled here too: the report shows it with
`--voices` and `selfreview voices` makes a page of it alone, and both carry this sheet.
"""

from __future__ import annotations

from typing import Final

__all__ = ["STYLE"]

STYLE: Final = """
:root{--ink:#1d2329;--muted:#5f6b76;--rule:#d5dbe1;--accent:#1f5f8b;--soft:#f3f6f9;
--high:#b42318;--medium:#b54708;--low:#1f5f8b;--better:#1a7f37;--worse:#b42318}
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0 auto;max-width:60rem;padding:1.5rem 1.25rem 3rem;color:var(--ink);
font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
h1,h2,h3,h4{line-height:1.25;margin:1.6em 0 .5em}
h1,h2,h3,h4,h5,p,li,dd,td,th,figcaption{overflow-wrap:anywhere}
h1{font-size:1.9rem;margin-top:.2em}
h2{font-size:1.35rem;border-bottom:2px solid var(--accent);padding-bottom:.2em}
h3{font-size:1.15rem}
h4{font-size:1rem;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.kicker{margin:0;color:var(--accent);font-weight:600;text-transform:uppercase;
letter-spacing:.06em;font-size:.8rem}
.school{margin:.2em 0 1em;color:var(--muted)}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em;margin:0}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0}
.attribution{font-size:.85rem;color:var(--muted);margin:.8em 0 0}
.figures{display:flex;flex-wrap:wrap;gap:.75rem;margin:1.2rem 0 0;padding:0;list-style:none}
.figures li{flex:1 1 9rem;background:var(--soft);border-radius:6px;padding:.6rem .8rem}
.figures strong{display:block;font-size:1.35rem}
.figures span{font-size:.85rem;color:var(--muted)}
figure{margin:0}
svg.chart{width:100%;height:auto;display:block}
figcaption{font-size:.85rem;color:var(--muted);margin-top:.4rem}
table{border-collapse:collapse;width:100%;font-size:.88rem}
th,td{text-align:left;vertical-align:top;padding:.35rem .45rem;border-bottom:1px solid var(--rule)}
thead th{border-bottom:2px solid var(--ink)}
tr.group th{background:var(--soft);font-weight:600}
td.num,th.num{text-align:center;white-space:nowrap}
.better{color:var(--better);font-weight:600}
.worse{color:var(--worse);font-weight:600}
.same,.none{color:var(--muted)}
.rec{border:1px solid var(--rule);border-left:5px solid var(--low);border-radius:4px;
padding:.6rem .9rem;margin:.7rem 0;break-inside:avoid;page-break-inside:avoid}
.rec.high{border-left-color:var(--high)}
.rec.medium{border-left-color:var(--medium)}
.rec h5{font-size:1rem;margin:0 0 .3rem}
.rec p{margin:.35rem 0}
.meta{font-size:.82rem;color:var(--muted)}
.badge{display:inline-block;font-size:.72rem;font-weight:700;text-transform:uppercase;
letter-spacing:.04em;padding:.05rem .4rem;border-radius:3px;color:#fff;background:var(--low)}
.badge.high{background:var(--high)}
.badge.medium{background:var(--medium)}
.links{margin:.35rem 0 0;padding-left:1.2rem;font-size:.88rem}
a{color:var(--accent);overflow-wrap:anywhere}
.problems li{margin:.2rem 0}
.award{border:1px solid var(--rule);border-left:5px solid var(--worse);border-radius:4px;
padding:.5rem .9rem;margin:.6rem 0;break-inside:avoid;page-break-inside:avoid}
.award.met{border-left-color:var(--better)}
.award h3{font-size:1rem;margin:0 0 .3rem}
.award p,.award ul{margin:.3rem 0}
footer{margin-top:2.5rem;font-size:.8rem;color:var(--muted);border-top:1px solid var(--rule);
padding-top:.5rem}
@page{size:A4;margin:16mm 14mm 18mm}
col.strand{width:21%}col.level{width:8%}col.descriptor{width:37%}col.evidence{width:22%}
col.before,col.change{width:6%}
.first{border:1px solid var(--rule);border-radius:6px;padding:.4rem 1rem .6rem;
margin:1.2rem 0;background:var(--soft)}
.first h2{border:0;margin:.4em 0 .3em;font-size:1.2rem}
.first ol{margin:0;padding-left:1.4rem}
.first li{margin:.35rem 0}
details.rec summary{cursor:pointer;list-style-position:outside;margin-left:1rem}
details.rec summary h5{display:inline}
details.rec[open] summary{margin-bottom:.3rem}
.chart-box{overflow-x:auto}
.voices-aspect{margin:1rem 0;break-inside:avoid;page-break-inside:avoid}
table.voices td.none{color:var(--muted)}
tr.flagged th{background:#fff4e5}
ul.flagged li{margin:.25rem 0}
@media (max-width:40rem){
table.voices{font-size:.78rem}
body{padding:1rem .75rem 2rem;font-size:16px}
h1{font-size:1.5rem}
dl.facts{grid-template-columns:1fr}
dl.facts dd{margin:0 0 .4em}
.figures li{flex:1 1 40%}
svg.chart{min-width:36rem}
table.strands,table.strands tbody,table.strands tr,table.strands th,table.strands td{
display:block;width:auto}
table.strands thead,table.strands colgroup{display:none}
table.strands tr{border-bottom:1px solid var(--rule);padding:.4rem 0}
table.strands tr.group th{margin-top:.6rem}
table.strands td,table.strands th{border:0;padding:.15rem 0;text-align:left}
table.strands td[data-label]::before{content:attr(data-label) ": ";font-weight:600;
color:var(--muted)}
table.strands td:empty{display:none}
}
@media print{
details.rec summary{list-style:none;margin-left:0}
body{max-width:none;padding:0;font-size:9.5pt}
h1{font-size:20pt}
h2{font-size:14pt;margin-top:1.2em}
.figures{flex-wrap:nowrap;gap:.5rem;margin-top:.8rem}
.figures li{flex:1 1 0;padding:.35rem .55rem}
.figures strong{font-size:13pt}
table{font-size:8.5pt}
h2,h3,h4,h5{break-after:avoid;page-break-after:avoid}
figure,tr,.figures li{break-inside:avoid;page-break-inside:avoid}
thead{display:table-header-group}
#strands{break-before:page;page-break-before:always}
tr.group{break-after:avoid;page-break-after:avoid}
a{color:inherit;text-decoration:none}
}
"""
