import { describe, expect, it } from 'vitest'
import { runPerHost } from '../src/1-fetch/host-queue.js'

describe('per-host politeness', () => {
  it('waits between requests to one host, runs hosts side by side, and never makes a local file wait', async () => {
    const urls = ['https://a.example/1', 'https://a.example/2', 'https://b.example/1', 'file:///feeds/1.xml', 'file:///feeds/2.xml', 'file:///feeds/3.xml']
    const started = performance.now()
    const at = new Map<string, number>()
    const read = async (url: string) => {
      at.set(url, performance.now() - started)
      return url.length
    }
    const results = await runPerHost(urls, (url) => url, read, { concurrency: 8, delayMs: 300 })
    expect(results).toEqual(urls.map((url) => url.length))
    expect(at.get('https://a.example/2')! - at.get('https://a.example/1')!).toBeGreaterThanOrEqual(290)
    expect(Math.max(at.get('https://b.example/1')!, ...urls.filter((u) => u.startsWith('file:')).map((u) => at.get(u)!))).toBeLessThan(150)
  })
})
