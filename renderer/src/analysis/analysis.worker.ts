/// <reference lib="webworker" />
import { createAnalysisService } from './analysisService'
import type { ToWorker } from './protocol'

const scope = self as unknown as DedicatedWorkerGlobalScope
const handle = createAnalysisService((message) => scope.postMessage(message))
scope.onmessage = (event: MessageEvent<ToWorker>) => handle(event.data)
