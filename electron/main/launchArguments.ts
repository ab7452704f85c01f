import { isAbsolute, resolve } from 'node:path'

/** What the app opens when the system hands it a file: designs are YAML (`lab.peerlab.yaml`, `lab.yaml`). */
export function isDesignPath(path: string): boolean {
  return /\.ya?ml$/i.test(path)
}

/**
 * The design files named on a command line: the app's own (`peerlab lab.peerlab.yaml`), or the
 * one a second launch passed on to the first instance. The executable comes first, and in
 * development (`electron .`) the app's folder after it; switches (Chromium's and Electron's own,
 * like `--no-sandbox`) are never files. Relative paths are taken from the folder the launch ran in.
 */
export function designPathsIn(argv: readonly string[], workingDirectory: string, packaged: boolean): string[] {
  const operands = argv.slice(packaged ? 1 : 2)
  const paths: string[] = []
  let afterDoubleDash = false
  for (const argument of operands) {
    if (!afterDoubleDash && argument === '--') {
      afterDoubleDash = true
      continue
    }
    if (!afterDoubleDash && argument.startsWith('-')) continue
    if (argument === '' || argument.includes('\0') || !isDesignPath(argument)) continue
    const path = isAbsolute(argument) ? argument : resolve(workingDirectory, argument)
    if (!paths.includes(path)) paths.push(path)
  }
  return paths
}
