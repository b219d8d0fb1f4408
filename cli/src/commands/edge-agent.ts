import { parseCommandArgs } from '../args.ts'
import type { Command } from '../command.ts'
import { CliError, UsageError } from '../errors.ts'
import { serveUntilSignal } from '../lifecycle.ts'
import { createLogger } from '../logger.ts'

export const edgeAgentCommand: Command = {
  name: 'edge-agent',
  summary: 'gateway agent: local inputs, durable spool, uplink, offline alarms',
  usage: `Usage: zonetrace edge-agent --config FILE

Runs on the gateway in the field. Receives readings from the probes on its LAN (a local MQTT port, and
Circular 10/2021/TT-BTNMT station files dropped in a folder), keeps each one in a spool on disk until the
platform has committed it, sends them over MQTT with backoff when the uplink comes and goes, and raises
local alarms (a command for a relay or an aerator, a state file) even with no uplink at all.

  --config FILE   the agent's JSON config (README § Edge agent has an example)

Stops cleanly on Ctrl-C or SIGTERM: the spool is flushed and the platform told the gateway is offline.`,
  async run(args) {
    const { values } = parseCommandArgs(args, ['config'])
    if (!values.config) throw new UsageError('--config FILE is required')
    const { AgentConfigError, loadAgentConfig, startAgent } = await import('@zonetrace/edge-agent')
    const config = await loadAgentConfig(values.config).catch((err: unknown) => {
      throw err instanceof AgentConfigError ? new CliError(err.message) : err
    })
    const log = createLogger(config.logLevel).child({ component: 'edge-agent', gatewayId: config.gatewayId })
    await serveUntilSignal(log, async (life) => {
      const agent = await startAgent({ config, log })
      life.defer('edge agent', () => agent.close())
      const port = agent.inputs.localMqtt?.port
      process.stdout.write(
        `edge agent ${config.gatewayId} running; spool holds ${agent.spool.stats().depth} entries` +
          (port !== undefined ? `; LAN nodes publish to mqtt://<gateway>:${port}` : '') +
          '\n',
      )
    })
  },
}
