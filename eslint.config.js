// Boundaries: only the store touches Prisma, only the Discord adapter touches discord.js, only the Slack
// adapter touches Bolt. Everything else talks to them through small interfaces.
import tseslint from 'typescript-eslint'

const prisma = { group: ['@prisma/*', '**/7-store/generated/**', 'pg', 'better-sqlite3'], message: 'Only src/7-store/ may use the database drivers.' }
const discord = { group: ['discord.js', '@discordjs/*'], message: 'Only src/8-deliver/discord/ may import discord.js.' }
const slack = { group: ['@slack/*'], message: 'Only src/8-deliver/slack/ may import Slack libraries.' }
const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] })

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.scratch/', 'src/7-store/generated/', 'data/', 'bench/results/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      ...restrict(prisma, discord, slack),
    },
  },
  { files: ['src/7-store/**'], rules: restrict(discord, slack) },
  { files: ['src/8-deliver/discord/**'], rules: restrict(prisma, slack) },
  { files: ['src/8-deliver/slack/**'], rules: restrict(prisma, discord) },
  // Test fakes speak the platforms' wire protocols and may use the real libraries to drive them.
  { files: ['tests/**', 'bench/**', 'eval/**', 'tools/**', 'prisma.config.ts'], rules: { 'no-restricted-imports': 'off' } },
)
