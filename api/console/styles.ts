// The console's one stylesheet, served at /console/console.css. Two layouts: a laptop (≥ 1024 px:
// navigation beside the content, tables in full) and a tablet (< 1024 px: navigation on top, wide
// tables scroll inside their card, forms in one column).
export const consoleCss = `
:root { --ink:#1d2733; --muted:#5b6776; --line:#d8dee6; --bg:#f3f5f8; --card:#fff; --accent:#9b1c1c;
  --accent-soft:#fbeaea; --ok:#1d6b3a; --warn:#a35a00; --late:#b42318; --focus:#2457c5; }
* { box-sizing: border-box; }
html { font-size: 15px; }
body { margin:0; font-family: "Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;
  color:var(--ink); background:var(--bg); line-height:1.55; }
a { color: var(--focus); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible {
  outline: 3px solid var(--focus); outline-offset: 2px; }
.shell { display:grid; grid-template-columns: 210px 1fr; min-height:100vh; }
.side { background:#23303f; color:#e8edf3; padding:18px 14px; }
.side .brand { font-weight:700; font-size:1.15rem; margin-bottom:4px; color:#fff; }
.side .who { font-size:.85rem; color:#b9c4d0; margin-bottom:18px; }
.side nav a { display:block; color:#e8edf3; text-decoration:none; padding:7px 10px; border-radius:6px; margin:2px 0; }
.side nav a[aria-current="page"], .side nav a:hover { background:#3a4a5c; }
.side form { margin-top:18px; }
.side button { background:transparent; color:#e8edf3; border:1px solid #6b7a8b; }
main { padding:22px 26px; min-width:0; }
h1 { font-size:1.45rem; margin:0 0 14px; }
h2 { font-size:1.1rem; margin:0 0 10px; }
.grid { display:grid; gap:16px; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); }
.card { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:14px 16px; margin-bottom:16px; min-width:0; }
.card.wide { grid-column: 1 / -1; }
.scroll { overflow-x:auto; }
table { width:100%; border-collapse:collapse; font-size:.93rem; }
th, td { text-align:left; padding:7px 8px; border-bottom:1px solid var(--line); vertical-align:top; }
th { color:var(--muted); font-weight:600; white-space:nowrap; }
.badge { display:inline-block; padding:1px 8px; border-radius:10px; font-size:.8rem; background:#e8edf3; white-space:nowrap; }
.badge.late { background:#fde3e1; color:var(--late); font-weight:700; }
.badge.soon { background:#fff1d6; color:var(--warn); }
.badge.ok { background:#e2f3e8; color:var(--ok); }
.muted { color:var(--muted); }
.empty { color:var(--muted); padding:10px 0; }
.figures { display:flex; flex-wrap:wrap; gap:12px; }
.figure { flex:1 1 120px; background:#f7f9fb; border:1px solid var(--line); border-radius:8px; padding:10px 12px; }
.figure b { display:block; font-size:1.6rem; }
form.action { border-top:1px solid var(--line); padding-top:12px; margin-top:12px; }
.field { margin-bottom:10px; }
.field label { display:block; font-weight:600; margin-bottom:3px; }
.field input[type=text], .field input[type=datetime-local], .field input[type=number], .field select, .field textarea {
  width:100%; max-width:520px; padding:7px 9px; border:1px solid #aeb8c4; border-radius:6px; font:inherit; background:#fff; }
.field.invalid input, .field.invalid select, .field.invalid textarea { border-color:var(--late); background:#fff7f6; }
.field .error { color:var(--late); font-size:.88rem; margin-top:3px; }
.field .checks { display:flex; flex-wrap:wrap; gap:4px 18px; }
.field label.check { display:inline-flex; align-items:center; gap:6px; font-weight:400; margin:0; }
.field .hint { color:var(--muted); font-size:.85rem; }
button, .button { display:inline-block; font:inherit; padding:7px 14px; border-radius:6px; border:1px solid var(--accent);
  background:var(--accent); color:#fff; cursor:pointer; text-decoration:none; }
button.secondary { background:#fff; color:var(--accent); }
.alert { border-radius:8px; padding:10px 14px; margin-bottom:14px; border:1px solid; }
.alert.error { background:#fdecea; border-color:#f3b8b2; color:#7a1a12; }
.alert.summary ul { margin:6px 0 0; padding-left:1.2em; }
.alert.summary a { color:#7a1a12; text-decoration:underline; }
.required { color:var(--late); margin-left:2px; }
.alert.ok { background:#e6f4ea; border-color:#b5dcc0; color:#174d2a; }
.users { display:grid; gap:10px; grid-template-columns: repeat(auto-fill, minmax(250px,1fr)); }
.users button { width:100%; text-align:left; background:#fff; color:var(--ink); border:1px solid var(--line); padding:10px 12px; }
.users button:hover { border-color:var(--accent); }
.users button span { display:block; color:var(--muted); font-size:.85rem; }
.timeline { list-style:none; padding:0; margin:0; }
.timeline li { border-left:3px solid var(--line); padding:4px 0 10px 12px; position:relative; }
.timeline li::before { content:""; position:absolute; left:-7px; top:10px; width:11px; height:11px; border-radius:50%; background:var(--accent); }
svg text { font-family: inherit; }
.diagram { width:100%; height:auto; }
.stage-list { display:none; list-style:none; margin:0; padding:0; }
.stage-list li { display:flex; gap:8px; align-items:baseline; padding:6px 10px; margin:0 0 4px; border:1px solid #aeb8c4; border-radius:8px; background:#fff; }
.stage-list li[data-state="passed"] { background:#e2f3e8; border-color:#1d6b3a; }
.stage-list li[data-state="current"] { background:var(--accent); border-color:var(--accent); color:#fff; font-weight:700; }
.stage-list li.exits-head { border:none; background:none; color:var(--muted); padding:6px 0 2px; }
.stage-list li.exit { border-style:dashed; }
.visually-hidden { position:absolute; width:1px; height:1px; overflow:hidden; clip:rect(0 0 0 0); white-space:nowrap; }
.chart { width:100%; max-width:560px; height:auto; }
.chart.expiry { max-width:760px; }
dl.facts { display:grid; grid-template-columns: max-content 1fr; gap:4px 14px; margin:0; }
dl.facts dt { color:var(--muted); }
dl.facts dd { margin:0; }
.toolbar { margin-bottom:14px; }
.inline-form { display:flex; flex-wrap:wrap; gap:6px; align-items:center; }
.inline-form select { padding:4px 6px; font:inherit; }
.inline-form button { padding:3px 10px; font-size:.88rem; }
.list-search { margin-bottom:12px; }
.list-search input[type=search] { padding:5px 8px; font:inherit; min-width:16em; border:1px solid #aeb8c4; border-radius:6px; }
.pager { display:flex; gap:12px; align-items:center; margin-top:10px; }
.official { background:#fff; border:1px solid var(--line); max-width:210mm; margin:0 auto 16px; padding:24mm 22mm;
  font-family:"FangSong","STFangsong","Noto Serif CJK SC","Source Han Serif SC",serif; font-size:16pt; line-height:1.75; }
.official .issuer { text-align:center; color:#c00; font-size:22pt; font-weight:700; letter-spacing:.1em;
  border-bottom:2px solid #c00; padding-bottom:6px; margin-bottom:18px; }
.official .doc-title { text-align:center; font-size:20pt; margin:0 0 8px; }
.official .doc-number { text-align:center; margin-bottom:14px; }
.official p { text-indent:2em; margin:0; white-space:pre-wrap; }
.official .closing { text-align:right; margin-top:28px; padding-right:2em; position:relative; }
.official .seal { color:#c00; opacity:.55; position:absolute; right:3em; top:-8px; }
@media (max-width: 600px) {
  #todo thead, #transfer-list thead, #preservation-list thead { display:none; }
  #todo tr, #transfer-list tr, #preservation-list tr { display:block; border-bottom:1px solid var(--line); padding:6px 0; }
  #todo td, #transfer-list td, #preservation-list td { display:block; border:none; padding:2px 0; }
}
/* A phone: the stages one under another, in text of normal size, instead of the shrunken SVG. */
@media (max-width: 600px) { .process-diagram .diagram { display:none; } .process-diagram .stage-list { display:block; } }
@media (max-width: 600px) { .official { padding:16px 14px; font-size:13pt; } .official .issuer { font-size:16pt; } .official .doc-title { font-size:15pt; } }
/* Printing: the document (or the page) alone on A4, with GB/T 9704's margins (top 37 mm, left 28 mm). */
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
@media print {
  body { background:#fff; }
  .shell { display:block; }
  .side, .no-print, .toolbar, form.action, #actions, .skip-link { display:none !important; }
  main { padding:0; }
  main > h1 { display:none; }
  .card { border:none; padding:0; break-inside:avoid; }
  .official { border:none; padding:0; max-width:none; margin:0; }
  a { color:inherit; text-decoration:none; }
}
@media (max-width: 1023px) {
  html { font-size: 15px; }
  .shell { grid-template-columns: 1fr; }
  .side { padding:10px 14px; display:flex; flex-wrap:wrap; align-items:center; gap:6px 14px; }
  .side .who { margin:0; }
  .side nav { display:flex; flex-wrap:wrap; gap:2px; width:100%; }
  .side nav a { padding:5px 9px; }
  .side form { margin:0 0 0 auto; }
  main { padding:16px 14px; }
  .grid { grid-template-columns: 1fr; }
  .hide-narrow { display:none; }
}
`;
