// The demo's live alert. The simulator's shrimp pond never leaves QCVN 02-19:2014's DO ≥ 3.5 mg/L on its
// own, and a real pre-dawn crash comes at most once a night, so a demo started at 14:00 would show none.
// Its aerator therefore stops once shortly after the start, the crash and the recovery played fast (two
// pond hours a minute), and the seeded nightly stops follow at a pond's own pace (firmware-sim
// faults/aerator-failure.ts). Only gateways in shrimp ponds have an aerator: the other zones are untouched.
import type { AeratorDrill } from '@zonetrace/firmware-sim'

export const DEMO_FAULTS = ['aerator-failure'] as const

/**
 * Two minutes gives the banner time to be read; the crash then crosses 3.5 mg/L within 10–80 s, and the
 * preset rule (a minute under the limit) opens its alert within about five minutes of the start. Five
 * minutes off, then back above the limit within a minute; the rule clears after five minutes inside.
 */
export const DEMO_AERATOR_DRILL: AeratorDrill = { afterSeconds: 120, offSeconds: 300, pace: 120 }
