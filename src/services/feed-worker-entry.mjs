// Worker-thread entry when running from source (tests, benches): registers tsx's loader in this thread, then loads
// the TypeScript worker. Compiled, feed-processor starts dist/…/feed-worker.js directly.
import { register } from 'tsx/esm/api'

register()
await import('./feed-worker.ts')
