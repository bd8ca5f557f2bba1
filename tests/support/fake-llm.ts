// A fake OpenAI-compatible chat server on 127.0.0.1 that answers each request from a table: the test says what the
// model answers for a prompt (found by `keyOf`, e.g. the sentence between <<< >>>), and sees every prompt asked.
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A JSON answer, raw content, or a behaviour of its own (a slow or failing server). */
export type FakeAnswer = Record<string, unknown> | string | ((res: ServerResponse) => void)

export interface FakeLlm {
  baseUrl: string
  table: Map<string, FakeAnswer>
  /** The keys of every request, in order. */
  received: string[]
  reset(): void
  close(): void
}

export const chatReply = (res: ServerResponse, content: string) =>
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] }))

export async function startFakeLlm(keyOf: (prompt: string) => string, fallback: (key: string) => FakeAnswer): Promise<FakeLlm> {
  const table = new Map<string, FakeAnswer>()
  const received: string[] = []
  const server = createServer((req, res) => {
    let raw = ''
    req.on('data', (chunk) => (raw += chunk))
    req.on('end', () => {
      const prompt = (JSON.parse(raw) as { messages: { role: string; content: string }[] }).messages.find((m) => m.role === 'user')!.content
      const key = keyOf(prompt)
      received.push(key)
      const answer = table.get(key) ?? fallback(key)
      if (typeof answer === 'function') answer(res)
      else chatReply(res, typeof answer === 'string' ? answer : JSON.stringify(answer))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    table,
    received,
    reset() {
      table.clear()
      received.length = 0
    },
    close() {
      server.closeAllConnections()
      server.close()
    },
  }
}
