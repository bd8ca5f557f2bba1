// Worker thread for feed-processor.ts: decodes, parses and normalises one feed per message.
import { parentPort, workerData } from 'node:worker_threads'
import { compileTopics } from '../3-normalise/topics.js'
import type { TopicConfig } from '../config/app-config.js'
import { processFeed, type FeedJob } from './feed-processor.js'

const matchTopics = compileTopics((workerData as { topics: TopicConfig[] }).topics)

parentPort!.on('message', async ({ id, job }: { id: number; job: FeedJob }) => {
  // Starts the pool's deadline for this job: the parse below may never yield to say anything else.
  parentPort!.postMessage({ id, started: true })
  try {
    parentPort!.postMessage({ id, output: await processFeed(job, matchTopics) })
  } catch (err) {
    parentPort!.postMessage({ id, error: err instanceof Error ? err.message : String(err) })
  }
})
