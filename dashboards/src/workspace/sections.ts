// The cooperative's workspace (issue 16) in the console's bar: what a cooperative sees instead of the
// officers' sections. Same frame, same session; these pages live under /workspace so the service worker's
// scope (/workspace/) covers them and nothing of the officers' console.
import type { Lang, TokenRole } from '@zonetrace/contracts'

export type WorkspaceSection = 'ws-home' | 'ws-areas' | 'ws-products' | 'ws-lots' | 'ws-scan' | 'ws-feedback'

const COOPERATIVE: TokenRole[] = ['cooperative']

const LABELS: Record<WorkspaceSection, Record<Lang, string>> = {
  'ws-home': { vi: 'Tổng quan', en: 'Overview' },
  'ws-areas': { vi: 'Vùng trồng', en: 'Growing areas' },
  'ws-products': { vi: 'Sản phẩm', en: 'Products' },
  'ws-lots': { vi: 'Lô hàng', en: 'Lots' },
  'ws-scan': { vi: 'Quét tem', en: 'Scan' },
  'ws-feedback': { vi: 'Góp ý', en: 'Feedback' },
}

const HREFS: Record<WorkspaceSection, string> = {
  'ws-home': '/workspace',
  'ws-areas': '/workspace/areas',
  'ws-products': '/workspace/products',
  'ws-lots': '/workspace/lots',
  'ws-scan': '/workspace/scan',
  'ws-feedback': '/workspace/feedback',
}

export const WORKSPACE_SECTIONS = (Object.keys(HREFS) as WorkspaceSection[]).map((section) => ({
  section,
  href: HREFS[section],
  label: (lang: Lang) => LABELS[section][lang],
  roles: COOPERATIVE,
}))
