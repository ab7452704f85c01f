declare global {
  interface Window {
    /** The ids of the open design's resources, for end-to-end tests and the developer console. */
    peerlabDesignIds?: () => readonly string[]
  }
}

export {}
