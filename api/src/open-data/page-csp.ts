// The policy of every script-free open-data page (/ogc's HTML views, the downloads list): like the label
// pages', no script at all, so injected markup stays inert; only inline styles and data: images.
export const SCRIPTLESS_PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
