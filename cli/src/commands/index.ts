import type { Command } from '../command.ts'
import { apiCommand } from './api.ts'
import { brokerCommand } from './broker.ts'
import { demoCommand } from './demo.ts'
import { edgeAgentCommand } from './edge-agent.ts'
import { gatewayCommand } from './gateway.ts'
import { keysCommand } from './keys.ts'
import { labelsCommand } from './labels.ts'
import { migrateCommand } from './migrate.ts'
import { seedCommand } from './seed.ts'
import { simCommand } from './sim.ts'
import { tokenCommand } from './token.ts'
import { userCommand } from './user.ts'

export const commands: Command[] = [
  demoCommand,
  brokerCommand,
  apiCommand,
  simCommand,
  migrateCommand,
  seedCommand,
  gatewayCommand,
  tokenCommand,
  userCommand,
  edgeAgentCommand,
  keysCommand,
  labelsCommand,
]
