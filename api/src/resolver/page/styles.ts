// The page's only stylesheet, inlined: one request, no web fonts, readable on a small phone in the sun.
/** How chartSvg's classes look: shared by the consumer page and the console, which draw the same charts. */
export const CHART_CSS = `
.chart{display:block;width:100%;height:auto;margin:.5rem 0}
.chart text{font-size:12px;fill:#47534e}
.chart .grid{fill:none;stroke:#e3e8e4}
.chart .axis{fill:none;stroke:#7d8983}
.chart .band{fill:#2e7d3238}
.chart .whisker{stroke:#2e7d3266;stroke-width:3}
.chart .mean{fill:none;stroke:#1b6e35;stroke-width:2;stroke-linejoin:round}
.chart .dot{fill:#1b6e35}
.chart .limit{fill:none;stroke:#c62828;stroke-width:1.5}
.chart .lim{fill:#b3261e;font-weight:600;paint-order:stroke;stroke:#fff;stroke-width:4px;stroke-linejoin:round}
.chart .yr{font-weight:600}
`

export const PAGE_CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:#1d2521;background:#f4f6f3}
header,main,footer{max-width:40rem;margin:0 auto;padding:0 1rem}
header{display:flex;justify-content:space-between;align-items:center;padding-top:.75rem;font-size:.9rem;color:#52605a}
main>section,main>.verdict{background:#fff;border-radius:12px;padding:1rem;margin:.75rem 0;box-shadow:0 1px 2px #0001}
h1{font-size:1.5rem;line-height:1.25;margin:0 0 .25rem}
h2{font-size:1.15rem;margin:0 0 .5rem}
h3{font-size:1rem;margin:.75rem 0 .25rem}
p{margin:.25rem 0}
a{color:#0b6b3a}
.verdict{text-align:center;border:3px solid}
.verdict .icon{font-size:2.5rem;line-height:1;font-weight:700;margin:0}
.verdict h2{font-size:1.4rem}
.verdict.ok{border-color:#1b8a4a;background:#e7f6ec;color:#0f5530}
.verdict.warn{border-color:#c98a00;background:#fff5db;color:#6b4a00}
.verdict.copy{border-color:#d35400;background:#fdeee3;color:#7a2e00}
.verdict.expired{border-color:#b08900;background:#fff8dc;color:#5c4700}
.verdict.recalled{border-color:#7b1fa2;background:#f6e9fa;color:#4a0d63}
.verdict.bad{border-color:#c62828;background:#fdecea;color:#8e1b1b}
.verdict .advice{text-align:left;margin:.75rem 0 0}
.small,footer{font-size:.85rem}
.muted{color:#5f6b66}
.ocop{font-size:1.1rem;font-weight:600;color:#8a5a00}
.ocop-stars{color:#e0a100;letter-spacing:.1em}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem .75rem;margin:.5rem 0}
dt{color:#5f6b66}
dd{margin:0;overflow-wrap:anywhere}
.expired{color:#b3261e}
.certs{margin:0;padding-left:1.1rem}
.map,.spark{display:block;width:100%;height:auto;max-width:300px;margin:.5rem 0}
.map-bg{fill:#e8f0e9}
.boundary{fill:#4caf5066;stroke:#1b6e35;stroke-width:1.5;stroke-linejoin:round}
.where{margin:0}
.map-frame{position:relative;max-width:300px;margin:.5rem 0;overflow:hidden;border-radius:6px}
.map-frame .map{position:relative;margin:0}
.map-frame .tile{position:absolute;max-width:none}
.map-text text{fill:#1d2521;stroke:#fff;stroke-width:3px;stroke-linejoin:round;paint-order:stroke}
.map-text .strong{font-weight:700}
.map-text .muted{fill:#4a5550}
.map-text .em{font-style:italic}
.locator{clip-path:inset(0 round 6px)}
.locator text{font-size:11px}
.locator .province{fill:#0f5530;font-size:13px}
.scale{fill:none;stroke:#1d2521;stroke-width:1.5}
.scale-halo{fill:none;stroke:#fff;stroke-width:4}
.north{fill:#1d2521;stroke:#fff;stroke-width:1.5;paint-order:stroke}
.loc-sea{fill:#d4e5f2}
.loc-other{fill:#ebebe6;stroke:#a9afab;stroke-width:.6}
.loc-vn{fill:#f7f2e2;stroke:#7d7a68;stroke-width:.7;stroke-linejoin:round}
.loc-province{fill:#9ed4a8;stroke:#1b6e35;stroke-width:.8;stroke-linejoin:round}
.loc-city{fill:#1d2521}
.marker{fill:#c62828;stroke:#fff;stroke-width:1.5}
.map-attr{font-size:.75rem;color:#5f6b66;margin:-.25rem 0 .5rem}
${CHART_CSS}
.chart-key>span{white-space:nowrap;margin-right:.5em}
.chart-key span span{display:inline-block;width:1.4em;height:.7em;margin-right:.3em;vertical-align:middle}
.chart-key .k-mean{border-top:2px solid #1b6e35;height:0}
.chart-key .k-band{background:#2e7d3238}
.chart-key .k-limit{border-top:2px dashed #c62828;height:0}
.timeline{list-style:none;padding:0;margin:0;border-left:3px solid #cfe3d4}
.timeline li{padding:0 0 .75rem .75rem;position:relative}
.timeline li::before{content:"";position:absolute;left:-.45rem;top:.45rem;width:.6rem;height:.6rem;border-radius:50%;background:#1b8a4a}
time{color:#5f6b66;font-size:.9rem;display:block}
.metric{border-top:1px solid #e3e8e4;margin-top:.5rem}
fieldset{border:0;padding:0;margin:0 0 .5rem}
legend{padding:0}
.rate{display:inline-flex;flex-direction:row-reverse}
.rate input{position:absolute;opacity:0;width:1px;height:1px}
.rate label{font-size:2.2rem;line-height:1;color:#c4ccc7;cursor:pointer;padding:0 .1rem}
.rate input:checked~label,.rate label:hover,.rate label:hover~label{color:#e0a100}
.rate input:focus-visible+label{outline:2px solid #0b6b3a}
textarea,#code{width:100%;font:inherit;padding:.5rem;border:1px solid #b9c4bd;border-radius:8px}
#code{font-family:ui-monospace,monospace;letter-spacing:.1em;text-transform:uppercase}
button{margin-top:.5rem;font:inherit;font-weight:600;color:#fff;background:#0b6b3a;border:0;border-radius:8px;padding:.6rem 1.2rem}
.thanks{color:#0f5530;font-weight:600}
.error{color:#8e1b1b;font-weight:600}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
footer{padding-bottom:2rem;color:#52605a}
`
  .replace(/\n/g, '')
  .trim()
