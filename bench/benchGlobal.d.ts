declare global {
  interface Window {
    /** When the canvas bench saw the file chosen and its hosts and sessions drawn (performance.now()), and who to tell of each drawing. */
    benchTimings?: { chosen?: number; shown?: number; sessions?: number; drawn?: (at: number) => void }
  }
}
export {}
