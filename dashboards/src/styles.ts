// The console's one stylesheet: system fonts (nothing to download), large touch targets, visible focus,
// tables that become stacked cards below 640 px so a phone at 360 px never scrolls sideways, and a print
// style that drops the navigation. Severity colours keep 4.5:1 contrast with their text.
import { createHash } from 'node:crypto'
import { CHART_CSS } from '@zonetrace/api'

export const CONSOLE_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;font-size:16px;line-height:1.45;color:#0b0c0c;background:#f3f2f1}
body{margin:0}
a{color:#1d4ed8}a:visited{color:#4c2c92}
a:focus,button:focus,input:focus,select:focus,summary:focus{outline:3px solid #ffbf47;outline-offset:0;box-shadow:0 0 0 5px #0b0c0c}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#ffbf47;padding:8px;z-index:9}
header.bar{background:#0b3d2e;color:#fff}
header.bar .account{display:flex;flex-wrap:wrap;gap:4px 12px;align-items:center;padding:6px 16px;max-width:1100px;margin:0 auto}
header.bar a{color:#fff}
header.bar .brand{font-weight:700;font-size:1.1rem;text-decoration:none;margin-right:auto}
header.bar nav{background:#145c45}
header.bar nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:0 18px;margin:0 auto;padding:0 16px;max-width:1100px}
header.bar nav a{display:inline-block;padding:10px 0}
header.bar nav a[aria-current=page]{font-weight:700;text-decoration-thickness:3px}
header.bar form{display:inline;margin:0}
header.bar button{background:none;border:1px solid #fff;color:#fff;padding:4px 10px;font:inherit;cursor:pointer;min-height:44px;margin:0;box-shadow:none}
.who{font-size:.9rem;opacity:.9}
main{max-width:1100px;margin:0 auto;padding:16px}
h1{font-size:1.6rem;margin:8px 0 16px}
h2{font-size:1.25rem;margin:24px 0 8px}
.lead{font-size:1.05rem;color:#383f43}
.note{color:#505a5f;font-size:.9rem}
.panel{background:#fff;border:1px solid #b1b4b6;padding:16px;margin:0 0 16px}
.notice{border-left:6px solid #00703c;background:#fff;padding:12px 16px;margin:0 0 16px}
.error{border-left:6px solid #d4351c;background:#fff;padding:12px 16px;margin:0 0 16px}
.secret{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:1.1rem;background:#f3f2f1;padding:8px;word-break:break-all;user-select:all;display:block}
.notice>:first-child,.error>:first-child{margin-top:0}.notice>:last-child,.error>:last-child{margin-bottom:0}
label{display:block;font-weight:600;margin:12px 0 4px}
.hint{display:block;font-weight:400;color:#505a5f;font-size:.9rem}
input,select{font:inherit;padding:8px;border:2px solid #0b0c0c;min-height:44px;width:100%;max-width:28rem;background:#fff}
button,.button{font:inherit;background:#00703c;color:#fff;border:0;padding:10px 16px;min-height:44px;cursor:pointer;box-shadow:0 2px 0 #002d18;margin-top:12px}
form.panel:not(.inline)>button{display:block}
button.secondary{background:#f3f2f1;color:#0b0c0c;box-shadow:0 2px 0 #929191}
button.warning{background:#d4351c;box-shadow:0 2px 0 #55150b}
.inline{display:flex;flex-wrap:wrap;gap:8px;align-items:flex-end}
.inline label{margin-top:0}.inline input,.inline select{width:auto}
.inline button{margin-top:0}
/* a select of long names (area code · name) must not push a phone's page sideways */
.inline>div{max-width:100%}.inline select{max-width:100%}
table{width:100%;border-collapse:collapse;background:#fff}
caption{text-align:left;font-weight:700;padding:8px 0}
th,td{text-align:left;padding:8px;border-bottom:1px solid #b1b4b6;vertical-align:top}
th{background:#f8f8f8}
td form{display:inline}
td button{margin:0 4px 4px 0;padding:6px 10px}
.sev{display:inline-block;padding:2px 8px;font-weight:700;border-radius:2px;white-space:nowrap}
.sev-none{background:#cce2d8;color:#005a30}
.sev-warning{background:#fff7bf;color:#594d00}
.sev-minor{background:#fcd6c3;color:#6e3619}
.sev-major{background:#f4cdc6;color:#2a0b06}
.sev-critical{background:#d4351c;color:#fff}
.metrics{margin:0;padding:0;list-style:none}
.metrics li{white-space:nowrap}
.checks{border:0;padding:0;margin:12px 0 0}
.checks legend{font-weight:600;padding:0}
.checks label{display:flex;gap:8px;align-items:center;font-weight:400;margin:0;min-height:44px}
.checks input{width:24px;height:24px;min-height:0;margin:0;flex:none}
textarea.config{display:block;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.95rem;width:100%;border:2px solid #0b0c0c;padding:8px;background:#f3f2f1}
.sev-offline{background:#f3f2f1;color:#0b0c0c;border:1px solid #505a5f}
code.payload{white-space:pre-wrap;word-break:break-all;font-size:.85rem}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px;margin:0 0 8px}.facts dt{font-weight:600}.facts dd{margin:0}
@media (max-width:640px){
 table.cards thead{position:absolute;left:-9999px}
 table.cards,table.cards tbody,table.cards tr,table.cards td{display:block;width:100%}
 table.cards tr{border:1px solid #b1b4b6;margin:0 0 12px;background:#fff}
 table.cards td{border:0;border-bottom:1px solid #eee;padding:6px 8px}
 table.cards caption{display:block}
 table.cards td::before{content:attr(data-label);display:block;font-size:.8rem;color:#505a5f;font-weight:600}
 .metrics li{white-space:normal}
}
@media print{header.bar,.skip,form{display:none}main{max-width:none;padding:0}body{background:#fff}}
/* area page: facts, range links, and the consumer page's chart classes (chart-svg.ts) */
dl.facts{display:grid;grid-template-columns:minmax(8em,auto) 1fr;gap:4px 12px;margin:0 0 16px}
dl.facts dt{font-weight:600}dl.facts dd{margin:0}
.ranges ul{display:flex;flex-wrap:wrap;gap:8px;margin:0 0 8px;padding:0;list-style:none}
.ranges a{display:inline-block;padding:6px 12px;border:1px solid #b1b4b6;background:#fff}
.ranges a[aria-current]{background:#0b0c0c;color:#fff;font-weight:600}
.metric-chart{max-width:1000px;margin:0 0 16px}.metric-chart .chart{max-width:640px}
.range-form .form-title{flex-basis:100%;margin:0;font-weight:600}
${CHART_CSS}
/* compliance report: each area one A4 page in print (the first under the title), its table whole rather than cards */
@media print{@page{size:A4;margin:15mm}section.report-area~section.report-area{break-before:page}section.report-area table{break-inside:avoid}.report-area table.cards,.report-area table.cards tbody{display:table}.report-area table.cards tr{display:table-row}.report-area table.cards td{display:table-cell;width:auto}.report-area table.cards td::before{content:none}}
/* the bar on a phone: the sections fold behind the "Mục lục" summary (layout.ts). Where :has is unknown the
   summary stays hidden and the sections show as on a wide screen, wrapped but all there. */
details.menu{display:none}
details.menu summary{display:flex;align-items:center;gap:8px;min-height:44px;padding:4px 10px;border:1px solid #fff;cursor:pointer;list-style:none}
details.menu summary::-webkit-details-marker{display:none}
details.menu summary::after{content:"";width:7px;height:7px;border:solid #fff;border-width:0 2px 2px 0;transform:translateY(-2px) rotate(45deg)}
details.menu[open] summary::after{transform:translateY(2px) rotate(-135deg)}
@supports selector(:has(a)){@media (max-width:639.98px){
 details.menu{display:block;margin-left:auto}
 header.bar:has(details.menu:not([open])) nav{display:none}
 header.bar nav ul{display:block;padding:0}
 header.bar nav a{display:flex;align-items:center;min-height:44px;padding:0 16px;border-top:1px solid #0b3d2e}
}}
/* thresholds page: a refused field says why beside itself */
.field-error{display:block;color:#d4351c;font-weight:600;margin:4px 0}input[aria-invalid=true]{border-color:#d4351c}
/* workspace scan page (workspace/pages/scan.ts): big one-handed targets; the camera button first and widest */
.scan-steps{border:0;padding:0;margin:0 0 12px;display:flex;flex-wrap:wrap;gap:8px}
.scan-steps legend{font-weight:600;padding:0;margin-bottom:4px}
.scan-step{display:flex;align-items:center;gap:8px;min-height:48px;padding:0 14px;border:2px solid #0b0c0c;background:#fff;margin:0;font-weight:400}
.scan-step input{width:22px;height:22px;min-height:0;margin:0}
.scan-step:has(input:checked){background:#0b3d2e;color:#fff;border-color:#0b3d2e}
.scan-camera-row{margin:0}
.scan-camera{display:block;width:100%;max-width:28rem;min-height:56px;font-size:1.15rem;font-weight:600}
.scan-camera[hidden]{display:none}
.scan-viewfinder{margin:8px 0}
.scan-form label[for=scan-code]{margin-top:16px}
.scan-record{display:block}
.scan-status{margin:12px 0 0;font-weight:600;font-size:1.05rem}.scan-status:empty{display:none}
.scan-status.bad{color:#942514}
.scan-notice{padding:10px 12px;border-left:5px solid #00703c;background:#e8f5ee;font-weight:600}
.scan-pending{font-weight:600;color:#594d00;margin:8px 0 0}.scan-pending:empty{display:none}
.scan-refused{margin:8px 0 0;padding:0;list-style:none}.scan-refused li{padding:8px 12px;border-left:5px solid #d4351c;background:#fdecea;margin:0 0 6px}
.scan-list{padding:0;list-style:none;margin:0}.scan-list li{padding:10px 0;border-bottom:1px solid #d8dcdf}
.offline-notice{padding:10px 12px;border-left:5px solid #594d00;background:#fff7bf;font-weight:600}
/* workspace lots and labels (workspace/pages/lots.ts, lot.ts, lot-labels.ts): cards, not tables, on a phone;
   whole-width buttons a thumb reaches; the consumer page's chart key (its CSS lives in the resolver's page) */
.lot-list{list-style:none;padding:0;margin:0}
.lot-card{background:#fff;border:1px solid #b1b4b6;border-left:6px solid #00703c;padding:10px 12px;margin:0 0 12px}
.lot-card>a{display:block;min-height:44px;padding:8px 0;font-size:1.1rem}
.lot-card p{margin:4px 0}.lot-card.recalled{border-left-color:#d4351c}
.lot-state{font-weight:600}.lot-state.recalled{color:#d4351c}
a.button{display:inline-flex;align-items:center;text-decoration:none;color:#fff}
a.button.secondary{background:#f3f2f1;color:#0b0c0c;box-shadow:0 2px 0 #929191}
a.button.warning{background:#d4351c;box-shadow:0 2px 0 #55150b}
.ws-form textarea{font:inherit;padding:8px;border:2px solid #0b0c0c;width:100%;max-width:28rem}
.ws-form fieldset.split-part{border:1px solid #d8dcdf;padding:4px 10px 10px;margin:8px 0}
.ws-form .inline>div{flex:1 1 8rem}.ws-form .inline{margin-top:12px}
.ws-form>h2,.ws-panel>h2{margin-top:0}
details.ws-more summary::before{content:"▸";margin-right:8px}details.ws-more[open] summary::before{content:"▾"}
details.ws-more summary{min-height:44px;display:flex;align-items:center;font-size:1.15rem;font-weight:700;cursor:pointer}
.ws-order a{display:inline-flex;align-items:center;min-height:44px;padding:0 12px;border:1px solid #b1b4b6;background:#fff}
.ws-order a[aria-current]{background:#0b0c0c;color:#fff;font-weight:600}
.ws-timeline{padding-left:1.2em}.ws-timeline li{margin:0 0 10px}
.ws-evidence .metric{background:#fff;border:1px solid #b1b4b6;padding:8px 12px;margin:0 0 12px}
.ws-evidence .small{font-size:.9rem}
.ws-evidence .chart-key>span{white-space:nowrap;margin-right:.5em}
.ws-evidence .chart-key span span{display:inline-block;width:1.4em;height:.7em;margin-right:.3em;vertical-align:middle}
.ws-evidence .chart-key .k-mean{border-top:2px solid #1b6e35;height:0}.ws-evidence .chart-key .k-band{background:#2e7d3238}
.ws-evidence .chart-key .k-limit{border-top:2px dashed #c62828;height:0}
.ws-download{margin-top:8px}.ws-buttons{display:flex;flex-wrap:wrap;gap:8px}.ws-buttons button{margin-top:8px}
.lot-card code{word-break:break-all}
.issue-progress{margin:12px 0}.issue-progress progress{display:block;width:100%;max-width:28rem;height:20px}
/* workspace home and feedback (workspace/pages/home.ts, feedback.ts): one card per area, lot, comment;
   the whole title of a card is its link, 44px tall; an alert colours the card's edge */
.hc-list{list-style:none;padding:0;margin:0}
.hc-card{background:#fff;border:1px solid #b1b4b6;border-left:6px solid #00703c;padding:10px 12px;margin:0 0 12px}
.hc-card>a{display:flex;align-items:center;gap:8px;flex-wrap:wrap;min-height:44px;font-size:1.1rem;font-weight:600}
.hc-card p{margin:4px 0}.hc-card.alert-warning{border-left-color:#594d00}.hc-card.alert-minor{border-left-color:#f47738}
.hc-card.alert-major,.hc-card.alert-critical{border-left-color:#d4351c}
.hc-alert{color:#d4351c}.hc-ok{color:#00703c;font-weight:600}
.hc-readings{list-style:none;padding:0;margin:4px 0}.hc-readings li{padding:2px 0}
a.hc-more{display:inline-flex;align-items:center;min-height:44px}
.hc-stars{color:#594d00;letter-spacing:2px}
.hc-reply{border-left:3px solid #b1b4b6;padding-left:8px;margin:6px 0}
.hc-card.hc-hidden{border-left-color:#b1b4b6;background:#f3f2f1}
.hc-card form{margin:8px 0 0}.hc-card textarea{font:inherit;width:100%;padding:8px;border:2px solid #0b0c0c}
.hc-chart svg,.hc-dots svg{width:100%;max-width:36rem;height:auto;display:block}
.hc-table{border-collapse:collapse;width:100%;max-width:36rem}.hc-table th,.hc-table td{text-align:left;padding:8px;border-bottom:1px solid #d8dcdf}
/* workspace areas and products (workspace/pages/areas.ts, products.ts, area-edit.ts, product-edit.ts): cards, not
   tables, at 360 px; an expiring certificate flagged in words and colour; buttons a thumb can hit */
.ws-cards{list-style:none;margin:0;padding:0}
.ws-card{background:#fff;border:1px solid #b1b4b6;padding:12px 16px;margin:0 0 12px}
.ws-card .ws-card-title{margin:0 0 8px;font-size:1.2rem}
.ws-card dl.facts{grid-template-columns:minmax(0,7.5em) minmax(0,1fr);gap:6px 10px;margin:0 0 4px}
.ws-card dd{overflow-wrap:anywhere}.ws-card dd code{overflow-wrap:normal;word-break:break-all}
.ws-certs{margin:0;padding-left:1.1em}
.ws-expiry{display:inline-block;padding:0 6px;margin-left:4px}
.ws-expiring{background:#fff7bf;color:#594d00}.ws-expired{background:#d4351c;color:#fff}
a.ws-action{display:inline-flex;align-items:center;text-decoration:none}a.ws-action,a.ws-action:visited{color:#fff}
a.ws-action.secondary{background:#f3f2f1;box-shadow:0 2px 0 #929191}a.ws-action.secondary,a.ws-action.secondary:visited{color:#0b0c0c}
.ws-action{min-height:48px;margin:4px 0}
.ws-submit{min-height:52px;width:100%;max-width:28rem;font-size:1.1rem}
.ws-certs-fields,.ws-cert{border:1px solid #d8dcdf;padding:4px 12px 12px;margin:16px 0 0}
.ws-certs-fields>legend,.ws-cert>legend{font-weight:600;padding:0 4px}
.ws-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr));gap:0 12px}
.ws-stars{display:flex;flex-wrap:wrap;gap:0 16px}.ws-stars legend{width:100%}
.ws-presets label{padding:6px 0;border-bottom:1px solid #e5e6e7}.ws-presets .note{line-height:1.3}
`

/** Content-addressed, so it can be cached for a year and still change with a release. */
export const CONSOLE_CSS_PATH = `/console/assets/console.${createHash('sha256').update(CONSOLE_CSS).digest('hex').slice(0, 12)}.css`
