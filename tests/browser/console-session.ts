// What every console walk starts with: the two screens the console must work on (a small phone and an office
// desktop), a fresh browser at one of them, and signing in through the form as a person does.
import type { Browser, Page } from '@playwright/test'
import { openWalk, type Walk } from './browser.ts'

export const CONSOLE_SIZES = {
  phone: { profile: 'phone', viewport: { width: 360, height: 800 } },
  desktop: { profile: 'desktop', viewport: { width: 1280, height: 800 } },
} as const
export type ConsoleSize = keyof typeof CONSOLE_SIZES
export const CONSOLE_SIZE_NAMES = Object.keys(CONSOLE_SIZES) as ConsoleSize[]

/** A fresh context (no cookies, foreign requests refused) at one of the console's sizes. */
export async function openConsoleWalk(browser: Browser, origin: string, size: ConsoleSize): Promise<Walk> {
  const w = await openWalk(browser, origin, CONSOLE_SIZES[size].profile)
  await w.page.setViewportSize(CONSOLE_SIZES[size].viewport)
  return w
}

/** Fills the sign-in form the page shows and submits it; resolves once the page it leads to is open. */
export async function submitSignIn(
  page: Page,
  account: { email: string; password: string },
  landing: string | RegExp,
): Promise<void> {
  await page.locator('#email').fill(account.email)
  await page.locator('#password').fill(account.password)
  await Promise.all([page.waitForURL(landing), page.locator('main button[type=submit]').click()])
}
