// What every workspace browser file starts with: the workspace fixture (two cooperatives, signed-in
// sessions) listening on a port, Debian's Chromium, and the check each phone page passes: axe-core with no
// serious or critical finding, nothing wider than the phone, and a photograph in test-output.
import { join } from 'node:path'
import type { Browser, Page } from '@playwright/test'
import { expect } from 'vitest'
import { startWorkspaceHarness, type WorkspaceHarness } from '../workspace/workspace-fixture.ts'
import { launch, SHOTS_DIR, seriousViolations } from './browser.ts'
import { CONSOLE_SIZES } from './console-session.ts'

export interface WorkspaceWalks {
  ws: WorkspaceHarness
  origin: string
  browser: Browser
  close(): Promise<void>
}

/** `seed` runs on the fixture's database before the app listens. */
export async function startWorkspaceWalks(
  seed: (ws: WorkspaceHarness) => Promise<void> = async () => {},
): Promise<WorkspaceWalks> {
  const ws = await startWorkspaceHarness()
  await seed(ws)
  await ws.app.listen({ port: 0, host: '127.0.0.1' })
  const origin = `http://127.0.0.1:${(ws.app.server.address() as { port: number }).port}`
  const browser = await launch()
  return {
    ws,
    origin,
    browser,
    async close() {
      await browser.close()
      await ws.close()
    },
  }
}

/** axe clean, nothing wider than the phone, and a photograph of the whole page. */
export async function checkPhonePage(page: Page, shot?: string): Promise<void> {
  expect(await seriousViolations(page), page.url()).toEqual([])
  const wide = await page.evaluate<number>('document.documentElement.scrollWidth')
  expect(wide, `${page.url()} scrolls sideways`).toBeLessThanOrEqual(CONSOLE_SIZES.phone.viewport.width)
  if (shot) await page.screenshot({ path: join(SHOTS_DIR, `${shot}.png`), fullPage: true })
}
