package html

// pageTemplate is the page of Write: overview (map, legend, heat map), the
// topic hierarchy when there is one, a card per cluster, then the
// timeline, the table of gold labels and the unclustered documents when
// there are any. Long lists are in <details>, closed.
const pageTemplate = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
:root { color-scheme: light; --ink: #1d2330; --muted: #5c6475; --line: #dde1e8; --bg: #f5f6f8; --link: #2f5d8a; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font: 14px/1.45 "Liberation Sans", "DejaVu Sans", Arial, system-ui, sans-serif; }
header, main, footer { max-width: 1260px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 16px; }
h1 { font-size: 22px; margin: 0 0 2px; }
h2 { font-size: 17px; margin: 22px 0 10px; }
a { color: var(--link); text-decoration: none; }
a:hover { text-decoration: underline; }
.meta { color: var(--muted); margin: 0; font-size: 13px; }
.warning { background: #fff4d6; border: 1px solid #f0d48a; border-radius: 6px; padding: 4px 10px; margin: 6px 0 0;
  font-size: 13px; overflow-wrap: anywhere; }
nav { display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 8px 0 0; font-size: 13px; }
.overview { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 14px; margin-top: 12px; }
@media (max-width: 1100px) { .overview { grid-template-columns: repeat(2, minmax(0, 1fr)); } }
@media (max-width: 760px) { .overview { grid-template-columns: 1fr; } }
figure { margin: 0; background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; min-width: 0; }
figure h2 { margin: 0 0 6px; font-size: 15px; }
figure svg { width: 100%; height: auto; display: block; }
figure svg text { font-family: "Liberation Sans", "DejaVu Sans", Arial, sans-serif !important; }
figure svg a:hover text { text-decoration: underline; }
#similarity svg path { shape-rendering: crispEdges; }
figcaption { font-size: 12px; color: var(--muted); margin-top: 6px; line-height: 1.4; }
.wide { margin-top: 6px; }
.mark { display: inline-block; width: 10px; height: 10px; background: var(--c); flex: none; }
.mark.circle { border-radius: 50%; }
.mark.triangle { clip-path: polygon(50% 0, 100% 100%, 0 100%); }
.mark.diamond { clip-path: polygon(50% 0, 100% 50%, 50% 100%, 0 50%); }
.groups { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 10px; }
.group { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; }
.group h3 { font-size: 14px; margin: 0; }
.chips { list-style: none; padding: 0; margin: 4px 0 0; display: flex; flex-wrap: wrap; gap: 4px 12px; font-size: 13px; }

.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(370px, 1fr)); gap: 14px; align-items: start; }
.card { background: #fff; border: 1px solid var(--line); border-top: 4px solid var(--c); border-radius: 8px;
  padding: 10px 14px; scroll-margin-top: 12px; }
