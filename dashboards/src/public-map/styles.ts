// The public map page's stylesheet (the island's own is in islands/public-map.css): the consumer pages'
// greens, system fonts, a list that becomes cards below 640 px so a 360 px phone never scrolls sideways,
// and state badges whose text keeps 4.5:1 contrast on their colour (the console's .sev colours).
import { createHash } from 'node:crypto'

export const PUBLIC_MAP_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:#1d2521;background:#f4f6f3}
body{margin:0}
a{color:#0b6b3a}
a:focus,button:focus,input:focus{outline:3px solid #ffbf47;outline-offset:0}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#ffbf47;color:#0b0c0c;padding:8px;z-index:2000}
.pm-bar{background:#0b3d2e;color:#fff}
.pm-bar div{display:flex;align-items:center;gap:12px;max-width:1100px;margin:0 auto;padding:8px 16px}
.pm-bar a{color:#fff}
.pm-bar .brand{font-weight:700;font-size:1.1rem;text-decoration:none;margin-right:auto}
.pm-bar .lang{display:inline-block;padding:8px 0}
main{max-width:1100px;margin:0 auto;padding:8px 16px 24px}
h1{font-size:1.45rem;line-height:1.25;margin:12px 0 4px}
h2{font-size:1.2rem;margin:0 0 8px}
p{margin:4px 0}
.lead{margin:0 0 10px}
.small{font-size:.85rem}
.muted{color:#5f6b66}
.error{color:#8e1b1b;font-weight:600}
.expired{color:#b3261e}
main>section{background:#fff;border-radius:10px;padding:14px;margin:12px 0;box-shadow:0 1px 2px #0002}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:6px 0}
dt{color:#5f6b66}
dd{margin:0;overflow-wrap:anywhere}
table{width:100%;border-collapse:collapse}
caption{text-align:left;color:#5f6b66;font-size:.9rem;padding:0 0 6px}
th,td{text-align:left;vertical-align:top;padding:8px;border-bottom:1px solid #e3e8e4}
th{font-size:.9rem;color:#3c4743}
td .name{display:block;font-size:.9rem;color:#47534e}
.st{display:inline-block;padding:2px 8px;font-weight:700;border-radius:3px;white-space:nowrap}
.st-ok{background:#cce2d8;color:#005a30}
.st-warning{background:#fff7bf;color:#594d00}
.st-minor{background:#fcd6c3;color:#6e3619}
.st-major{background:#f4cdc6;color:#2a0b06}
.st-critical{background:#d4351c;color:#fff}
@media (max-width:640px){
 table.cards thead{position:absolute;left:-9999px}
 table.cards caption{display:block}
 table.cards,table.cards tbody,table.cards tr,table.cards td{display:block;width:100%}
 table.cards tr{border:1px solid #d3dad5;border-radius:8px;margin:0 0 10px}
 table.cards td{border:0;padding:4px 10px}
 table.cards td::before{content:attr(data-label);display:block;font-size:.8rem;color:#5f6b66;font-weight:600}
}
label{display:block;font-weight:600;margin:6px 0 4px}
#code{width:100%;max-width:22rem;font:inherit;font-family:ui-monospace,monospace;letter-spacing:.1em;text-transform:uppercase;padding:.5rem;border:1px solid #8a968f;border-radius:8px}
button{margin-top:.5rem;font:inherit;font-weight:600;color:#fff;background:#0b6b3a;border:0;border-radius:8px;padding:.6rem 1.2rem;min-height:44px;cursor:pointer}
.links{margin:6px 0;padding-left:1.2rem}
.links li{margin:4px 0}
code{font-family:ui-monospace,monospace;font-size:.9rem;background:#eef1ee;padding:1px 4px;border-radius:4px;overflow-wrap:anywhere}
footer{max-width:1100px;margin:0 auto;padding:0 16px 24px;font-size:.85rem;color:#52605a}
`
  .replace(/\n/g, '')
  .trim()

/** Content-addressed, so it can be cached for a year and still change with a release. */
export const PUBLIC_MAP_CSS_PATH = `/console/assets/public-map.${createHash('sha256').update(PUBLIC_MAP_CSS).digest('hex').slice(0, 12)}.css`
