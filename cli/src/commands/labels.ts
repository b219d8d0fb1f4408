import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseCommandArgs, positiveInteger, required } from '../args.ts'
import type { Command } from '../command.ts'
import { loadContext, openConfiguredDatabase } from '../context.ts'
import { CliError, UsageError } from '../errors.ts'
import { progressBar } from '../progress.ts'

export const labelsCommand: Command = {
  name: 'labels',
  summary: 'issue signed labels for a lot: SVG and PNG per code plus printable sheets (SVG and PDF)',
  usage: `Usage: zonetrace labels --lot ID --count N --out DIR [--layout LAYOUT] [--lang vi|en]

Issues N labels for lot ID: random serials, each a GS1 Digital Link
  {PUBLIC_BASE_URL}/01/{gtin14}/10/{lot}/21/{serial}?s={signature}&k={kid}
signed with the current label key (zonetrace keys rotate). Writes {serial}.svg and {serial}.png per code,
the printable sheets sheet-001.svg… and labels.pdf (fonts embedded; each label with product name, OCOP
stars, lot, growing-area code and serial), and labels.csv (serial,url) for label printers. Prints a JSON
summary with the batch id; a progress bar goes to stderr on a terminal.
--layout: a4-3x5 (default: A4, 15 labels of 65 × 54 mm), a4-2x4, a4-4x7, a4-4x8, any a4-CxR, or a label
roll roll-40, roll-50, roll-62, any roll-W (W mm wide, one label a page). A layout whose QR codes would
get modules under 0.33 mm is refused before any serial is issued.
A lot whose links would need a QR code larger than version 10 (ECC M) under PUBLIC_BASE_URL is refused
before any serial is issued, with the same message as the API.

Works on DATABASE_URL, or on the embedded database under DATA_DIR when no other process holds it.
Against a running demo use the API: POST /api/v1/lots/{lotId}/labels {"count":N}, then download the
batch's PDF, SVG, ZIP or CSV from the paths it answers (README, "Labels").`,
  async run(args) {
    const { values } = parseCommandArgs(args, ['lot', 'count', 'out', 'lang', 'layout'])
    const lotId = required(values.lot, 'lot')
    const out = required(values.out, 'out')
    const count = positiveInteger(values.count, 'count', Number.NaN)
    if (Number.isNaN(count)) throw new UsageError('--count is required')
    const lang = values.lang ?? 'vi'
    if (lang !== 'vi' && lang !== 'en') throw new UsageError('--lang must be vi or en')

    const api = await import('@zonetrace/api')
    let layout: import('@zonetrace/api').LabelLayout
    try {
      layout = api.resolveLayout(values.layout ?? api.DEFAULT_LAYOUT)
    } catch (err) {
      throw err instanceof api.LayoutError ? new UsageError(err.message) : err
    }
    if (count > api.MAX_LABELS_PER_REQUEST) {
      throw new UsageError(`--count must be at most ${api.MAX_LABELS_PER_REQUEST}; run it again for more`)
    }
    // Refused before any serial is issued: a failed run must not leave issued codes nobody printed.
    await api.ensureLabelFolder(out).catch((err: unknown) => {
      throw err instanceof api.LabelOutputError ? new CliError(err.message) : err
    })
    const ctx = loadContext()
    const { RegistryError } = await import('@zonetrace/db')
    const { db } = await openConfiguredDatabase(ctx)
    try {
      const keyring = api.openLabelKeyring(ctx.config.dataDir)
      // The CLI runs with the operator's access to the database, as `gateway add` does: no cooperative limit.
      const batch = await api
        .issueLabels(
          db,
          keyring,
          { cooperativeId: null, subject: 'cli' },
          { lotId, count, baseUrl: ctx.config.publicBaseUrl, layout: layout.id },
        )
        .catch((err: unknown) => {
          throw err instanceof RegistryError ? new CliError(err.message) : err
        })
      const bar = progressBar(count * 2 + Math.ceil(count / layout.perPage) + 1)
      const labels = []
      for (const label of batch.labels) {
        const qrSvg = await api.labelQrSvg(label.url).catch((err: unknown) => {
          throw err instanceof api.LabelTooLongError ? new CliError(err.message) : err
        })
        labels.push({
          ...label,
          sheet: {
            ...label,
            qrSvg,
            productName: batch.productName,
            stars: batch.stars,
            lot: batch.lotId,
            areaCode: batch.areaCodes.join(', '),
          },
        })
        bar.increment()
      }
      const written = await api
        .writeLabelFiles(out, labels, (done) => bar.update(count + done), { lang, layout })
        .catch((err: unknown) => {
          throw err instanceof api.LabelOutputError ? new CliError(err.message) : err
        })
      const pdf = join(out, 'labels.pdf')
      await writeFile(
        pdf,
        await api.renderLabelPdf(api.batchFaces(batch), {
          layout,
          lang,
          title: api.pdfTitle(batch),
          createdAt: new Date(batch.issuedAt),
        }),
      )
      bar.increment()
      bar.stop()
      // For print shops and label printers that take variable data rather than images.
      await writeFile(join(out, 'labels.csv'), api.labelsCsv(batch.labels))
      const summary = {
        lot: batch.lotId,
        gtin: batch.gtin,
        batchId: batch.batchId,
        count: batch.labels.length,
        layout: layout.id,
        out,
        files: written.files,
        sheets: written.sheets,
        pdf,
      }
      process.stdout.write(`${JSON.stringify(summary)}\n`)
    } finally {
      await db.close()
    }
  },
}