.card:target { outline: 2px solid var(--c); }
.card-head { display: flex; align-items: center; gap: 7px; color: var(--muted); font-size: 12.5px; }
.cid { font-weight: 700; color: var(--ink); }
.card h3 { font-size: 16px; margin: 3px 0 6px; line-height: 1.3; }
.phrases { list-style: none; padding: 0; margin: 0 0 6px; display: flex; flex-wrap: wrap; gap: 4px; }
.phrases li { background: #eef1f6; border-radius: 10px; padding: 0 8px; font-size: 12.5px; }
.facts { font-size: 12.5px; color: var(--muted); margin: 3px 0; }
.facts b { color: var(--ink); font-weight: 600; }
.near a { margin-right: 10px; white-space: nowrap; }
.near .mark, .chips .mark { vertical-align: -1px; margin-right: 3px; }
h4 { font-size: 11.5px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 8px 0 4px; }
blockquote { margin: 0 0 5px; padding: 0 0 0 9px; border-left: 3px solid var(--c); font-size: 13px; }
cite { font-style: normal; font-size: 11.5px; color: var(--muted); }
ol.docs { margin: 0; padding-left: 0; list-style: none; font-size: 13px; }
ol.docs li { display: grid; grid-template-columns: 34px 1fr; gap: 4px; padding: 1px 0; border-bottom: 1px dotted var(--line); }
.sim { color: var(--muted); font-variant-numeric: tabular-nums; }
.id { font-size: 11.5px; color: var(--muted); overflow-wrap: anywhere; }
details { margin-top: 6px; font-size: 13px; }
summary { cursor: pointer; color: var(--link); }
.table-wrap { overflow-x: auto; background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
table.gold { border-collapse: collapse; font-size: 12px; font-variant-numeric: tabular-nums; }
table.gold th, table.gold td { padding: 2px 5px; text-align: right; border-bottom: 1px solid #eef0f4; white-space: nowrap; }
table.gold th.label { text-align: left; font-weight: 600; max-width: 240px; overflow: hidden; text-overflow: ellipsis; }
table.gold thead th { font-weight: 700; vertical-align: bottom; }
table.gold thead a { display: inline-flex; align-items: center; gap: 3px; }
table.gold tfoot td, table.gold tfoot th { border-top: 2px solid var(--line); font-weight: 600; }
table.gold td.dark { color: #fff; }
.note { font-size: 12px; color: var(--muted); margin: 6px 0 0; }
footer { color: var(--muted); font-size: 12px; padding: 20px; }
</style>
</head>
<body>
<header>
<h1>{{.Title}}</h1>
<p class="meta">{{.Meta}}</p>
{{range .Warnings}}<p class="warning">Warning: {{.}}</p>
{{end}}<nav>{{range .Nav}}<a href="#{{.ID}}">{{.Text}}</a>{{end}}</nav>
</header>
<main>
<section id="overview" class="overview">
{{range .Figures}}<figure id="{{.ID}}"{{if eq .ID "legend"}} class="legend"{{end}}>
<h2>{{.Heading}}</h2>
{{.SVG}}
<figcaption>{{.Caption}}</figcaption>
</figure>
{{end}}</section>
{{/* The topic hierarchy: shown only when Report.Parents is not empty. */}}{{if .Parents}}<section id="hierarchy">
<h2>Topic hierarchy</h2>
<div class="groups">
{{range .Parents}}<div class="group" id="group-{{.ID}}">
<h3>{{.Theme}}</h3><p class="facts">{{.Size}}</p>
<ul class="chips">{{range .Clusters}}<li><a href="#cluster-{{.ID}}"><span class="mark {{.Shape}}" style="--c: {{.Color}}"></span>{{.ID}} · {{.Name}}</a></li>{{end}}</ul>
</div>
{{end}}</div>
</section>
{{end}}<section id="clusters">
<h2>Clusters</h2>
<div class="cards">
{{range .Cards}}<article class="card" id="cluster-{{.ID}}" style="--c: {{.Color}}">
<div class="card-head"><span class="mark {{.Shape}}"></span><span class="cid">Cluster {{.ID}}</span><span>{{.Head}}</span></div>
<h3>{{.Name}}</h3>
{{if .Phrases}}<ul class="phrases">{{range .Phrases}}<li title="{{.Tip}}">{{.Text}}</li>{{end}}</ul>
{{end}}<p class="facts"><b>Top terms:</b> {{.Terms}}</p>
{{with .Group}}<p class="facts"><b>Group:</b> <a href="#group-{{.ID}}">{{.Theme}}</a></p>
{{end}}{{if .Gold}}<p class="facts"><b>Gold label:</b> {{.Gold}}</p>
{{end}}{{if .Nearest}}<p class="facts near"><b>Nearest:</b> {{range .Nearest}}<a href="#cluster-{{.ID}}"><span class="mark {{.Shape}}" style="--c: {{.Color}}"></span>{{.ID}} · {{.Name}} ({{.Sim}})</a>{{end}}</p>
{{end}}{{if .Summary}}<h4>Summary</h4>
{{range .Summary}}<blockquote>{{.Text}} <cite>{{.Doc}}</cite></blockquote>
{{end}}{{end}}<details><summary>{{.All}}</summary>
<ol class="docs">{{range .Members}}<li><span class="sim">{{.Sim}}</span><span>{{.Title}} <span class="id">{{.ID}}</span></span></li>{{end}}</ol>
{{if .More}}<p>… and {{.More}} more.</p>{{end}}
</details>
</article>
{{end}}</div>
</section>
{{with .Timeline}}<section id="timeline">
<h2>{{.Heading}}</h2>
<figure class="wide">
{{.SVG}}
<figcaption>{{.Caption}}</figcaption>
</figure>
</section>
{{end}}{{with .Gold}}<section id="gold">
<h2>Clusters by gold label</h2>
<div class="table-wrap">
<table class="gold">
<thead><tr><th class="label">gold label</th>{{range .Clusters}}<th>{{if .Link}}<a href="#cluster-{{.ID}}" title="{{.Name}}"><span class="mark {{.Shape}}" style="--c: {{.Color}}"></span>{{.ID}}</a>{{else}}<span title="{{.Name}}">{{.ID}}</span>{{end}}</th>{{end}}<th>all</th></tr></thead>
<tbody>
{{range .Rows}}<tr><th class="label" title="{{.Label}}">{{.Label}}</th>{{range .Cells}}<td{{if .Dark}} class="dark"{{end}} style="background: {{.Shade}}" title="{{.Tip}}">{{.N}}</td>{{end}}<td>{{.Total}}</td></tr>
{{end}}</tbody>
<tfoot><tr><th class="label">majority share</th>{{range .Majority}}<td>{{.}}</td>{{end}}<td></td></tr></tfoot>
</table>
<p class="note">{{.Note}}</p>
</div>
</section>
{{end}}{{if .Unclustered}}<section id="unclustered">
<h2>Unclustered</h2>
<details><summary>{{.NoTerms}}</summary>
<ol class="docs">{{range .Unclustered}}<li><span class="sim">–</span><span>{{.Title}} <span class="id">{{.ID}}</span></span></li>{{end}}</ol>
</details>
</section>
{{end}}</main>
<footer>{{.Footer}}</footer>
</body>
</html>
`
